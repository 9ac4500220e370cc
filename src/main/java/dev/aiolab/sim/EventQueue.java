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
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Time of the earliest event; only valid when not empty. */
    long peekTime() {
        return times[0];
    }

    void add(Event e) {
        if (size == events.length) {
            int n = size << 1;
            times = Arrays.copyOf(times, n);
            seqs = Arrays.copyOf(seqs, n);
            events = Arrays.copyOf(events, n);
        }
        siftUp(size++, e.time, e.seq, e);
    }

    Event poll() {
        Event top = events[0];
        top.index = -1;
        int last = --size;
        Event e = events[last];
        events[last] = null;
        if (last > 0) {
            siftDown(0, times[last], seqs[last], e);
        }
        return top;
    }

    void remove(Event e) {
        int i = e.index;
        e.index = -1;
        int last = --size;
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
        for (int i = 0; i < size; i++) {
            events[i].index = -1;
            events[i] = null;
        }
        size = 0;
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
        int n = size;
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
