package dev.aiolab.kernel.block.device;

/**
 * The named parameters of an {@link Nvme} device; the default sets and their sources are in
 * {@link #nand()} and {@link #optane()}.
 *
 * @param name             short name for manifests
 * @param capacitySectors  capacity in 512-byte sectors
 * @param ioQueues         NVMe I/O submission/completion queue pairs
 * @param queueEntries     entries per queue
 * @param units            flash dies (or channels) serving commands in parallel
 * @param readNs           media read of one command's data on one unit
 * @param writeNs          accepting one command's data into the write cache
 * @param overheadNs       controller and NVMe protocol time per command (doorbell, fetch, interrupt)
 * @param linkBytesPerSec  PCIe link data rate
 */
public record NvmeParams(String name, long capacitySectors, int ioQueues, int queueEntries, int units, long readNs,
        long writeNs, long overheadNs, double linkBytesPerSec) implements FlashParams<NvmeParams> {

    /** Commands the driver may keep outstanding: queues x entries. */
    public int queueDepth() {
        return Math.multiplyExact(ioQueues, queueEntries);
    }

    /**
     * A 1 TB TLC NAND NVMe SSD on PCIe 3.0 x4, of about 2018.
     * <ul>
     *   <li>64 I/O queues x 1024 entries: 1024 is the Linux nvme driver's default
     *       {@code io_queue_depth} (drivers/nvme/host/pci.c); one queue per CPU of a 64-CPU host;</li>
     *   <li>link 3 GB/s: PCIe 3.0 x4 carries 3.94 GB/s (8 GT/s, 128b/130b coding, PCIe Base 3.0),
     *       about 3.0-3.5 GB/s after TLP overhead, as the sequential read figures of drives of the
     *       class (e.g. Samsung 970 EVO: 3.4-3.5 GB/s);</li>
     *   <li>QD1 4 KiB random read in the 80-110 us band of model-reference.md "Default costs":
     *       read 85 us + 4 KiB over the link 1.4 us + overhead 5 us = 91.4 us;</li>
     *   <li>32 units (e.g. 8 channels x 4 dies; an assumption within the usual 32-64): with 85 us
     *       per read they saturate at 32 / 85 us = 376,000 random-read IOPS, the order of the
     *       class's QD32 data-sheet figures;</li>
     *   <li>writes acknowledged from the write cache: link 1.4 us + 10 us + 5 us, about 16 us;</li>
     *   <li>capacity 1 TB = 1,953,525,168 sectors (IDEMA LBA count).</li>
     * </ul>
     */
    public static NvmeParams nand() {
        return new NvmeParams("nvme", 1_953_525_168L, 64, 1024, 32, 85_000L, 10_000L, 5_000L, 3e9);
    }

    /**
     * A 375 GB Intel Optane SSD DC P4800X (3D XPoint), per its data sheet: read latency under
     * 10 us (about 9 us: model-reference.md "Default costs"), 2.4 GB/s sequential read, 550,000
     * random 4 KiB read IOPS.
     * <ul>
     *   <li>read 5.3 us + 4 KiB over the 2.4 GB/s link 1.7 us + overhead 2 us = 9.0 us at QD1;</li>
     *   <li>8 units (an assumption): with 5.3 us each they could serve 1.5 M IOPS, so the link caps
     *       random reads at about 585,000 IOPS, the data sheet's 550,000;</li>
     *   <li>write 5 us: 3D XPoint writes in place, with latency similar to reads (data sheet);</li>
     *   <li>queues as {@link #nand()}; capacity 375 GB = 732,585,168 sectors (IDEMA).</li>
     * </ul>
     */
    public static NvmeParams optane() {
        return new NvmeParams("optane", 732_585_168L, 64, 1024, 8, 5_300L, 5_000L, 2_000L, 2.4e9);
    }

    public NvmeParams withName(String v) {
        return new NvmeParams(v, capacitySectors, ioQueues, queueEntries, units, readNs, writeNs, overheadNs,
                linkBytesPerSec);
    }

    public NvmeParams withCapacitySectors(long v) {
        return new NvmeParams(name, v, ioQueues, queueEntries, units, readNs, writeNs, overheadNs, linkBytesPerSec);
    }

    public NvmeParams withIoQueues(int v) {
        return new NvmeParams(name, capacitySectors, v, queueEntries, units, readNs, writeNs, overheadNs,
                linkBytesPerSec);
    }

    public NvmeParams withQueueEntries(int v) {
        return new NvmeParams(name, capacitySectors, ioQueues, v, units, readNs, writeNs, overheadNs, linkBytesPerSec);
    }

    public NvmeParams withUnits(int v) {
        return new NvmeParams(name, capacitySectors, ioQueues, queueEntries, v, readNs, writeNs, overheadNs,
                linkBytesPerSec);
    }

    public NvmeParams withReadNs(long v) {
        return new NvmeParams(name, capacitySectors, ioQueues, queueEntries, units, v, writeNs, overheadNs,
                linkBytesPerSec);
    }

    public NvmeParams withWriteNs(long v) {
        return new NvmeParams(name, capacitySectors, ioQueues, queueEntries, units, readNs, v, overheadNs,
                linkBytesPerSec);
    }

    public NvmeParams withOverheadNs(long v) {
        return new NvmeParams(name, capacitySectors, ioQueues, queueEntries, units, readNs, writeNs, v,
                linkBytesPerSec);
    }

    public NvmeParams withLinkBytesPerSec(double v) {
        return new NvmeParams(name, capacitySectors, ioQueues, queueEntries, units, readNs, writeNs, overheadNs, v);
    }
}
