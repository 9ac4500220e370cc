package dev.aiolab.sim;

import java.util.Arrays;

/**
 * The pending-event set: an implicit 4-ary min-heap ordered by (time, sequence number), with
 * times and sequence numbers in primitive arrays beside the event references. Equal times pop in
 * scheduling order. Each event records its heap slot, so cancellation is O(log n).
 *
 * <p>Chosen by measurement ({@code aiolab bench --queues}): against a binary heap the 4-ary heap
 * halves the depth and keeps a node's children in one cache line of each key array.
 */
final class EventQueue {
    private static final int ARITY_SHIFT = 2;
    private static final int ARITY = 1 << ARITY_SHIFT;

    private long[] times = new long[64];
    private long[] seqs = new long[64];
    private Event[] events = new Event[64];
    /** Slots in use, counting a vacant root. */
    private int n;
    /**
     * Whether slot 0 is vacant: {@link #poll} leaves the root empty, because the event it returns
     * usually schedules another at once, and {@link #add} then sifts that one down from the root: one
     * pass instead of moving the last leaf to the root and sifting the new event up.
     */
    private boolean hole;

    int size() {
        return hole ? n - 1 : n;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** Time of the earliest event; only valid when not empty. */
    long peekTime() {
        if (hole) {
            fillHole();
        }
        return times[0];
    }

    void add(Event e) {
        if (hole) {
            hole = false;
            siftDown(0, e.time, e.seq, e);
            return;
        }
        if (n == events.length) {
            int len = n << 1;
            times = Arrays.copyOf(times, len);
            seqs = Arrays.copyOf(seqs, len);
            events = Arrays.copyOf(events, len);
        }
        siftUp(n++, e.time, e.seq, e);
    }

    /** Removes and returns the earliest event; only valid when not empty. */
    Event poll() {
        if (hole) {
            fillHole();
        }
        Event top = events[0];
        top.index = -1;
        events[0] = null;
        if (n == 1) {
            n = 0;
        } else {
            hole = true;
        }
        return top;
    }

    /** Moves the last leaf into the vacant root. */
    private void fillHole() {
        hole = false;
        int last = --n;
        Event e = events[last];
        events[last] = null;
        siftDown(0, times[last], seqs[last], e);
    }

    void remove(Event e) {
        if (hole) {
            fillHole();
        }
        int i = e.index;
        e.index = -1;
        int last = --n;
        if (i == last) {
            events[last] = null;
            return;
        }
        Event moved = events[last];
        long t = times[last];
        long s = seqs[last];
        events[last] = null;
        if (i > 0 && less(t, s, times[(i - 1) >>> ARITY_SHIFT], seqs[(i - 1) >>> ARITY_SHIFT])) {
            siftUp(i, t, s, moved);
        } else {
            siftDown(i, t, s, moved);
        }
    }

    void clear() {
        for (int i = 0; i < n; i++) {
            if (events[i] != null) {
                events[i].index = -1;
                events[i] = null;
            }
        }
        n = 0;
        hole = false;
    }

    private static boolean less(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void siftUp(int i, long t, long s, Event e) {
        while (i > 0) {
            int parent = (i - 1) >>> ARITY_SHIFT;
            long pt = times[parent];
            if (t > pt || (t == pt && s > seqs[parent])) {
                break;
            }
            place(i, pt, seqs[parent], events[parent]);
            i = parent;
        }
        place(i, t, s, e);
    }

    private void siftDown(int i, long t, long s, Event e) {
        final long[] ts = times;
        final long[] ss = seqs;
        final int n = this.n;
        while (true) {
            int first = (i << ARITY_SHIFT) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bt = ts[first];
            long bs = ss[first];
            int end = Math.min(first + ARITY, n);
            for (int c = first + 1; c < end; c++) {
                long ct = ts[c];
                if (ct < bt || (ct == bt && ss[c] < bs)) {
                    best = c;
                    bt = ct;
                    bs = ss[c];
                }
            }
            if (t < bt || (t == bt && s < bs)) {
                break;
            }
            place(i, bt, bs, events[best]);
            i = best;
        }
        place(i, t, s, e);
    }

    private void place(int i, long t, long s, Event e) {
        times[i] = t;
        seqs[i] = s;
        events[i] = e;
        e.index = i;
    }
}
