package dev.aiolab.kernel.block.device;

/**
 * One command as the device sees it (a dispatched request): direction, start sector and length in
 * 512-byte sectors. The driver above attaches its request as {@link #tag}. The device fills in the
 * service start and completion times.
 */
public final class DiskCommand {
    public static final int SECTOR_SIZE = 512;

    public final boolean write;
    public final long sector;
    public final int nrSectors;
    /** The block layer's request, returned with the completion. */
    public final Object tag;
    /** When the driver handed the command to the device (ns). */
    public long issueNs;
    /** When the device began working on it (ns); later than issue when it queued inside the device. */
    public long startNs;
    /** When the device completed it (ns). */
    public long completeNs;

    public DiskCommand(boolean write, long sector, int nrSectors, Object tag) {
        this.write = write;
        this.sector = sector;
        this.nrSectors = nrSectors;
        this.tag = tag;
    }

    public long bytes() {
        return (long) nrSectors * SECTOR_SIZE;
    }
}
