package dev.aiolab.cli.bench;

import java.util.Arrays;

/**
 * Implicit d-ary min-heaps with keys in parallel primitive arrays, as the engine's
 * {@code EventQueue}; {@link Quaternary} with a lazy root is the engine's structure transcribed,
 * {@link Binary} the same code with two children per node. With a lazy root, poll leaves the root
 * vacant and the next add sifts down from it (the hold pattern: pop, then push); without, poll
 * moves the last leaf to the root at once and add sifts up from a new leaf.
 */
final class DaryHeapSet {
    private DaryHeapSet() {}

    /** The engine's 4-ary heap. */
    static final class Quaternary extends PendingSet {
        private static final int SHIFT = 2;
        private long[] times = new long[64];
        private long[] seqs = new long[64];
        private Node[] nodes = new Node[64];
        /** Slots in use, counting a vacant root. */
        private int size;
        /** Whether poll leaves the root vacant for the next add to fill (the engine does). */
        private final boolean lazyRoot;
        private boolean hole;

        Quaternary(boolean lazyRoot) {
            this.lazyRoot = lazyRoot;
        }

        @Override
        String name() {
            return lazyRoot ? "4-ary heap, lazy root" : "4-ary heap";
        }

        @Override
        int size() {
            return hole ? size - 1 : size;
        }

        @Override
        void add(Node e) {
            if (hole) {
                hole = false;
                siftDown(0, e.time, e.seq, e);
                return;
            }
            if (size == nodes.length) {
                times = Arrays.copyOf(times, size << 1);
                seqs = Arrays.copyOf(seqs, size << 1);
                nodes = Arrays.copyOf(nodes, size << 1);
            }
            siftUp(size++, e.time, e.seq, e);
        }

        @Override
        Node poll() {
            if (hole) {
                fillHole();
            }
            Node top = nodes[0];
            top.index = -1;
            if (lazyRoot && size > 1) {
                nodes[0] = null;
                hole = true;
                return top;
            }
            int last = --size;
            Node e = nodes[last];
            nodes[last] = null;
            if (last > 0) {
                siftDown(0, times[last], seqs[last], e);
            }
            return top;
        }

        private void fillHole() {
            hole = false;
            int last = --size;
            Node e = nodes[last];
            nodes[last] = null;
            siftDown(0, times[last], seqs[last], e);
        }

        @Override
        void remove(Node e) {
            if (hole) {
                fillHole();
            }
            int i = e.index;
            e.index = -1;
            int last = --size;
            if (i == last) {
                nodes[last] = null;
                return;
            }
            Node moved = nodes[last];
            long t = times[last];
            long s = seqs[last];
            nodes[last] = null;
            int p = (i - 1) >>> SHIFT;
            if (i > 0 && less(t, s, times[p], seqs[p])) {
                siftUp(i, t, s, moved);
            } else {
                siftDown(i, t, s, moved);
            }
        }

        private void siftUp(int i, long t, long s, Node e) {
            while (i > 0) {
                int parent = (i - 1) >>> SHIFT;
                long pt = times[parent];
                if (t > pt || (t == pt && s > seqs[parent])) {
                    break;
                }
                place(i, pt, seqs[parent], nodes[parent]);
                i = parent;
            }
            place(i, t, s, e);
        }

        private void siftDown(int i, long t, long s, Node e) {
            final long[] ts = times;
            final long[] ss = seqs;
            int n = size;
            while (true) {
                int first = (i << SHIFT) + 1;
                if (first >= n) {
                    break;
                }
                int best = first;
                long bt = ts[first];
                long bs = ss[first];
                int end = Math.min(first + (1 << SHIFT), n);
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
                place(i, bt, bs, nodes[best]);
                i = best;
            }
            place(i, t, s, e);
        }

        private void place(int i, long t, long s, Node e) {
            times[i] = t;
            seqs[i] = s;
            nodes[i] = e;
            e.index = i;
        }
    }

    /** A binary heap: the same layout and code with two children per node. */
    static final class Binary extends PendingSet {
        private long[] times = new long[64];
        private long[] seqs = new long[64];
        private Node[] nodes = new Node[64];
        /** Slots in use, counting a vacant root. */
        private int size;
        /** Whether poll leaves the root vacant for the next add to fill (the engine does). */
        private final boolean lazyRoot;
        private boolean hole;

        Binary(boolean lazyRoot) {
            this.lazyRoot = lazyRoot;
        }

        @Override
        String name() {
            return lazyRoot ? "binary heap, lazy root" : "binary heap";
        }

        @Override
        int size() {
            return hole ? size - 1 : size;
        }

        @Override
        void add(Node e) {
            if (hole) {
                hole = false;
                siftDown(0, e.time, e.seq, e);
                return;
            }
            if (size == nodes.length) {
                times = Arrays.copyOf(times, size << 1);
                seqs = Arrays.copyOf(seqs, size << 1);
                nodes = Arrays.copyOf(nodes, size << 1);
            }
            siftUp(size++, e.time, e.seq, e);
        }

        @Override
        Node poll() {
            if (hole) {
                fillHole();
            }
            Node top = nodes[0];
            top.index = -1;
            if (lazyRoot && size > 1) {
                nodes[0] = null;
                hole = true;
                return top;
            }
            int last = --size;
            Node e = nodes[last];
            nodes[last] = null;
            if (last > 0) {
                siftDown(0, times[last], seqs[last], e);
            }
            return top;
        }

        private void fillHole() {
            hole = false;
            int last = --size;
            Node e = nodes[last];
            nodes[last] = null;
            siftDown(0, times[last], seqs[last], e);
        }

        @Override
        void remove(Node e) {
            if (hole) {
                fillHole();
            }
            int i = e.index;
            e.index = -1;
            int last = --size;
            if (i == last) {
                nodes[last] = null;
                return;
            }
            Node moved = nodes[last];
            long t = times[last];
            long s = seqs[last];
            nodes[last] = null;
            int p = (i - 1) >>> 1;
            if (i > 0 && less(t, s, times[p], seqs[p])) {
                siftUp(i, t, s, moved);
            } else {
                siftDown(i, t, s, moved);
            }
        }

        private void siftUp(int i, long t, long s, Node e) {
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                long pt = times[parent];
                if (t > pt || (t == pt && s > seqs[parent])) {
                    break;
                }
                place(i, pt, seqs[parent], nodes[parent]);
                i = parent;
            }
            place(i, t, s, e);
        }

        private void siftDown(int i, long t, long s, Node e) {
            final long[] ts = times;
            final long[] ss = seqs;
            int n = size;
            while (true) {
                int c = (i << 1) + 1;
                if (c >= n) {
                    break;
                }
                long bt = ts[c];
                long bs = ss[c];
                int r = c + 1;
                if (r < n && less(ts[r], ss[r], bt, bs)) {
                    c = r;
                    bt = ts[r];
                    bs = ss[r];
                }
                if (t < bt || (t == bt && s < bs)) {
                    break;
                }
                place(i, bt, bs, nodes[c]);
                i = c;
            }
            place(i, t, s, e);
        }

        private void place(int i, long t, long s, Node e) {
            times[i] = t;
            seqs[i] = s;
            nodes[i] = e;
            e.index = i;
        }
    }
}
