package dev.aiolab.kernel.mm;

/**
 * The free page-frame numbers in the order they were freed (first freed, first reused): a growable
 * ring of primitive longs, in place of an {@code ArrayDeque<Long>} that boxed a pfn on every
 * eviction once the cache is at its limit.
 */
final class PfnQueue {
    private long[] ring = new long[16];
    private int head;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    void addLast(long pfn) {
        if (size == ring.length) {
            long[] r = new long[ring.length * 2];
            for (int i = 0; i < size; i++) {
                r[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = r;
            head = 0;
        }
        ring[(head + size) & (ring.length - 1)] = pfn;
        size++;
    }

    /** Removes and returns the oldest pfn; only valid when not empty. */
    long pollFirst() {
        long pfn = ring[head];
        head = (head + 1) & (ring.length - 1);
        size--;
        return pfn;
    }
}
