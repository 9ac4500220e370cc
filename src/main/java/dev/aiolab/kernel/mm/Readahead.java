package dev.aiolab.kernel.mm;

import dev.aiolab.kernel.KernelConfig;

/**
 * mm/readahead.c: the 2.6.12 window readahead ({@code page_cache_readahead} with current and ahead
 * windows) and the 2.6.23 on-demand readahead ({@code ondemand_readahead} with {@code async_size}
 * and the PG_readahead marker). Sizes are in pages.
 */
public final class Readahead {
    /** mm/readahead.c VM_MAX_CACHE_HIT: pages found cached before readahead gives up on a file. */
    public static final int VM_MAX_CACHE_HIT = 256;

    /** Told of each readahead I/O issued: the window's first page and its size in pages. */
    @FunctionalInterface
    public interface WindowListener {
        void window(AddressSpace mapping, long start, long size, boolean async);
    }

    private final PageCache cache;
    private final long maxPages;
    private final long minPages;
    private final KernelConfig.Readahead algorithm;
    private WindowListener listener = (m, s, n, a) -> { };
    private long calls;
    private long windows;
    private long pagesRead;

    public Readahead(PageCache cache, KernelConfig config) {
        this.cache = cache;
        this.maxPages = config.getInt(KernelConfig.READAHEAD_MAX_KB) * 1024L / Page.PAGE_SIZE;
        this.minPages = config.getInt(KernelConfig.READAHEAD_MIN_KB) * 1024L / Page.PAGE_SIZE;
        this.algorithm = config.get(KernelConfig.READAHEAD);
    }

    public KernelConfig.Readahead algorithm() {
        return algorithm;
    }

    /** A fresh {@code file_ra_state} ({@code file_ra_state_init}). */
    public FileRaState newRaState() {
        return new FileRaState(maxPages);
    }

    public void setWindowListener(WindowListener l) {
        this.listener = l;
    }

    /** Calls of {@code page_cache_readahead} (or of {@code ondemand_readahead}). */
    public long calls() {
        return calls;
    }

    /** Readahead windows submitted. */
    public long windows() {
        return windows;
    }

    /** Pages for which readahead started I/O. */
    public long pagesRead() {
        return pagesRead;
    }

    static long roundupPowOfTwo(long x) {
        return x <= 1 ? 1 : Long.highestOneBit(x - 1) << 1;
    }

    // ---- 2.6.12 ----

    // models mm/readahead.c (2.6.12): get_init_ra_size
    /** Round up to a power of two; square it if <= max/64; max/4 if <= max/4; else max. */
    public static long getInitRaSize(long size, long max) {
        long newsize = roundupPowOfTwo(size);
        if (newsize <= max / 64) {
            newsize = newsize * newsize;
        } else if (newsize <= max / 4) {
            newsize = max / 4;
        } else {
            newsize = max;
        }
        return newsize;
    }

    // models mm/readahead.c (2.6.12): get_next_ra_size
    /** x4 while below max/16, else x2, capped at max; after a miss shrink by 2 down to min. */
    public static long getNextRaSize(FileRaState ra, long max, long min) {
        long cur = ra.size;
        long newsize;
        if ((ra.flags & FileRaState.RA_FLAG_MISS) != 0) {
            ra.flags &= ~FileRaState.RA_FLAG_MISS;
            newsize = Math.max(cur - 2, min);
        } else if (cur < max / 16) {
            newsize = 4 * cur;
        } else {
            newsize = 2 * cur;
        }
        return Math.min(newsize, max);
    }

    // models mm/readahead.c (2.6.12): ra_off
    private static void raOff(FileRaState ra) {
        ra.start = 0;
        ra.flags = 0;
        ra.size = 0;
        ra.aheadStart = 0;
        ra.aheadSize = 0;
    }

    // models mm/readahead.c (2.6.12): check_ra_success
    private static boolean checkRaSuccess(FileRaState ra, long nrToRead, long actual) {
        if (actual == 0) {
            ra.cacheHit += nrToRead;
            if (ra.cacheHit >= VM_MAX_CACHE_HIT) {
                raOff(ra);
                ra.flags |= FileRaState.RA_FLAG_INCACHE;
                return false;
            }
        } else {
            ra.cacheHit = 0;
        }
        return true;
    }

