package dev.aiolab.kernel.mm;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.sched.Sched;
import java.util.LinkedHashSet;

/**
 * The memory the page cache may use, in pages, with one LRU list and the global page-state counts
 * ({@code nr_dirty}, {@code nr_writeback}). Eviction ({@code shrink_list} reduced to its rule)
 * takes the least recently used page that is clean, unlocked, unreferenced and not under
 * writeback; it never drops a dirty page. Pages it passes over are rotated to the tail. When no
 * page can be evicted the allocation goes over capacity and is counted ({@link #overcommits()}):
 * real reclaim would wait for writeback instead.
 *
 * <p>Also keeps the superblock's dirty-inode list ({@code sb->s_dirty}) in dirtied order, which
 * writeback walks.
 */
public final class PageCache {
    /** Frames of {@code mem_map} made at a time (see {@link #memMapChunk}). */
    private static final int MEM_MAP_CHUNK = 1024;

    private final Sched sched;
    private final long capacity;
    private final long pageLookupNs;
    private final long pageAllocNs;
    /** LRU sentinel: {@code head.lruNext} is the oldest page. */
    private final Page lru = new Page(-1);
    private long lruSize;
    /**
     * Free frames, last freed first, linked through {@code lru}: the per-CPU page list of
     * {@code free_hot_cold_page} and {@code buffered_rmqueue}, a stack, from which the next
     * allocation takes the page reclaim has just freed.
     */
    private Page freeList;
    private long nextPfn;
    private long allocated;
    private long nrDirty;
    private long nrWriteback;
    private final LinkedHashSet<AddressSpace> dirtyInodes = new LinkedHashSet<>();

    private long hits;
    private long misses;
    private long evictions;
    private long overcommits;

    /** A page cache of {@code capacityPages} pages whose pfns start at {@code firstPfn}. */
    public PageCache(Sched sched, KernelConfig config, long capacityPages, long firstPfn) {
        if (capacityPages < 1) {
            throw new IllegalArgumentException("page cache capacity must be >= 1 page, got " + capacityPages);
        }
        this.sched = sched;
        this.capacity = capacityPages;
        this.nextPfn = firstPfn;
        this.pageLookupNs = config.getLong(KernelConfig.PAGE_LOOKUP_NS);
        this.pageAllocNs = config.getLong(KernelConfig.PAGE_ALLOC_NS);
        lru.lruNext = lru;
        lru.lruPrev = lru;
    }

    public Sched sched() {
        return sched;
    }

    public long capacity() {
        return capacity;
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

    // models mm/filemap.c: page_cache_alloc + add_to_page_cache_lru
    /**
     * A new page at {@code index}, locked, in the mapping and on the LRU, with one reference for
     * the caller; null when the index is already present ({@code -EEXIST}). As in the kernel the
     * page is allocated (which may reclaim) before the insert finds out; on -EEXIST it is freed.
     */
    public Page addNewPage(AddressSpace mapping, long index) {
        sched.chargeCurrent(pageAllocNs);
        Page p = allocPage();
        p.resetFlags(1L << Page.PG_locked);
        p.mapping = mapping;
        p.index = index;
        p.count = 1;
        if (!mapping.insert(p)) {
            p.mapping = null;
            freePage(p);
            return null;
        }
        lruAddTail(p);
        return p;
    }

    // models mm/page_alloc.c: buffered_rmqueue, taking from the per-CPU list
    private Page allocPage() {
        if (allocated >= capacity && !shrink()) {
            overcommits++;
        }
        allocated++;
        Page p = freeList;
        if (p == null) {
            p = memMapChunk();
        }
        freeList = p.lruNext;
        p.lruNext = null;
        return p;
    }

    /**
     * The next {@value #MEM_MAP_CHUNK} frames of {@code mem_map}, made at once so that their pages lie
     * together in the heap as {@code struct page}s do in the kernel, linked in pfn order; returns
     * the first. Made one at a time, between the allocations of the I/O that needed them, the
     * pages of a full cache were spread over ten times the memory, and every lookup or eviction
     * that touched one missed the CPU's caches and its TLB.
     */
    private Page memMapChunk() {
        Page first = new Page(nextPfn++);
        Page last = first;
        for (int i = 1; i < MEM_MAP_CHUNK; i++) {
            Page p = new Page(nextPfn++);
            last.lruNext = p;
            last = p;
        }
        return first;
    }

    // models mm/vmscan.c: shrink_list, reduced to which page may be freed
    /** Frees the least recently used evictable page; false when there is none. */
    private boolean shrink() {
        long scanned = 0;
        Page p = lru.lruNext;
        while (p != lru && scanned < lruSize) {
            Page next = p.lruNext;
            scanned++;
            if (p.count == 0 && (p.flags() & (1L << Page.PG_locked | 1L << Page.PG_dirty
                    | 1L << Page.PG_writeback)) == 0) {
                removeFromPageCache(p);
                evictions++;
                return true;
            }
            // not freeable now: rotate it, as shrink_list puts back busy pages
            lruDel(p);
            lruAddTail(p);
            p = next;
        }
        return false;
    }

    // models mm/filemap.c: remove_from_page_cache
    private void removeFromPageCache(Page p) {
        lruDel(p);
        p.mapping.remove(p);
        p.mapping = null;
        freePage(p);
    }

    // models mm/page_alloc.c: free_hot_cold_page
    private void freePage(Page p) {
        allocated--;
        p.lruNext = freeList;
        freeList = p;
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
