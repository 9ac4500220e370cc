package dev.aiolab.kernel.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.block.RequestQueue;
import dev.aiolab.kernel.block.device.ServiceTimeDevice;
import org.junit.jupiter.api.Test;

/**
 * Queueing theory through the whole block layer: Poisson arrivals of asynchronous O_DIRECT 4 KiB
 * random reads ({@link PoissonDirectReads}) go through generic_make_request, the request queue with
 * the noop elevator, and a queue-depth-1 {@link ServiceTimeDevice}; the completion runs in
 * interrupt context. With the CPU costs set to zero ({@link PoissonDirectReads#zeroCpuCosts}) the
 * system is exactly a single-server FIFO queue, so any deviation from theory is a delay the block
 * layer adds that a real one would not.
 *
 * <p>Plugging: the first bio into an empty elevator plugs the queue (unplug at 4 requests or after
 * 3 ms). An async O_DIRECT submission unplugs right after its bios are submitted
 * ({@code blk_run_address_space} in {@code direct_io_worker}), so a request arriving at an idle
 * device is dispatched at once, and one arriving at a busy device waits in the elevator exactly until
 * the completion interrupt dispatches the next request. The tests assert that the 3 ms unplug
 * timer never fired.
 *
 * <p>Mean service time S = 1 ms. The first 10,000 customers are a warm-up: at rho = 0.75 they span
 * about 13,000 S, some 240 relaxation times of the M/M/1 queue (1 / (mu (1 - sqrt(rho))^2) = 56 S),
 * so the empty start is forgotten. Run lengths (0.25 to 1 million measured customers, a few seconds
 * each on a shared machine) keep the statistical error of the estimates near 1 % (with 2 million
 * customers, other seeds gave -0.7 to +1.1 % on the mean and -1.7 to +1.5 % on the p99 at
 * rho = 0.75), inside the 3 % tolerance.
 */
class BlockLayerQueueingTest {
    static final double S = 1_000_000.0;
    static final int WARMUP = 10_000;
    static final long SEED = 20050301L;
    static final double TOLERANCE = 0.03;

    static KernelConfig noopZeroCost() {
        return PoissonDirectReads.zeroCpuCosts(KernelConfig.aioWaitBit()
                .with(KernelConfig.ELEVATOR, KernelConfig.Elevator.NOOP));
    }

    /**
     * M/M/1 at rho = 0.5: the sojourn time is exponential with rate mu - lambda, so
     * E[T] = 1/(mu - lambda) = S/(1 - rho) = 2 ms and p99 = ln(100)/(mu - lambda) = 9.210 ms.
     * Tolerance 3 % on both, and on the utilisation rho.
     */
    @Test
    void mm1SojournThroughBlockLayerMatchesTheoryAtHalfLoad() {
        checkMm1("noop, 1 cpu", noopZeroCost(), 1, 0.5, 500_000);
    }

    /** M/M/1 at rho = 0.75: E[T] = 4 ms, p99 = 18.421 ms. Tolerance 3 %. */
    @Test
    void mm1SojournThroughBlockLayerMatchesTheoryAtThreeQuarterLoad() {
        checkMm1("noop, 1 cpu", noopZeroCost(), 1, 0.75, 1_000_000);
    }

    static PoissonDirectReads checkMm1(String label, KernelConfig config, int cpus, double rho, int customers) {
        PoissonDirectReads d = new PoissonDirectReads(config, cpus, ServiceTimeDevice.exponential(S), SEED, S / rho,
                WARMUP, customers).run();
        double mean = S / (1 - rho);
        double p99 = Math.log(100) * S / (1 - rho);
        System.out.printf("M/M/1 through the block layer (%s) rho=%.2f n=%d: mean sojourn %.4f ms "
                + "(theory %.4f, err %+.2f %%), p99 %.4f ms (theory %.4f, err %+.2f %%), utilisation %.4f%n",
                label, rho, customers, d.meanSojournNs() / 1e6, mean / 1e6, 100 * (d.meanSojournNs() / mean - 1),
                d.sojournPercentileNs(99) / 1e6, p99 / 1e6, 100 * (d.sojournPercentileNs(99) / p99 - 1),
                d.utilisation());
        assertThat(d.meanSojournNs()).isCloseTo(mean, within(TOLERANCE * mean));
        assertThat(d.sojournPercentileNs(99)).isCloseTo(p99, within(TOLERANCE * p99));
        assertThat(d.utilisation()).isCloseTo(rho, within(TOLERANCE * rho));
        assertNoSpuriousPlugDelay(d);
        return d;
    }

    static void assertNoSpuriousPlugDelay(PoissonDirectReads d) {
        RequestQueue q = d.kernel().queue();
        assertThat(q.unplugs(RequestQueue.Unplug.TIMER)).as("unplug timer expiries").isZero();
        assertThat(q.backMerges() + q.frontMerges()).as("merges of random 4 KiB reads").isLessThan(
                q.biosSubmitted() / 1000 + 1);
    }

    /**
     * M/D/1 (S = 1 ms constant): Pollaczek-Khinchine mean waiting time Wq = rho * S / (2 (1 - rho)),
     * 0.5 ms at rho = 0.5 and 1.5 ms at rho = 0.75. With zero CPU costs the wait is the sojourn minus
     * S exactly. Tolerance 3 %.
     */
    @Test
    void md1MeanWaitThroughBlockLayerMatchesPollaczekKhinchine() {
        for (double rho : new double[] {0.5, 0.75}) {
            int customers = rho < 0.6 ? 250_000 : 500_000;
            PoissonDirectReads d = new PoissonDirectReads(noopZeroCost(), 1,
                    ServiceTimeDevice.deterministic((long) S), SEED, S / rho, WARMUP, customers).run();
            double wq = rho * S / (2 * (1 - rho));
            double measured = d.meanSojournNs() - S;
            System.out.printf("M/D/1 through the block layer rho=%.2f n=%d: mean wait %.4f ms (theory %.4f, "
                    + "err %+.2f %%), utilisation %.4f%n", rho, customers, measured / 1e6, wq / 1e6,
                    100 * (measured / wq - 1), d.utilisation());
            assertThat(measured).isCloseTo(wq, within(TOLERANCE * wq));
            assertNoSpuriousPlugDelay(d);
        }
    }
}