    // models mm/readahead.c (2.6.12): blockable_page_cache_readahead
    private boolean blockableReadahead(AddressSpace mapping, long offset, long nr, FileRaState ra, boolean block) {
        if (!block && mapping.backingDev != null && mapping.backingDev.congested(false)) {
            return false;
        }
        long actual = doPageCacheReadahead(mapping, offset, nr, 0, !block);
        return checkRaSuccess(ra, nr, actual);
    }

    // models mm/readahead.c (2.6.12): make_ahead_window
    private boolean makeAheadWindow(AddressSpace mapping, FileRaState ra, boolean force) {
        ra.aheadSize = getNextRaSize(ra, ra.raPages, minPages);
        ra.aheadStart = ra.start + ra.size;
        boolean block = force || ra.prevPage >= ra.aheadStart;
        boolean ret = blockableReadahead(mapping, ra.aheadStart, ra.aheadSize, ra, block);
        if (!ret && !force) {
            // failed: all cached, or congested; the ahead window is reset
            ra.aheadStart = 0;
            ra.aheadSize = 0;
        }
        return ret;
    }

    // models mm/readahead.c (2.6.12): page_cache_readahead
    /**
     * Called for each read request at the expected next index; returns the index at which the
     * read path must call again ({@code next_index}).
     */
    public long pageCacheReadahead(AddressSpace mapping, FileRaState ra, long offset, long reqSize) {
        calls++;
        // sub-page sized reads: do not perturb the window expansion logic
        if (offset == ra.prevPage && --reqSize != 0) {
            ++offset;
        }
        // prev_page == -1 on a first read
        boolean sequential = offset == ra.prevPage + 1;
        ra.prevPage = offset;
        long max = ra.raPages;
        long newsize = Math.min(reqSize, max);
        if (newsize == 0 || (ra.flags & FileRaState.RA_FLAG_INCACHE) != 0) {
            return ra.prevPage + 1;
        }
        ra.prevPage += newsize - 1;
        if (sequential && ra.size == 0) {
            // first read at the start of the file, or first sequential access after random ones
            ra.size = getInitRaSize(newsize, max);
            ra.start = offset;
            if (!blockableReadahead(mapping, offset, ra.size, ra, true)) {
                return ra.prevPage + 1;
            }
            // a request larger than the window: get two I/Os in flight at once
            if (reqSize >= max) {
                makeAheadWindow(mapping, ra, true);
            }
            return ra.prevPage + 1;
        }
        if (!sequential) {
            // random access: readahead off, read only what was asked
            raOff(ra);
            blockableReadahead(mapping, offset, newsize, ra, true);
            return ra.prevPage + 1;
        }
        // sequential, with a window already: make the ahead window if there is none (a failure,
        // cached or congested, ends the call)
        if (ra.aheadStart == 0 && !makeAheadWindow(mapping, ra, false)) {
            return ra.prevPage + 1;
        }
        if (ra.prevPage >= ra.aheadStart) {
            // crossed into the ahead window: it becomes current, issue the next one
            ra.start = ra.aheadStart;
            ra.size = ra.aheadSize;
            makeAheadWindow(mapping, ra, false);
        }
        return ra.prevPage + 1;
    }

    // models mm/readahead.c (2.6.12): handle_ra_miss
    /** A page the window should have brought in was not found: shrink the next window. */
    public void handleRaMiss(FileRaState ra) {
        ra.flags |= FileRaState.RA_FLAG_MISS;
        ra.flags &= ~FileRaState.RA_FLAG_INCACHE;
    }

