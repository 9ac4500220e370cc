package dev.aiolab.kernel.block;

import dev.aiolab.kernel.block.device.DiskCommand;

/**
 * {@code struct bio}: one contiguous run of sectors in one direction, with its page vector and
 * completion callback. The block layer does not know what a page is: {@link #pages} holds the
 * upper layer's objects ({@code bi_io_vec}), returned untouched to {@link #endIo}.
 */
public final class Bio {
    public final boolean write;
    /** {@code bi_sector}: first 512-byte sector. */
    public final long sector;
    /** {@code bi_size} in bytes. */
    public final int size;
    /** {@code bi_io_vec}: the pages, in order, as the submitter's objects. */
    public final Object[] pages;
    /** {@code bi_end_io}. */
    public final BioEndIo endIo;
    /** {@code bi_private}: for the submitter. */
    public Object privateData;
    /** BIO_RW_SYNC: unplug the queue at once after queueing. */
    public boolean sync;
    /** {@code bi_next}: the next bio of the same request. */
    Bio next;
    /** When the bio entered {@code generic_make_request}. */
    public long submitNs;

    public Bio(boolean write, long sector, int size, Object[] pages, BioEndIo endIo) {
        if (size <= 0 || size % DiskCommand.SECTOR_SIZE != 0) {
            throw new IllegalArgumentException("bio size must be a positive multiple of 512, got " + size);
        }
        this.write = write;
        this.sector = sector;
        this.size = size;
        this.pages = pages;
        this.endIo = endIo;
    }

    public int nrSectors() {
        return size / DiskCommand.SECTOR_SIZE;
    }

    /** One past the last sector. */
    public long endSector() {
        return sector + nrSectors();
    }

    @Override
    public String toString() {
        return (write ? "W" : "R") + "@" + sector + "+" + nrSectors();
    }
}
