package dev.aiolab.kernel.block.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiolab.sim.RandomStream;
import dev.aiolab.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HddTest {
    private static final HddParams P = HddParams.barracuda7200();

    @Test
    void seekTimeIsMonotoneInDistanceAndMatchesTheCurvesThreeAnchorFigures() {
        Hdd hdd = new Hdd(P);
        SeekCurve s = hdd.seekCurve();
        long dMax = hdd.cylinders() - 1;
        for (long d = 1; d <= dMax; d++) {
            assertThat(s.seekNs(d)).as("seek(%d) >= seek(%d)", d, d - 1).isGreaterThanOrEqualTo(s.seekNs(d - 1));
        }
        // Mean over random seeks, by sampling independent uniform cylinder pairs as a check on the closed form.
        RandomStream rng = new RandomStream(1);
        double sum = 0;
        int n = 400_000;
        for (int i = 0; i < n; i++) {
            sum += s.seekNs(Math.abs(rng.nextLong(dMax + 1) - rng.nextLong(dMax + 1)));
        }
        double sampledMean = sum / n;
        System.out.printf("HDD geometry: %d sectors/track, %d heads, %d cylinders, skew %d sectors, sustained %.2f MB/s%n",
                hdd.sectorsPerTrack(), P.heads(), hdd.cylinders(), hdd.skewSectors(), hdd.sustainedBytesPerSec() / 1e6);
        System.out.printf("HDD seek curve: %s (a=%.4f ms, b=%.5f ms, c=%.4f ms, e=%.7f ms, d0=%.0f)%n", s, s.a() / 1e6,
                s.b() / 1e6, s.c() / 1e6, s.e() / 1e6, s.boundary());
        System.out.printf("HDD seek: track-to-track %.3f ms, 1/3 stroke %.3f ms, mean over random seeks %.3f ms "
                + "(closed form %.3f ms), full stroke %.3f ms%n", s.seekNs(1) / 1e6, s.seekNs(dMax / 3) / 1e6,
                sampledMean / 1e6, s.meanRandomSeekNs() / 1e6, s.seekNs(dMax) / 1e6);
        assertThat((double) s.seekNs(1)).isCloseTo(1e6, within(0.05 * 1e6));
        assertThat((double) s.seekNs(dMax)).isCloseTo(20e6, within(0.05 * 20e6));
        assertThat(sampledMean).isCloseTo(8.5e6, within(0.05 * 8.5e6));
        assertThat((double) s.seekNs(dMax / 3)).isCloseTo(8.5e6, within(0.05 * 8.5e6));
        assertThat(s.meanRandomSeekNs()).isCloseTo(8.5e6, within(1e3));
    }

    /**
     * Random 4 KiB reads at QD1: expected mean = controller overhead 0.1 ms + average seek 8.5 ms +
     * half a revolution 4.167 ms + 8 sectors of media time + one sector over the interface
     * = about 12.83 ms. Tolerance 5 %.
     */
    @Test
    void randomReadsAtQueueDepthOneAverageSeekPlusHalfRotationPlusTransfer() {
        Hdd hdd = new Hdd(P);
        ClosedLoopDriver d = new ClosedLoopDriver(42, hdd, 1, ClosedLoopDriver.randomReads(hdd, 8)).run(100, 20_000);
        double expected = P.controllerOverheadNs() + P.averageSeekNs() + hdd.revolutionNs() / 2
                + 8 * hdd.sectorNs() + Devices.transferNs(512, P.interfaceBytesPerSec());
        System.out.printf("HDD random 4 KiB reads, QD1: mean %.3f ms (expected %.3f ms, err %+.2f %%), %.1f IOPS%n",
                d.meanLatencyNs() / 1e6, expected / 1e6, 100 * (d.meanLatencyNs() / expected - 1), d.iops());
        assertThat(d.meanLatencyNs()).isCloseTo(expected, within(0.05 * expected));
    }

    /**
     * Consecutive 64 KiB reads at QD1 stream at the sustained media rate, 60 MB/s (the track buffer
     * keeps reading, so no command waits for the platter to come round again). Tolerance 5 %.
     */
    @Test
    void sequentialReadsOfConsecutiveSectorsReachTheSustainedTransferRate() {
        Hdd hdd = new Hdd(P);
        ClosedLoopDriver d = new ClosedLoopDriver(42, hdd, 1, ClosedLoopDriver.sequentialReads(128)).run(10, 4_000);
        double expected = P.sustainedBytesPerSec();
        System.out.printf("HDD sequential 64 KiB reads, QD1: %.2f MB/s (expected %.2f MB/s, err %+.2f %%); "
                + "mechanical %d, rides %d, buffer hits %d%n", d.bytesPerSec() / 1e6, expected / 1e6,
                100 * (d.bytesPerSec() / expected - 1), hdd.mechanicalAccesses(), hdd.streamRides(), hdd.bufferHits());
        assertThat(d.bytesPerSec()).isCloseTo(expected, within(0.05 * expected));
        assertThat(hdd.mechanicalAccesses()).isEqualTo(1);
    }

    /** Small sequential reads are served from the track buffer, never from a fresh rotation. */
    @Test
    void sequentialSmallReadsAreServedFromTheTrackBufferAfterTheFirst() {
        Hdd hdd = new Hdd(P);
        ClosedLoopDriver d = new ClosedLoopDriver(42, hdd, 1, ClosedLoopDriver.sequentialReads(8)).run(10, 20_000);
        System.out.printf("HDD sequential 4 KiB reads, QD1: %.2f MB/s; mechanical %d, rides %d, buffer hits %d%n",
                d.bytesPerSec() / 1e6, hdd.mechanicalAccesses(), hdd.streamRides(), hdd.bufferHits());
        assertThat(hdd.mechanicalAccesses()).isEqualTo(1);
        assertThat(hdd.bufferHits()).isGreaterThan(10_000);
    }

    /**
     * The same sector, on the track under the head, read by an idle disk at two arrival times a
     * quarter of a revolution apart: the rotational delay differs by exactly that quarter (mod one
     * revolution), because the platter's angle is a function of time.
     */
    @Test
    void rotationalDelayForTheSameTargetAngleDependsOnTheArrivalTime() {
        long sector = 500; // track 0, cylinder 0: where the head rests initially, so no seek
        double rev = 60e9 / P.rpm();
        long quarter = Math.round(rev / 4);
        long[] latency = new long[2];
        double[] predicted = new double[2];
        for (int i = 0; i < 2; i++) {
            Simulation sim = new Simulation(9);
            Hdd hdd = new Hdd(P);
            List<DiskCommand> done = new ArrayList<>();
            hdd.attach(sim, sim.random().stream("device"), done::add);
            long arrival = 1_000_000 + i * quarter;
            DiskCommand cmd = new DiskCommand(false, sector, 8, null);
            sim.runUntil(arrival);
            hdd.submit(cmd, arrival);
            sim.run();
            latency[i] = cmd.completeNs - arrival;
            predicted[i] = hdd.rotationalDelayNs(sector, arrival + P.controllerOverheadNs());
            double transfer = P.controllerOverheadNs() + 8 * hdd.sectorNs() + Devices.transferNs(512, P.interfaceBytesPerSec());
            assertThat((double) latency[i]).isCloseTo(predicted[i] + transfer, within(2.0));
        }
        double shift = ((predicted[0] - predicted[1]) % rev + rev) % rev;
        System.out.printf("HDD rotational delay of sector %d: %.3f ms when arriving at 1 ms, %.3f ms a quarter turn later%n",
                sector, predicted[0] / 1e6, predicted[1] / 1e6);
        assertThat(latency[0]).isNotEqualTo(latency[1]);
        assertThat(shift).isCloseTo(quarter, within(2.0));
    }

    @Test
    void writesGoToTheMediaAndEmptyTheTrackBuffer() {
        Simulation sim = new Simulation(3);
        Hdd hdd = new Hdd(P);
        hdd.attach(sim, sim.random().stream("device"), c -> { });
        hdd.submit(new DiskCommand(false, 0, 8, null), 0);
        sim.run();
        hdd.submit(new DiskCommand(true, 8, 8, null), sim.now());
        sim.run();
        hdd.submit(new DiskCommand(false, 16, 8, null), sim.now());
        sim.run();
        assertThat(hdd.mechanicalAccesses()).isEqualTo(3);
        assertThat(hdd.bufferHits()).isZero();
    }

    @Test
    void taggedQueueServesCommandsFifoOneAtATime() {
        Simulation sim = new Simulation(3);
        Hdd hdd = new Hdd(P.withQueueDepth(4));
        List<DiskCommand> done = new ArrayList<>();
        hdd.attach(sim, sim.random().stream("device"), done::add);
        DiskCommand[] cmds = new DiskCommand[4];
        for (int i = 0; i < 4; i++) {
            cmds[i] = new DiskCommand(false, (3 - i) * 10_000_000L, 8, null);
            hdd.submit(cmds[i], 0);
        }
        sim.run();
        assertThat(done).containsExactly(cmds);
        for (int i = 1; i < 4; i++) {
            assertThat(cmds[i].startNs).isEqualTo(cmds[i - 1].completeNs);
        }
        assertThat(hdd.busyNs()).isEqualTo(cmds[3].completeNs);
    }

    @Test
    void sameSeedGivesIdenticalCompletionTimes() {
        long[] a = randomRun(11);
        long[] b = randomRun(11);
        long[] c = randomRun(12);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    private static long[] randomRun(long seed) {
        Hdd hdd = new Hdd(P);
        return new ClosedLoopDriver(seed, hdd, 1, ClosedLoopDriver.randomReads(hdd, 8)).run(0, 2_000).completionTimes();
    }
}