    // models mm/readahead.c: __do_page_cache_readahead
    /**
     * Allocates the missing pages of [offset, offset + nr) within i_size and starts reading them;
     * the page at {@code nr - lookahead} is marked PG_readahead (2.6.23). Returns pages started.
     */
    public long doPageCacheReadahead(AddressSpace mapping, long offset, long nr, long lookahead, boolean async) {
        long isize = mapping.iSize;
        if (isize == 0 || nr <= 0) {
            return 0;
        }
        long endIndex = (isize - 1) >> Page.PAGE_SHIFT;
        long started = 0;
        for (long i = 0; i < nr; i++) {
            long index = offset + i;
            if (index > endIndex) {
                break;
            }
            if (mapping.lookup(index) != null) {
                continue;
            }
            Page page = cache.addNewPage(mapping, index);
            if (lookahead > 0 && i == nr - lookahead) {
                page.setBit(Page.PG_readahead);
            }
            started++;
            // read_pages -> ->readpage; the completion unlocks the page
            mapping.aops.readpage(page);
            page.release();
        }
        if (started > 0) {
            windows++;
            pagesRead += started;
            listener.window(mapping, offset, nr, async);
        }
        return started;
    }

    // ---- 2.6.23 on-demand ----

    // models mm/readahead.c (2.6.23): get_init_ra_size
    public static long getInitRaSize2623(long size, long max) {
        long newsize = roundupPowOfTwo(size);
        if (newsize <= max / 32) {
            newsize = newsize * 4;
        } else if (newsize <= max / 4) {
            newsize = newsize * 2;
        } else {
            newsize = max;
        }
        return newsize;
    }

    // models mm/readahead.c (2.6.23): get_next_ra_size
    public static long getNextRaSize2623(FileRaState ra, long max) {
        long cur = ra.size;
        long newsize = cur < max / 16 ? 4 * cur : 2 * cur;
        return Math.min(newsize, max);
    }

    // models mm/readahead.c (2.6.23): ondemand_readahead
    private long ondemandReadahead(AddressSpace mapping, FileRaState ra, boolean hitMarker, long offset,
            long reqSize) {
        calls++;
        long max = ra.raPages;
        if (offset != 0 && (offset == ra.start + ra.size - ra.asyncSize || offset == ra.start + ra.size)) {
            // the expected callback offset: ramp up and push the window forward
            ra.start += ra.size;
            ra.size = getNextRaSize2623(ra, max);
            ra.asyncSize = ra.size;
            return raSubmit(mapping, ra, true);
        }
        long prevOffset = ra.prevIndex;
        boolean sequential = offset - prevOffset <= 1 && offset - prevOffset >= 0 || reqSize > max
                || (prevOffset == -1 && offset == 0);
        if (!hitMarker && !sequential) {
            // standalone small read: read as is, leave the state alone
            return doPageCacheReadahead(mapping, offset, reqSize, 0, false);
        }
        ra.start = offset;
        ra.size = getInitRaSize2623(reqSize, max);
        ra.asyncSize = ra.size > reqSize ? ra.size - reqSize : ra.size;
        if (hitMarker) {
            // a marked page without valid state (interleaved reads): bet on the minimum
            ra.start++;
            ra.size = getNextRaSize2623(ra, max);
        }
        return raSubmit(mapping, ra, hitMarker);
    }

    // models mm/readahead.c (2.6.23): ra_submit
    private long raSubmit(AddressSpace mapping, FileRaState ra, boolean async) {
        return doPageCacheReadahead(mapping, ra.start, ra.size, ra.asyncSize, async);
    }

    // models mm/readahead.c (2.6.23): page_cache_sync_readahead
    /** On a cache miss at {@code offset}. */
    public void pageCacheSyncReadahead(AddressSpace mapping, FileRaState ra, long offset, long reqSize) {
        if (ra.raPages == 0) {
            return;
        }
        ondemandReadahead(mapping, ra, false, offset, reqSize);
    }

    // models mm/readahead.c (2.6.23): page_cache_async_readahead
    /** On finding a page marked PG_readahead: start the next window before it is needed. */
    public void pageCacheAsyncReadahead(AddressSpace mapping, FileRaState ra, Page page, long offset,
            long reqSize) {
        if (ra.raPages == 0 || page.writeback()) {
            return;
        }
        page.clearBit(Page.PG_readahead);
        if (mapping.backingDev != null && mapping.backingDev.congested(false)) {
            return;
        }
        ondemandReadahead(mapping, ra, true, offset, reqSize);
    }
}
