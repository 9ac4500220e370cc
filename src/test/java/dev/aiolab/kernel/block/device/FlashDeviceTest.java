package dev.aiolab.kernel.block.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** SATA SSD and NVMe models, driven by a closed-loop driver issuing random 4 KiB reads. */
class FlashDeviceTest {
    private static final int WARMUP = 1_000;
    private static final int MEASURED = 20_000;

    private static ClosedLoopDriver randomReads(FlashDevice dev, int depth) {
        return new ClosedLoopDriver(5, dev, depth, ClosedLoopDriver.randomReads(dev, 8)).run(WARMUP, MEASURED);
    }

    private static ClosedLoopDriver randomWrites(FlashDevice dev, int depth) {
        long slots = dev.capacitySectors() / 8;
        return new ClosedLoopDriver(5, dev, depth, (i, rng) -> new DiskCommand(true, rng.nextLong(slots) * 8, 8, null))
                .run(WARMUP, MEASURED);
    }

    /** 4 KiB random read at QD1 on a SATA SSD: 90-150 us (model-reference.md); the default gives 99.4 us. */
    @Test
    void sataSsdQd1RandomReadLatencyIsWithinTheCitedBand() {
        ClosedLoopDriver d = randomReads(new SataSsd(), 1);
        System.out.printf("SATA SSD QD1 4 KiB random read: %.1f us (band 90-150 us), %.0f IOPS%n",
                d.meanLatencyNs() / 1e3, d.iops());
        assertThat(d.meanLatencyNs()).isBetween(90e3, 150e3);
    }

    /** 4 KiB random write at QD1 is acknowledged from the write cache: about 25 us, well below a read. */
    @Test
    void sataSsdQd1WritesAreFasterThanReadsThroughTheWriteCache() {
        double write = randomWrites(new SataSsd(), 1).meanLatencyNs();
        double read = randomReads(new SataSsd(), 1).meanLatencyNs();
        System.out.printf("SATA SSD QD1 4 KiB random write: %.1f us (read %.1f us)%n", write / 1e3, read / 1e3);
        assertThat(write).isCloseTo(25.4e3, within(0.05 * 25.4e3));
        assertThat(write).isLessThan(read / 2);
    }

    /**
     * Throughput grows linearly with queue depth up to the 8 channels (IOPS(QD k) = k IOPS(QD1)
     * within 1 %), then saturates where every channel is always reading: 8 / 80 us = 100,000 IOPS
     * (within 2 %), the same at QD16 and QD32. A channel is free again once its data has left for
     * the link, so the saturated rate exceeds 8 x IOPS(QD1) by the ratio of the QD1 latency to the
     * read time (99.4 / 80).
     */
    @Test
    void sataSsdThroughputScalesWithQueueDepthUpToItsChannelsThenSaturates() {
        double[] iops = sweep(SataSsd::new, new int[] {1, 2, 4, 8, 16, 32});
        SataSsdParams p = SataSsdParams.samsung850Evo();
        double saturated = p.channels() * 1e9 / p.readNs();
        assertThat(iops[1] / iops[0]).isCloseTo(2, within(0.02));
        assertThat(iops[2] / iops[0]).isCloseTo(4, within(0.04));
        assertThat(iops[3] / iops[0]).isCloseTo(8, within(0.08));
        assertThat(iops[4]).isCloseTo(saturated, within(0.02 * saturated));
        assertThat(iops[5]).isCloseTo(saturated, within(0.02 * saturated));
        System.out.printf("SATA SSD IOPS ratio QD32/QD1 = %.2f (saturated at %.0f IOPS)%n", iops[5] / iops[0], saturated);
    }

    /** NAND NVMe 4 KiB random read at QD1: 80-110 us (model-reference.md); the default gives 91.4 us. */
    @Test
    void nvmeQd1RandomReadLatencyIsWithinTheCitedBand() {
        ClosedLoopDriver d = randomReads(new Nvme(), 1);
        System.out.printf("NVMe (NAND) QD1 4 KiB random read: %.1f us (band 80-110 us), %.0f IOPS%n",
                d.meanLatencyNs() / 1e3, d.iops());
        assertThat(d.meanLatencyNs()).isBetween(80e3, 110e3);
    }

