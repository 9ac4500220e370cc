package dev.aiolab.kernel.block.device;

/**
 * One command as the device sees it (a dispatched request): direction, start sector and length in
 * 512-byte sectors. The driver above attaches its request as {@link #tag}. The device fills in the
 * service start and completion times.
 *
 * <p>A command belongs to its request and is reused for that request's next dispatch, as a
 * driver reuses a request's tag: a device must not keep it after completing it.
 */
public final class DiskCommand {
    public static final int SECTOR_SIZE = 512;

    public boolean write;
    public long sector;
    public int nrSectors;
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

    /** Readies this command for its request's next dispatch: new extent, times cleared. */
    public DiskCommand reuse(boolean write, long sector, int nrSectors) {
        this.write = write;
        this.sector = sector;
        this.nrSectors = nrSectors;
        this.issueNs = 0;
        this.startNs = 0;
        this.completeNs = 0;
        return this;
    }

    public long bytes() {
        return (long) nrSectors * SECTOR_SIZE;
    }
}
