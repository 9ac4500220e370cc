package dev.aiolab.kernel.mm;

/**
 * The pages of one mapping by index ({@code mapping->page_tree}: {@code radix_tree_lookup},
 * {@code radix_tree_insert}, {@code radix_tree_delete}), kept as a hash table chained through the
 * pages themselves, with a link back to the previous page as in 2.4's page hash
 * ({@code next_hash}, {@code pprev_hash}).
 *
 * <p>Kept small, because a model of a cache much larger than the CPU's spends its time on the
 * CPU's cache misses: the table is one reference per bucket (128 KB for a 64 MiB machine), and
 * the pages lie together in {@code mem_map} ({@link PageCache}). An index beside each bucket's
 * reference, which spared a lookup the visit to the first page, tripled the table; without it
 * the AIO bench row ran 1.15x as fast (mean of four alternated pairs of runs). Removing a page
 * only writes to it, its neighbours and its bucket. The table doubles when it holds as many pages
 * as half its buckets.
 */
final class PageIndex {
    /** The first page of each bucket, or null. */
    private Page[] first = new Page[16];
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
        for (Page p = first[b]; p != null; p = p.hashNext) {
            if (p.index == index) {
                return p;
            }
        }
        return null;
    }

    /** Adds {@code page} at {@code page.index}; false, adding nothing, when the index is taken. */
    boolean insert(Page page) {
        int b = hash(page.index) & mask;
        for (Page p = first[b]; p != null; p = p.hashNext) {
            if (p.index == page.index) {
                return false;
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
    }

    /** Removes {@code page}, which must be in this index. */
    void remove(Page page) {
        Page prev = page.hashPrev;
        Page next = page.hashNext;
        if (prev == null) {
            int b = hash(page.index) & mask;
            first[b] = next;
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
