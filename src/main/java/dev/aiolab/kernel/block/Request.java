package dev.aiolab.kernel.block;

import dev.aiolab.kernel.block.device.DiskCommand;
import dev.aiolab.kernel.sched.CpuWork;

/**
 * {@code struct request}: adjacent bios of one direction merged into one device command, with the
 * deadline FIFO expiry and the elevator's bookkeeping.
 */
public final class Request {
    long seq;
    boolean write;
    long sector;
    int nrSectors;
    Bio bio;
    Bio biotail;
    int nrBios;
    /** When it was queued (ns). */
    long queuedNs;
    /** {@code drq->expires}: deadline FIFO expiry (ns). */
    long expires;
    /** When it was handed to the device (ns), or -1. */
    long dispatchNs = -1;
    /** Whether it is still in the elevator (mergeable). */
    boolean queued;
    /** {@code drq->fifo}: links in the deadline elevator's FIFO of its direction. */
    Request fifoPrev;
    Request fifoNext;

    /** The interrupt work that completes it; made with the request and kept, like the command. */
    CpuWork completion;
    /** The command the driver hands the device at each dispatch; made with the request. */
    DiskCommand command;
    /** Next on the queue's free list while unused. */
    Request nextFree;

    Request(long seq, Bio first, long now) {
        init(seq, first, now);
    }

    /** Makes this new or freed request hold {@code first} alone, as {@code blk_alloc_request} does. */
    void init(long seq, Bio first, long now) {
        this.seq = seq;
        this.write = first.write;
        this.sector = first.sector;
        this.nrSectors = first.nrSectors();
        this.bio = first;
        this.biotail = first;
        this.nrBios = 1;
        this.queuedNs = now;
        this.expires = 0;
        this.dispatchNs = -1;
        this.queued = false;
        this.fifoPrev = null;
        this.fifoNext = null;
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
