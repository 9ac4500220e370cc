package dev.aiolab.kernel.mm;

/**
 * The pages of one mapping by index ({@code mapping->page_tree}: {@code radix_tree_lookup},
 * {@code radix_tree_insert}, {@code radix_tree_delete}), kept as a hash table chained through the
 * pages themselves, with a link back to the previous page as in 2.4's page hash
 * ({@code next_hash}, {@code pprev_hash}). Removing a page therefore only writes to it and its
 * neighbours, the bucket included, and reads nothing it has not already got: reclaim removes a page
 * that was cached long ago, whose bucket is no longer in any CPU cache. The table doubles when it
 * holds as many pages as half its buckets.
 */
final class PageIndex {
    private Page[] buckets = new Page[16];
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
        for (Page p = buckets[hash(index) & mask]; p != null; p = p.hashNext) {
            if (p.index == index) {
                return p;
            }
        }
        return null;
    }

    /** Adds {@code page} at {@code page.index}; false, adding nothing, when the index is taken. */
    boolean insert(Page page) {
        int b = hash(page.index) & mask;
        Page head = buckets[b];
        for (Page p = head; p != null; p = p.hashNext) {
            if (p.index == page.index) {
                return false;
            }
        }
        link(b, head, page);
        if (++size * 2 > buckets.length) {
            grow();
        }
        return true;
    }

    private void link(int b, Page head, Page page) {
        page.hashPrev = null;
        page.hashNext = head;
        if (head != null) {
            head.hashPrev = page;
        }
        buckets[b] = page;
    }

    /** Removes {@code page}, which must be in this index. */
    void remove(Page page) {
        Page prev = page.hashPrev;
        Page next = page.hashNext;
        if (prev == null) {
            buckets[hash(page.index) & mask] = next;
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
        Page[] old = buckets;
        buckets = new Page[old.length * 2];
        mask = buckets.length - 1;
        for (Page head : old) {
            for (Page p = head; p != null; ) {
                Page next = p.hashNext;
                int b = hash(p.index) & mask;
                link(b, buckets[b], p);
                p = next;
            }
        }
    }
}
