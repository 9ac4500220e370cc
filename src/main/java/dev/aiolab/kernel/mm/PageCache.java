package dev.aiolab.kernel.mm;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.sched.Sched;
import java.util.LinkedHashSet;

/**
 * The page cache over the machine's zoned page allocator ({@link PageAlloc}), with one LRU list
 * and the global page-state counts ({@code nr_dirty}, {@code nr_writeback}). When the allocator
 * has no frame above its zones' min watermarks, the allocating task reclaims directly
 * ({@code try_to_free_pages}): eviction ({@code shrink_list} reduced to its rule) frees up to
 * {@link PageAlloc#SWAP_CLUSTER_MAX} of the least recently used pages that are clean, unlocked,
 * unreferenced and not under writeback, to the cold per-CPU lists; it never drops a dirty page.
 * Pages it passes over are rotated to the tail. When nothing can be evicted the allocation dips
 * below the watermarks (or past memory) and is counted ({@link #overcommits()}): real reclaim
 * would wait for writeback instead.
 *
 * <p>Also keeps the superblock's dirty-inode list ({@code sb->s_dirty}) in dirtied order, which
 * writeback walks.
 */
public final class PageCache {
    private final Sched sched;
    private final PageAlloc alloc;
    private final long capacity;
    private final long pageLookupNs;
    private final long pageAllocNs;
    /** LRU sentinel: {@code head.lruNext} is the oldest page. */
    private final Page lru = new Page(-1);
    private long lruSize;
    private long allocated;
    private long nrDirty;
    private long nrWriteback;
    private final LinkedHashSet<AddressSpace> dirtyInodes = new LinkedHashSet<>();

    private long hits;
    private long misses;
    private long evictions;
    private long overcommits;

    /** A page cache over the frames of {@code alloc}. */
    public PageCache(Sched sched, KernelConfig config, PageAlloc alloc) {
        this.sched = sched;
        this.alloc = alloc;
        this.capacity = alloc.presentPages();
        this.pageLookupNs = config.getLong(KernelConfig.PAGE_LOOKUP_NS);
        this.pageAllocNs = config.getLong(KernelConfig.PAGE_ALLOC_NS);
        lru.lruNext = lru;
        lru.lruPrev = lru;
    }

    public Sched sched() {
        return sched;
    }

    /** Frames of the machine. */
    public long capacity() {
        return capacity;
    }

    public PageAlloc alloc() {
        return alloc;
    }

    // models mm/filemap.c: find_get_page
    /** Looks {@code index} up and takes a reference, or returns null. Charges the lookup. */
    public Page findGetPage(AddressSpace mapping, long index) {
        sched.chargeCurrent(pageLookupNs);
        Page p = mapping.lookup(index);
        if (p != null) {
            p.get();
        }
        return p;
    }

    // models mm/filemap.c: page_cache_alloc_cold + add_to_page_cache_lru
    /**
     * A new page at {@code index}, locked, in the mapping and on the LRU, with one reference for
     * the caller; null when the index is already present ({@code -EEXIST}). As in the kernel the
     * page is allocated (which may reclaim) before the insert finds out; on -EEXIST it is freed.
     * Reads and readahead take cold frames ({@code page_cache_alloc_cold}).
     */
    public Page addNewPage(AddressSpace mapping, long index) {
        return addNewPage(mapping, index, true);
    }

    // models mm/filemap.c: page_cache_alloc[_cold] + add_to_page_cache_lru
    /** As {@link #addNewPage(AddressSpace, long)}, hot for a write ({@code __grab_cache_page}) or cold. */
    public Page addNewPage(AddressSpace mapping, long index, boolean cold) {
        sched.chargeCurrent(pageAllocNs);
        Page p = allocPage(cold);
        p.resetFlags(1L << Page.PG_locked);
        p.mapping = mapping;
        p.index = index;
        p.count = 1;
        if (!mapping.insert(p)) {
            p.mapping = null;
            freePage(p, false);
            return null;
        }
        lruAddTail(p);
        return p;
    }

    // models mm/page_alloc.c: __alloc_pages (order 0, GFP_HIGHUSER), reclaiming directly
    private Page allocPage(boolean cold) {
        Page p = alloc.allocPage(cold);
        // try_to_free_pages, then the min-watermark pass again, while reclaim makes progress
        while (p == null && tryToFreePages() > 0) {
            p = alloc.allocPage(cold);
        }
        if (p == null) {
            overcommits++;
            p = alloc.allocPageIgnoringWatermarks(cold);
        }
        allocated++;
        p.lruNext = null;
        p.lruPrev = null;
        return p;
    }

