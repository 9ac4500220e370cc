package dev.aiolab.kernel.block;

import java.util.Arrays;

/**
 * One direction of the deadline elevator's {@code dd->sort_list}: queued requests in ascending
 * sector order, ties in allocation order. The kernel keeps an rbtree of nodes embedded in the
 * requests; here a sorted array, found by binary search, whose insert and removal shift at most
 * {@code nr_requests} references and allocate nothing, where a {@code TreeSet} made an entry per
 * request.
 */
final class SectorSortList {
    private Request[] sorted = new Request[16];
    private int size;

    /** Slot of the first request at or after (sector, seq). */
    private int lowerBound(long sector, long seq) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            Request m = sorted[mid];
            if (m.sector < sector || (m.sector == sector && m.seq < seq)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    void add(Request rq) {
        int i = lowerBound(rq.sector, rq.seq);
        if (size == sorted.length) {
            sorted = Arrays.copyOf(sorted, size * 2);
        }
        System.arraycopy(sorted, i, sorted, i + 1, size - i);
        sorted[i] = rq;
        size++;
    }

    /** Removes {@code rq}, found by its current sector; false when it is not there. */
    boolean remove(Request rq) {
        int i = lowerBound(rq.sector, rq.seq);
        if (i == size || sorted[i] != rq) {
            return false;
        }
        System.arraycopy(sorted, i + 1, sorted, i, size - i - 1);
        sorted[--size] = null;
        return true;
    }

    /** The request with the lowest sector, or null. */
    Request first() {
        return size == 0 ? null : sorted[0];
    }

    /** The request after {@code rq} in sector order, or null. */
    Request higher(Request rq) {
        int i = lowerBound(rq.sector, rq.seq);
        if (i < size && sorted[i] == rq) {
            i++;
        }
        return i < size ? sorted[i] : null;
    }

    int size() {
        return size;
    }
}
