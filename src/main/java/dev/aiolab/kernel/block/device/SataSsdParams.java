package dev.aiolab.kernel.block.device;

/**
 * The named parameters of a {@link SataSsd}; the default set and its sources are in
 * {@link #samsung850Evo()}.
 *
 * @param name             short name for manifests
 * @param capacitySectors  capacity in 512-byte sectors
 * @param ncqDepth         NCQ tags: commands the drive accepts at once
 * @param channels         flash channels serving commands in parallel
 * @param readNs           NAND read of one command's data on one channel (tR plus channel transfer)
 * @param writeNs          accepting one command's data into the DRAM/SLC write cache
 * @param overheadNs       controller, FTL and AHCI/SATA protocol time per command
 * @param linkBytesPerSec  SATA link data rate
 */
public record SataSsdParams(String name, long capacitySectors, int ncqDepth, int channels, long readNs,
        long writeNs, long overheadNs, double linkBytesPerSec) implements FlashParams<SataSsdParams> {

    /**
     * A 500 GB SATA 6 Gb/s TLC SSD of 2014-2016, the class of the Samsung 850 EVO.
     * <ul>
     *   <li>NCQ depth 32: the SATA/AHCI limit (Serial ATA 2.6, Native Command Queuing);</li>
     *   <li>link 550 MB/s: SATA 6 Gb/s carries 600 MB/s after 8b/10b coding, about 550 MB/s after
     *       FIS framing; Samsung quotes 540 MB/s sequential read for the 850 EVO (data sheet);</li>
     *   <li>8 channels: Samsung's MEX controller is an 8-channel design (850 EVO data sheet/reviews);</li>
     *   <li>QD1 4 KiB random read 10,000 IOPS, i.e. 100 us (850 EVO data sheet), within the
     *       90-150 us band of model-reference.md "Default costs": split as read 80 us + 4 KiB over
     *       the link 7.4 us + overhead 12 us = 99.4 us. The 8 channels then give ~100,000 IOPS at
     *       QD32, as the data sheet's 98,000;</li>
     *   <li>writes: QD1 4 KiB random write 40,000 IOPS, i.e. 25 us (data sheet): link 7.4 us +
     *       cache acceptance 6 us + overhead 12 us = 25.4 us;</li>
     *   <li>capacity 500 GB = 976,773,168 sectors (IDEMA LBA count).</li>
     * </ul>
     */
    public static SataSsdParams samsung850Evo() {
        return new SataSsdParams("sata-ssd", 976_773_168L, 32, 8, 80_000L, 6_000L, 12_000L, 550e6);
    }

    public SataSsdParams withName(String v) {
        return new SataSsdParams(v, capacitySectors, ncqDepth, channels, readNs, writeNs, overheadNs, linkBytesPerSec);
    }

    public SataSsdParams withCapacitySectors(long v) {
        return new SataSsdParams(name, v, ncqDepth, channels, readNs, writeNs, overheadNs, linkBytesPerSec);
    }

    public SataSsdParams withNcqDepth(int v) {
        return new SataSsdParams(name, capacitySectors, v, channels, readNs, writeNs, overheadNs, linkBytesPerSec);
    }

    public SataSsdParams withChannels(int v) {
        return new SataSsdParams(name, capacitySectors, ncqDepth, v, readNs, writeNs, overheadNs, linkBytesPerSec);
    }

    public SataSsdParams withReadNs(long v) {
        return new SataSsdParams(name, capacitySectors, ncqDepth, channels, v, writeNs, overheadNs, linkBytesPerSec);
    }

    public SataSsdParams withWriteNs(long v) {
        return new SataSsdParams(name, capacitySectors, ncqDepth, channels, readNs, v, overheadNs, linkBytesPerSec);
    }

    public SataSsdParams withOverheadNs(long v) {
        return new SataSsdParams(name, capacitySectors, ncqDepth, channels, readNs, writeNs, v, linkBytesPerSec);
    }

    public SataSsdParams withLinkBytesPerSec(double v) {
        return new SataSsdParams(name, capacitySectors, ncqDepth, channels, readNs, writeNs, overheadNs, v);
    }
}
