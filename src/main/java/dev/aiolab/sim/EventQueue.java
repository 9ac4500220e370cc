package dev.aiolab.sim;

import java.util.Arrays;

/**
 * The pending-event set, ordered by (time, sequence number) so that equal times pop in scheduling
 * order, with times and sequence numbers in primitive arrays beside the event references. Up to
 * {@value #SMALL_MAX} events it is a sorted array (poll O(1), add by insertion); beyond, an implicit
 * 4-ary min-heap in which each event records its slot, so cancellation is O(log n), and whose root
 * is left vacant by poll for the next add to fill.
 *
 * <p>Chosen by measurement: {@code aiolab bench --queues} runs the hold model on candidate
 * structures alone (same (time, seq) order, same O(log n) removal). Median of three runs, each the
 * best of 3 one-second trials, on one core of a shared 2-core machine under heavy load (the runs
 * disagreed by up to 40%), in million events/s:
 * <pre>
 *                           10 pending   1,000 pending   100,000 pending
 *   4-ary heap, lazy root       18.0          8.2              1.40
 *   4-ary heap                  14.2          6.9              1.46
 *   binary heap, lazy root      20.7          7.4              1.41
 *   binary heap                 13.2          5.9              1.40
 *   pairing heap                13.6          5.1              0.50
 *   sorted array (2 runs)       18.7          0.9               -
 * </pre>
 * The lazy root is the clear gain (+25 to 55% at 10 pending). The pairing heap loses everywhere, by
 * nearly 3x at 100,000 pending (a pointer chase per link). Between 4- and 2-ary heaps the noise exceeded
 * the difference at 1,000 and 100,000 pending; at 10 the lazy binary heap led in all three runs,
 * also ahead of the sorted array, which the engine uses up to {@value #SMALL_MAX}.
 *
 * <p>Re-measured. On the bare structures (best of 3 half-second trials, M events/s) the lazy 4-ary
 * and binary heaps tie the sorted array at 2 pending (26.1, 27.4 against 28.0) and lead it from 3
 * on (3: 27.2, 26.0 against 23.7; 10: 22.3, 23.3 against 20.4). Inside the engine, though, neither
 * a sorted array for at most 2 events nor a binary heap beat this structure on the {@code hold-10}
 * and {@code mm1} rows beyond the rows' run-to-run spread (five paired runs against SSJ's
 * DoublyLinked list: {@code hold-10} 1.04x on average with the 2-event array, 1.05x with this;
 * a binary heap, tried in two runs each way, fell to 0.76x in one), so it stays.
 */
final class EventQueue {
    private static final int ARITY_SHIFT = 2;
    private static final int ARITY = 1 << ARITY_SHIFT;

    /** Up to this many pending events are kept as a sorted array; one more turns it into a heap. */
    static final int SMALL_MAX = 12;
    /** A heap that shrinks to this many events becomes a sorted array again (hysteresis). */
    static final int SMALL_MIN = 4;

    private long[] times = new long[64];
    private long[] seqs = new long[64];
    private Event[] events = new Event[64];
    /** Slots in use, counting a vacant root. */
    private int n;
    /**
     * Sorted-array mode: {@code events[0..n-1]} in decreasing (time, seq), keys read from the events
     * (the key arrays are unused), so the earliest event is the last slot and poll is O(1); add
     * shifts the events that pop earlier up by one, like insertion sort. For a few events this beats
     * the heap, whose sift branches are coin tosses the CPU mispredicts. Events record index 0
     * (pending) only; cancel searches the array.
     */
    private boolean small = true;
    /**
     * Heap mode: whether slot 0 is vacant. {@link #poll} leaves the root empty, because the event it
     * returns usually schedules another at once, and {@link #add} then sifts that one down from the
     * root: one pass instead of moving the last leaf to the root and sifting the new event up.
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
        if (small) {
            return events[n - 1].time;
        }
        if (hole) {
            fillHole();
        }
        return times[0];
    }

    /** Removes and returns the earliest event if it is due at or before {@code endTime}, else null. */
    Event pollNotAfter(long endTime) {
        if (small) {
            int k = n - 1;
            if (k < 0) {
                return null;
            }
            Event e = events[k];
            if (e.time > endTime) {
                return null;
            }
            events[k] = null;
            n = k;
            e.index = -1;
            return e;
        }
        if (hole) {
            fillHole();
        }
        if (n == 0 || times[0] > endTime) {
            return null;
        }
        return poll();
    }

