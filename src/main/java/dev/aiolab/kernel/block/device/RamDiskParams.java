package dev.aiolab.kernel.block.device;

/**
 * The named parameters of a {@link RamDisk}; the default set and its sources are in
 * {@link #ddr2Desktop()}.
 *
 * @param name             short name for manifests
 * @param capacitySectors  capacity in 512-byte sectors
 * @param copyBytesPerSec  memcpy bandwidth between the page and the RAM disk's page
 * @param perCommandNs     per-command cost besides the copy (bio walk, page lookup, kmap)
 * @param queueDepth       commands the driver may hand over at once
 */
public record RamDiskParams(String name, long capacitySectors, double copyBytesPerSec, long perCommandNs,
        int queueDepth) {

    /**
     * A 64 MiB {@code brd}-style RAM disk on a 2005 desktop (dual-channel DDR2):
     * <ul>
     *   <li>copy 3 GB/s: 4 KiB in 1.4 us, inside the 2-4 us that model-reference.md "Default costs"
     *       gives for a 4 KiB copy to user space on 2005 hardware (which includes the call's own
     *       overhead), and of the order of STREAM Copy results of such machines;</li>
     *   <li>1 us per command: an assumption for the bio walk and radix-tree page lookup;</li>
     *   <li>queue depth 128 (Linux's default {@code nr_requests}); commands are copied one after
     *       another, the memory bus being the one server;</li>
     *   <li>64 MiB = 131,072 sectors: an assumption, large enough for small experiments (the 2.6
     *       rd driver defaulted to 4 MiB, {@code CONFIG_BLK_DEV_RAM_SIZE} = 4096 KiB).</li>
     * </ul>
     */
    public static RamDiskParams ddr2Desktop() {
        return new RamDiskParams("ram", 131_072L, 3e9, 1_000L, 128);
    }

    public RamDiskParams withName(String v) {
        return new RamDiskParams(v, capacitySectors, copyBytesPerSec, perCommandNs, queueDepth);
    }

    public RamDiskParams withCapacitySectors(long v) {
        return new RamDiskParams(name, v, copyBytesPerSec, perCommandNs, queueDepth);
    }

    public RamDiskParams withCopyBytesPerSec(double v) {
        return new RamDiskParams(name, capacitySectors, v, perCommandNs, queueDepth);
    }

    public RamDiskParams withPerCommandNs(long v) {
        return new RamDiskParams(name, capacitySectors, copyBytesPerSec, v, queueDepth);
    }

    public RamDiskParams withQueueDepth(int v) {
        return new RamDiskParams(name, capacitySectors, copyBytesPerSec, perCommandNs, v);
    }
}