    // models mm/vmscan.c: try_to_free_pages -> shrink_list, reduced to which page may be freed
    /**
     * Frees up to {@link PageAlloc#SWAP_CLUSTER_MAX} of the least recently used evictable pages,
     * scanning the LRU once; returns how many it freed.
     */
    private int tryToFreePages() {
        int freed = 0;
        long scanned = 0;
        long toScan = lruSize;
        Page p = lru.lruNext;
        while (p != lru && scanned < toScan && freed < PageAlloc.SWAP_CLUSTER_MAX) {
            Page next = p.lruNext;
            scanned++;
            if (p.count == 0 && (p.flags() & (1L << Page.PG_locked | 1L << Page.PG_dirty
                    | 1L << Page.PG_writeback)) == 0) {
                removeFromPageCache(p);
                evictions++;
                freed++;
            } else {
                // not freeable now: rotate it, as shrink_list puts back busy pages
                lruDel(p);
                lruAddTail(p);
            }
            p = next;
        }
        return freed;
    }

    // models mm/filemap.c: remove_from_page_cache
    private void removeFromPageCache(Page p) {
        lruDel(p);
        p.mapping.remove(p);
        p.mapping = null;
        // shrink_list frees through a cold pagevec
        freePage(p, true);
    }

    // models mm/page_alloc.c: free_hot_cold_page
    private void freePage(Page p, boolean cold) {
        allocated--;
        alloc.freeHotColdPage(p, cold);
    }

    // models mm/swap.c: mark_page_accessed
    /** Moves the page to the LRU tail (most recently used). */
    public void markPageAccessed(Page p) {
        if (p.onLru) {
            lruDel(p);
            lruAddTail(p);
        }
        p.setBit(Page.PG_referenced);
    }

    private void lruAddTail(Page p) {
        p.lruPrev = lru.lruPrev;
        p.lruNext = lru;
        lru.lruPrev.lruNext = p;
        lru.lruPrev = p;
        p.onLru = true;
        p.setBit(Page.PG_lru);
        lruSize++;
    }

    private void lruDel(Page p) {
        p.lruPrev.lruNext = p.lruNext;
        p.lruNext.lruPrev = p.lruPrev;
        p.lruPrev = null;
        p.lruNext = null;
        p.onLru = false;
        p.clearBit(Page.PG_lru);
        lruSize--;
    }

    // ---- dirty and writeback state ----

    // models mm/page-writeback.c: __set_page_dirty_nobuffers (+ __mark_inode_dirty)
    /** Sets PG_dirty; on a clean page tags it DIRTY and puts the inode on the dirty list. */
    public boolean setPageDirty(Page p) {
        if (p.testAndSetBit(Page.PG_dirty)) {
            return false;
        }
        nrDirty++;
        AddressSpace m = p.mapping;
        if (m != null) {
            m.tagSet(p, AddressSpace.Tag.DIRTY);
            if (m.dirtiedWhen < 0) {
                m.dirtiedWhen = sched.now();
                dirtyInodes.add(m);
            }
        }
        return true;
    }

    // models mm/page-writeback.c: clear_page_dirty_for_io
    /** Clears PG_dirty before writepage; true if the page was dirty. */
    public boolean clearPageDirtyForIo(Page p) {
        if (!p.testAndClearBit(Page.PG_dirty)) {
            return false;
        }
        nrDirty--;
        if (p.mapping != null) {
            p.mapping.tagClear(p, AddressSpace.Tag.DIRTY);
        }
        return true;
    }

    // models mm/page-writeback.c: test_set_page_writeback
    /** Sets PG_writeback and the WRITEBACK tag; returns whether it was already set. */
    public boolean testSetPageWriteback(Page p) {
        boolean was = p.testAndSetBit(Page.PG_writeback);
        if (!was) {
            nrWriteback++;
            if (p.mapping != null) {
                p.mapping.tagSet(p, AddressSpace.Tag.WRITEBACK);
            }
        }
        return was;
    }

    // models mm/page-writeback.c: test_clear_page_writeback
    public boolean testClearPageWriteback(Page p) {
        boolean was = p.testAndClearBit(Page.PG_writeback);
        if (was) {
            nrWriteback--;
            if (p.mapping != null) {
                p.mapping.tagClear(p, AddressSpace.Tag.WRITEBACK);
            }
        }
        return was;
    }

    /** Takes an inode off the dirty list once it has no dirty page left. */
    void inodeMaybeClean(AddressSpace m) {
        if (!m.tagged(AddressSpace.Tag.DIRTY) && m.dirtiedWhen >= 0) {
            m.dirtiedWhen = -1;
            dirtyInodes.remove(m);
        }
    }

    /** {@code sb->s_dirty}: dirty inodes, oldest first (a copy). */
    public AddressSpace[] dirtyInodes() {
        return dirtyInodes.toArray(new AddressSpace[0]);
    }

    // ---- statistics ----

    /** Pages in the cache. */
    public long nrPages() {
        return allocated;
    }

    /** {@code nr_dirty}. */
    public long nrDirty() {
        return nrDirty;
    }

    /** {@code nr_writeback}. */
    public long nrWriteback() {
        return nrWriteback;
    }

    public void hit() {
        hits++;
    }

    public void miss() {
        misses++;
    }

    /** Reads that found their page up to date in the cache. */
    public long hits() {
        return hits;
    }

    /** Reads that did not. */
    public long misses() {
        return misses;
    }

    public long evictions() {
        return evictions;
    }

    /** Allocations made over capacity because no page was evictable. */
    public long overcommits() {
        return overcommits;
    }
}
