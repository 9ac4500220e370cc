package dev.aiolab.kernel.validation;

import static dev.aiolab.kernel.validation.BlockLayerQueueingTest.S;
import static dev.aiolab.kernel.validation.BlockLayerQueueingTest.SEED;
import static dev.aiolab.kernel.validation.BlockLayerQueueingTest.TOLERANCE;
import static dev.aiolab.kernel.validation.BlockLayerQueueingTest.WARMUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.block.device.ServiceTimeDevice;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The M/M/1 validation of {@link BlockLayerQueueingTest} under variations that must not change the
 * queue: a second CPU (the submitter on CPU 1, completion interrupts on CPU 0) and the deadline
 * elevator; and the run's determinism. Zero CPU costs, S = 1 ms, rho = 0.75, so E[T] = 4 ms and
 * p99 = 18.421 ms; tolerance 3 %.
 */
class BlockLayerQueueingVariantsTest {
    private static final double RHO = 0.75;
    private static final int CUSTOMERS = 2_000_000;
    private static final int DEADLINE_CUSTOMERS = 600_000;

    private static KernelConfig zeroCost(KernelConfig.Elevator elevator) {
        return PoissonDirectReads.zeroCpuCosts(KernelConfig.aioWaitBit().with(KernelConfig.ELEVATOR, elevator));
    }

    /**
     * Two CPUs, noop: still FIFO with one server, so both the mean and the p99 of M/M/1 hold. With
     * zero CPU costs where the submitter and the interrupt run cannot matter at all: every customer's
     * sojourn equals the one-CPU run's.
     */
    @Test
    void secondCpuDoesNotChangeMm1Sojourn() {
        PoissonDirectReads two = BlockLayerQueueingTest.checkMm1("noop, 2 cpus", zeroCost(KernelConfig.Elevator.NOOP),
                2, RHO, CUSTOMERS);
        long[] one = new PoissonDirectReads(zeroCost(KernelConfig.Elevator.NOOP), 1, ServiceTimeDevice.exponential(S),
                SEED, S / RHO, WARMUP, CUSTOMERS / 10).run().sojourns();
        assertThat(Arrays.copyOf(two.sojourns(), one.length)).isEqualTo(one);
    }

    /**
     * Deadline elevator, two CPUs. Deadline serves reads in ascending sector order in batches of 16
     * (a request expires only after 500 ms, which never happens here), so the discipline is no
     * longer FIFO and the sojourn is no longer exponential: its tail grows (the p99 is printed, not
     * asserted). But the discipline is work-conserving and ignores service times, which the device
     * draws at service start, so the number in system, and by Little's law the mean sojourn, are
     * those of M/M/1: E[T] = S / (1 - rho) = 4 ms within 3 %. (The deadline elevator's sorted
     * lists make the run slower, so it measures 600,000 customers rather than 2 million.)
     */
    @Test
    void deadlineElevatorKeepsMm1MeanSojourn() {
        double mean = S / (1 - RHO);
        PoissonDirectReads d = new PoissonDirectReads(zeroCost(KernelConfig.Elevator.DEADLINE), 2,
                ServiceTimeDevice.exponential(S), SEED, S / RHO, WARMUP, DEADLINE_CUSTOMERS).run();
        double p99Fifo = Math.log(100) * S / (1 - RHO);
        System.out.printf("M/M/1 through the block layer (deadline, 2 cpus) rho=%.2f n=%d: mean sojourn %.4f ms "
                + "(theory %.4f, err %+.2f %%), p99 %.4f ms (FIFO theory %.4f, %+.2f %%), utilisation %.4f%n",
                RHO, DEADLINE_CUSTOMERS, d.meanSojournNs() / 1e6, mean / 1e6, 100 * (d.meanSojournNs() / mean - 1),
                d.sojournPercentileNs(99) / 1e6, p99Fifo / 1e6, 100 * (d.sojournPercentileNs(99) / p99Fifo - 1),
                d.utilisation());
        assertThat(d.meanSojournNs()).isCloseTo(mean, within(TOLERANCE * mean));
        assertThat(d.utilisation()).isCloseTo(RHO, within(TOLERANCE * RHO));
        BlockLayerQueueingTest.assertNoSpuriousPlugDelay(d);
    }

    /** The same seed and configuration give the same sojourn of every customer; another seed does not. */
    @Test
    void sameSeedGivesIdenticalSojournList() {
        KernelConfig c = zeroCost(KernelConfig.Elevator.DEADLINE);
        long[] a = new PoissonDirectReads(c, 2, ServiceTimeDevice.exponential(S), 7, S / RHO, 1_000, 50_000).run()
                .sojourns();
        long[] b = new PoissonDirectReads(c, 2, ServiceTimeDevice.exponential(S), 7, S / RHO, 1_000, 50_000).run()
                .sojourns();
        long[] other = new PoissonDirectReads(c, 2, ServiceTimeDevice.exponential(S), 8, S / RHO, 1_000, 50_000)
                .run().sojourns();
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(other);
    }
}