    /** Optane 4 KiB random read at QD1: about 9 us (model-reference.md; P4800X data sheet: under 10 us). */
    @Test
    void optaneQd1RandomReadLatencyIsAboutNineMicroseconds() {
        ClosedLoopDriver d = randomReads(new Nvme(NvmeParams.optane()), 1);
        System.out.printf("NVMe (Optane) QD1 4 KiB random read: %.2f us (expected ~9 us)%n", d.meanLatencyNs() / 1e3);
        assertThat(d.meanLatencyNs()).isCloseTo(9e3, within(0.5e3));
    }

    /**
     * NVMe random-read IOPS at QD32 are at least 6 times those at QD1 and at most units (32) times;
     * deeper queues saturate where all units are always reading, 32 / 85 us = 376,471 IOPS (within
     * 2 % at QD128 and QD512).
     */
    @Test
    void nvmeThroughputScalesWithQueueDepthUpToItsUnitsThenSaturates() {
        double[] iops = sweep(Nvme::new, new int[] {1, 8, 32, 128, 512});
        NvmeParams p = NvmeParams.nand();
        double ratio = iops[2] / iops[0];
        double saturated = p.units() * 1e9 / p.readNs();
        System.out.printf("NVMe (NAND) IOPS ratio QD32/QD1 = %.2f (>= 6, <= %d units), saturated at %.0f IOPS%n",
                ratio, p.units(), saturated);
        assertThat(ratio).isGreaterThanOrEqualTo(6).isLessThanOrEqualTo(p.units() * 1.01);
        assertThat(iops[3]).isCloseTo(saturated, within(0.02 * saturated));
        assertThat(iops[4]).isCloseTo(saturated, within(0.02 * saturated));
    }

    /** Optane's units outrun its 2.4 GB/s link: at QD32, 4 KiB reads run at the link's 585,938 IOPS (5 %). */
    @Test
    void optaneRandomReadsSaturateTheLinkAtDepth() {
        ClosedLoopDriver d = randomReads(new Nvme(NvmeParams.optane()), 32);
        double linkIops = 2.4e9 / 4096;
        System.out.printf("NVMe (Optane) QD32 4 KiB random read: %.0f IOPS (link limit %.0f)%n", d.iops(), linkIops);
        assertThat(d.iops()).isCloseTo(linkIops, within(0.05 * linkIops));
    }

    @Test
    void nvmeQueueDepthIsQueuesTimesEntries() {
        assertThat(new Nvme().queueDepth()).isEqualTo(64 * 1024);
        assertThat(new Nvme(NvmeParams.nand().withIoQueues(4).withQueueEntries(256)).queueDepth()).isEqualTo(1024);
    }

    /** A closed loop never lets the device idle, so busy time is the whole run; a device never used is never busy. */
    @Test
    void busyTimeCountsTimeWithACommandOutstanding() {
        Nvme dev = new Nvme();
        ClosedLoopDriver d = randomReads(dev, 4);
        assertThat(dev.busyNs()).isEqualTo(d.sim().now());
        assertThat(new Nvme().busyNs()).isZero();
    }

    @Test
    void sameSeedGivesIdenticalCompletionTimes() {
        assertThat(randomReads(new Nvme(), 16).completionTimes()).isEqualTo(randomReads(new Nvme(), 16).completionTimes());
        assertThat(randomReads(new SataSsd(), 16).completionTimes())
                .isEqualTo(randomReads(new SataSsd(), 16).completionTimes());
    }

    private static double[] sweep(Supplier<FlashDevice> make, int[] depths) {
        double[] iops = new double[depths.length];
        StringBuilder line = new StringBuilder(make.get().name() + " IOPS by queue depth:");
        for (int i = 0; i < depths.length; i++) {
            iops[i] = randomReads(make.get(), depths[i]).iops();
            line.append(String.format(" QD%d %.0f", depths[i], iops[i]));
        }
        System.out.println(line);
        return iops;
    }
}
