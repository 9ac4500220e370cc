package dev.aiolab.kernel.mm;

import dev.aiolab.kernel.sched.FlagsWord;

/**
 * {@code struct page} of a page-cache page: {@code flags} (the bits below), {@code index} in its
 * mapping, {@code mapping}, {@code _count}, and the LRU links. Its simulated address is
 * {@code mem_map + pfn * sizeof(struct page)}, which is what {@code page_waitqueue} hashes.
 */
public final class Page extends FlagsWord {
    /** include/linux/page-flags.h (2.6.12) bit numbers. */
    public static final int PG_locked = 0;
    public static final int PG_error = 1;
    public static final int PG_referenced = 2;
    public static final int PG_uptodate = 3;
    public static final int PG_dirty = 4;
    public static final int PG_lru = 5;
    public static final int PG_writeback = 12;
    /** 4.10 PG_waiters; given its own bit here so that every variant can be switched alone. */
    public static final int PG_waiters = 20;
    /** 2.6.23 PG_readahead (aliases PG_reclaim in the kernel); its own bit here. */
    public static final int PG_readahead = 21;

    /** x86_64 2.6.12 {@code sizeof(struct page)}. */
    public static final int STRUCT_PAGE_SIZE = 56;
    /** Simulated {@code mem_map} on x86_64 (the start of the direct map's page array). */
    public static final long MEM_MAP_BASE = 0xffff810000000000L + 0x1000000L;
    public static final int PAGE_SIZE = 4096;
    public static final int PAGE_SHIFT = 12;

    AddressSpace mapping;
    long index;
    int count;
    Page lruPrev;
    Page lruNext;
    /** Links in the mapping's {@link PageIndex} bucket. */
    Page hashPrev;
    Page hashNext;
    boolean onLru;

    Page(long pfn) {
        super(MEM_MAP_BASE + pfn * STRUCT_PAGE_SIZE);
    }

    /** The page frame number, from the page's place in {@code mem_map}; not stored, to keep pages small. */
    public long pfn() {
        return (address() - MEM_MAP_BASE) / STRUCT_PAGE_SIZE;
    }

    void resetFlags(long f) {
        flags = f;
    }

    /** {@code page->mapping}; null once the page was removed from the page cache. */
    public AddressSpace mapping() {
        return mapping;
    }

    /** {@code page->index}: offset in the file, in pages. */
    public long index() {
        return index;
    }

    /** {@code page_count(page)}. */
    public int count() {
        return count;
    }

    public boolean locked() {
        return testBit(PG_locked);
    }

    public boolean uptodate() {
        return testBit(PG_uptodate);
    }

    public boolean dirty() {
        return testBit(PG_dirty);
    }

    public boolean writeback() {
        return testBit(PG_writeback);
    }

    public boolean error() {
        return testBit(PG_error);
    }

    /** {@code page_cache_get}. */
    public void get() {
        count++;
    }

    /** {@code page_cache_release}. */
    public void release() {
        if (count <= 0) {
            throw new IllegalStateException("page_cache_release of a page with count " + count);
        }
        count--;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("page[");
        sb.append(index).append(" pfn=").append(pfn()).append(" count=").append(count);
        if (locked()) {
            sb.append(" L");
        }
        if (uptodate()) {
            sb.append(" U");
        }
        if (dirty()) {
            sb.append(" D");
        }
        if (writeback()) {
            sb.append(" W");
        }
        return sb.append(']').toString();
    }
}
