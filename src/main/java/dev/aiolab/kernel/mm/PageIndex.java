package dev.aiolab.kernel.mm;

/**
 * The pages of one mapping by index ({@code mapping->page_tree}: {@code radix_tree_lookup},
 * {@code radix_tree_insert}, {@code radix_tree_delete}), kept as a hash table chained through the
 * pages themselves, with a link back to the previous page as in 2.4's page hash
 * ({@code next_hash}, {@code pprev_hash}).
 *
 * <p>Built for a cache much larger than the CPU's: a bucket keeps its first page's index beside the
 * page, so a lookup reads the two at once and touches a page only to follow a chain; and removing
 * a page (reclaim removes pages cached long ago, whose buckets have left every CPU cache) only
 * writes to it, its neighbours and its bucket. The table doubles when it holds as many pages as
 * half its buckets.
 */
final class PageIndex {
    /** The first page of each bucket, or null. */
    private Page[] first = new Page[16];
    /** The index of each bucket's first page (meaningless where there is none). */
    private long[] firstIndex = new long[16];
    private int mask = 15;
    private int size;

    private static int hash(long index) {
        long h = index * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    int size() {
        return size;
    }

    Page get(long index) {
        int b = hash(index) & mask;
        Page p = first[b];
        long i = firstIndex[b];
        if (p == null || i == index) {
            return p;
        }
        for (p = p.hashNext; p != null; p = p.hashNext) {
            if (p.index == index) {
                return p;
            }
        }
        return null;
    }

    /** Adds {@code page} at {@code page.index}; false, adding nothing, when the index is taken. */
    boolean insert(Page page) {
        int b = hash(page.index) & mask;
        Page head = first[b];
        if (head != null) {
            if (firstIndex[b] == page.index) {
                return false;
            }
            for (Page p = head.hashNext; p != null; p = p.hashNext) {
                if (p.index == page.index) {
                    return false;
                }
            }
        }
        push(b, page);
        if (++size * 2 > first.length) {
            grow();
        }
        return true;
    }

    /** Makes {@code page} the first of bucket {@code b}. */
    private void push(int b, Page page) {
        Page head = first[b];
        page.hashPrev = null;
        page.hashNext = head;
        if (head != null) {
            head.hashPrev = page;
        }
        first[b] = page;
        firstIndex[b] = page.index;
    }

    /** Removes {@code page}, which must be in this index. */
    void remove(Page page) {
        Page prev = page.hashPrev;
        Page next = page.hashNext;
        if (prev == null) {
            int b = hash(page.index) & mask;
            first[b] = next;
            if (next != null) {
                firstIndex[b] = next.index;
            }
        } else {
            prev.hashNext = next;
        }
        if (next != null) {
            next.hashPrev = prev;
        }
        page.hashPrev = null;
        page.hashNext = null;
        size--;
    }

    private void grow() {
        Page[] old = first;
        first = new Page[old.length * 2];
        firstIndex = new long[old.length * 2];
        mask = first.length - 1;
        for (Page head : old) {
            for (Page p = head; p != null; ) {
                Page next = p.hashNext;
                push(hash(p.index) & mask, p);
                p = next;
            }
        }
    }
}
