package dev.aiolab.kernel.mm;

/**
 * {@code struct file_ra_state}: the per-open-file readahead state. The 2.6.12 window algorithm uses
 * the current window ({@code start}, {@code size}), the ahead window ({@code aheadStart},
 * {@code aheadSize}), {@code prevPage} and the flags; the 2.6.23 on-demand algorithm uses
 * {@code start}, {@code size}, {@code asyncSize} and {@code prevIndex}.
 */
public final class FileRaState {
    /** mm/readahead.c RA_FLAG_MISS / RA_FLAG_INCACHE. */
    public static final int RA_FLAG_MISS = 0x01;
    public static final int RA_FLAG_INCACHE = 0x02;

    public long start;
    public long size;
    public int flags;
    public long cacheHit;
    public long prevPage = -1;
    public long aheadStart;
    public long aheadSize;
    /** {@code ra_pages}: the maximum window in pages. */
    public long raPages;
    public long asyncSize;
    public long prevIndex = -1;

    public FileRaState(long raPages) {
        this.raPages = raPages;
    }

    @Override
    public String toString() {
        return "ra[start=" + start + " size=" + size + " ahead=" + aheadStart + "+" + aheadSize
                + " prev=" + prevPage + " async=" + asyncSize + "]";
    }
}
