package dev.aiolab.kernel.block.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiolab.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Validation of the service-time device against queueing theory, driven by Poisson arrivals into a
 * FIFO queue in front of a depth-1 device. Mean service time S = 1 ms throughout.
 */
class ServiceTimeDeviceTest {
    private static final double S = 1_000_000.0;
    private static final int WARMUP = 10_000;
    private static final long SEED = 20050301L;

    /**
     * M/M/1: sojourn time T is exponential with rate mu - lambda, so E[T] = 1/(mu - lambda) = S/(1 - rho)
     * and p99 = ln(100)/(mu - lambda). rho = 0.5: E[T] = 2 ms, p99 = 9.21 ms. Tolerance 3 %.
     */
    @Test
    void mm1SojournMeanAndP99MatchTheoryAtHalfLoad() {
        checkMm1(0.5, 400_000);
    }

    /** M/M/1 at rho = 0.75: E[T] = 4 ms, p99 = 18.42 ms. Tolerance 3 %. */
    @Test
    void mm1SojournMeanAndP99MatchTheoryAtThreeQuarterLoad() {
        checkMm1(0.75, 1_000_000);
    }

    private static void checkMm1(double rho, int customers) {
        OpenLoopDriver d = new OpenLoopDriver(SEED, ServiceTimeDevice.exponential(S), S / rho, WARMUP, customers).run();
        double mean = S / (1 - rho);
        double p99 = Math.log(100) * S / (1 - rho);
        System.out.printf("M/M/1 rho=%.2f n=%d: mean sojourn %.4f ms (theory %.4f, err %+.2f %%), "
                + "p99 %.4f ms (theory %.4f, err %+.2f %%), utilisation %.4f%n", rho, customers,
                d.meanSojournNs() / 1e6, mean / 1e6, 100 * (d.meanSojournNs() / mean - 1),
                d.sojournPercentileNs(99) / 1e6, p99 / 1e6, 100 * (d.sojournPercentileNs(99) / p99 - 1),
                d.utilisation());
        assertThat(d.meanSojournNs()).isCloseTo(mean, within(0.03 * mean));
        assertThat(d.sojournPercentileNs(99)).isCloseTo(p99, within(0.03 * p99));
        assertThat(d.utilisation()).isCloseTo(rho, within(0.03 * rho));
    }

    /**
     * M/D/1, Pollaczek-Khinchine: Wq = rho * S / (2 (1 - rho)). rho = 0.5: 0.5 ms; rho = 0.75: 1.5 ms.
     * Tolerance 3 %.
     */
    @Test
    void md1MeanWaitMatchesPollaczekKhinchine() {
        for (double rho : new double[] {0.5, 0.75}) {
            OpenLoopDriver d = new OpenLoopDriver(SEED, ServiceTimeDevice.deterministic((long) S), S / rho, WARMUP,
                    rho < 0.6 ? 400_000 : 1_000_000).run();
            double wq = rho * S / (2 * (1 - rho));
            System.out.printf("M/D/1 rho=%.2f: mean wait %.4f ms (theory %.4f, err %+.2f %%)%n", rho,
                    d.meanWaitNs() / 1e6, wq / 1e6, 100 * (d.meanWaitNs() / wq - 1));
            assertThat(d.meanWaitNs()).isCloseTo(wq, within(0.03 * wq));
        }
    }

    @Test
    void deeperQueueServesFifoWithOneServer() {
        Simulation sim = new Simulation(1);
        ServiceTimeDevice dev = ServiceTimeDevice.deterministic(100).withQueueDepth(4);
        List<DiskCommand> done = new ArrayList<>();
        dev.attach(sim, sim.random().stream("device"), done::add);
        DiskCommand[] cmds = new DiskCommand[4];
        for (int i = 0; i < 4; i++) {
            cmds[i] = new DiskCommand(false, i, 1, i);
            dev.submit(cmds[i], 0);
        }
        sim.run();
        assertThat(done).containsExactly(cmds);
        assertThat(done).extracting(c -> c.completeNs).containsExactly(100L, 200L, 300L, 400L);
        assertThat(done).extracting(c -> c.startNs).containsExactly(0L, 100L, 200L, 300L);
        assertThat(dev.busyNs()).isEqualTo(400);
    }

    @Test
    void commandSubmittedForALaterInstantIsNotServedBeforeIt() {
        Simulation sim = new Simulation(1);
        ServiceTimeDevice dev = ServiceTimeDevice.deterministic(100).withQueueDepth(2);
        dev.attach(sim, sim.random().stream("device"), c -> { });
        DiskCommand first = new DiskCommand(false, 0, 1, null);
        DiskCommand later = new DiskCommand(false, 1, 1, null);
        dev.submit(first, 0);
        dev.submit(later, 500);
        sim.run();
        assertThat(first.completeNs).isEqualTo(100);
        assertThat(later.startNs).isEqualTo(500);
        assertThat(later.completeNs).isEqualTo(600);
    }

    @Test
    void sameSeedGivesIdenticalCompletionTimes() {
        OpenLoopDriver a = new OpenLoopDriver(7, ServiceTimeDevice.exponential(S), 2 * S, 100, 5_000).run();
        OpenLoopDriver b = new OpenLoopDriver(7, ServiceTimeDevice.exponential(S), 2 * S, 100, 5_000).run();
        assertThat(a.meanSojournNs()).isEqualTo(b.meanSojournNs());
        assertThat(a.sojournPercentileNs(99)).isEqualTo(b.sojournPercentileNs(99));
    }
}