    /** Adds {@code e}, whose sequence number must exceed every pending event's (the engine numbers them in order). */
    void add(Event e) {
        if (small && n < SMALL_MAX) {
            insertNewest(e);
            return;
        }
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
        if (small) {
            toHeap();
        }
        siftUp(n++, e.time, e.seq, e);
    }

    /** Adds {@code e}, whose sequence number may be below pending ones' (a lane's next event). */
    void addAny(Event e) {
        if (small && n < SMALL_MAX) {
            insertSorted(e);
        } else {
            add(e);
        }
    }

    /**
     * {@link #insertSorted} for an event just scheduled, whose sequence number exceeds every pending
     * one: among equal times it pops last, so only times need comparing.
     */
    private void insertNewest(Event e) {
        final Event[] es = events;
        final long t = e.time;
        int j = n++;
        Event p;
        while (j > 0 && (p = es[j - 1]).time <= t) {
            es[j] = p;
            j--;
        }
        es[j] = e;
        e.index = 0;
    }

    /** Insertion sort step: shifts the events that pop before {@code e} up one slot. */
    private void insertSorted(Event e) {
        final Event[] es = events;
        final long t = e.time;
        final long s = e.seq;
        int j = n++;
        while (j > 0) {
            Event p = es[j - 1];
            long pt = p.time;
            if (pt > t || (pt == t && p.seq > s)) {
                break;
            }
            es[j] = p;
            j--;
        }
        es[j] = e;
        e.index = 0;
    }

    /** Removes and returns the earliest event; only valid when not empty. */
    Event poll() {
        if (small) {
            Event e = events[--n];
            events[n] = null;
            e.index = -1;
            return e;
        }
        if (hole) {
            fillHole();
        }
        Event top = events[0];
        top.index = -1;
        if (n - 1 <= SMALL_MIN) {
            int last = --n;
            Event e = events[last];
            events[last] = null;
            if (last > 0) {
                siftDown(0, times[last], seqs[last], e);
            }
            toSmall();
            return top;
        }
        events[0] = null;
        hole = true;
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

    /** A sorted array in decreasing order, reversed, is a heap. */
    private void toHeap() {
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            Event e = events[i];
            events[i] = events[j];
            events[j] = e;
        }
        for (int i = 0; i < n; i++) {
            Event e = events[i];
            times[i] = e.time;
            seqs[i] = e.seq;
            e.index = i;
        }
        small = false;
    }

    /** Sorts the (few) heap slots into decreasing order. */
    private void toSmall() {
        int m = n;
        n = 0;
        small = true;
        for (int i = 0; i < m; i++) {
            // slots below n are sorted; slot i >= n still holds an unsorted heap entry
            insertSorted(events[i]);
        }
    }

    void remove(Event e) {
        if (small) {
            // searched from the latest event: what gets cancelled is mostly a timeout (the request
            // queue's unplug timer, milliseconds out), which sits at the low end of the array
            int i = 0;
            while (events[i] != e) {
                i++;
            }
            int last = --n;
            System.arraycopy(events, i + 1, events, i, last - i);
            events[last] = null;
            e.index = -1;
            return;
        }
        if (hole) {
            fillHole();
        }
        int i = e.index;
        e.index = -1;
        int last = --n;
        if (i == last) {
            events[last] = null;
        } else {
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
        if (n <= SMALL_MIN) {
            toSmall();
        }
    }

    void clear() {
        for (int i = 0; i < n; i++) {
            Event e = events[i];
            if (e != null) {
                if (e instanceof Lane.Entry entry) {
                    entry.lane().clear();
                }
                e.index = -1;
                events[i] = null;
            }
        }
        n = 0;
        hole = false;
        small = true;
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
