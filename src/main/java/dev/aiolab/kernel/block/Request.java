package dev.aiolab.kernel.block;

/**
 * {@code struct request}: adjacent bios of one direction merged into one device command, with the
 * deadline FIFO expiry and the elevator's bookkeeping.
 */
public final class Request {
    final long seq;
    public final boolean write;
    long sector;
    int nrSectors;
    Bio bio;
    Bio biotail;
    int nrBios;
    /** When it was queued (ns). */
    public final long queuedNs;
    /** {@code drq->expires}: deadline FIFO expiry (ns). */
    long expires;
    /** When it was handed to the device (ns), or -1. */
    long dispatchNs = -1;
    /** Whether it is still in the elevator (mergeable). */
    boolean queued;
    /** {@code drq->fifo}: links in the deadline elevator's FIFO of its direction. */
    Request fifoPrev;
    Request fifoNext;

    Request(long seq, Bio first, long now) {
        this.seq = seq;
        this.write = first.write;
        this.sector = first.sector;
        this.nrSectors = first.nrSectors();
        this.bio = first;
        this.biotail = first;
        this.nrBios = 1;
        this.queuedNs = now;
    }

    public long sector() {
        return sector;
    }

    public int nrSectors() {
        return nrSectors;
    }

    public long endSector() {
        return sector + nrSectors;
    }

    public int nrBios() {
        return nrBios;
    }

    public long expires() {
        return expires;
    }

    void backMerge(Bio b) {
        biotail.next = b;
        biotail = b;
        nrSectors += b.nrSectors();
        nrBios++;
    }

    void frontMerge(Bio b) {
        b.next = bio;
        bio = b;
        sector = b.sector;
        nrSectors += b.nrSectors();
        nrBios++;
    }

    @Override
    public String toString() {
        return (write ? "W" : "R") + "@" + sector + "+" + nrSectors + "(" + nrBios + " bios)";
    }
}
