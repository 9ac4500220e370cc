package dev.aiolab.metrics;

import java.util.Arrays;

/**
 * Growable primitive columns stored in fixed-size chunks, so that growing never copies the data and
 * never holds more than one partly filled chunk per column: the heap per row stays at the width of
 * the primitive, which is what keeps a full per-I/O record within 64 bytes.
 */
final class Buffers {
    static final int CHUNK_BITS = 13;
    static final int CHUNK = 1 << CHUNK_BITS;
    static final int MASK = CHUNK - 1;

    private Buffers() {}

    static final class Longs {
        private long[][] chunks = new long[4][];
        private int size;

        void add(long v) {
            int c = size >>> CHUNK_BITS;
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, c * 2);
            }
            if (chunks[c] == null) {
                chunks[c] = new long[CHUNK];
            }
            chunks[c][size & MASK] = v;
            size++;
        }

        long get(int i) {
            return chunks[i >>> CHUNK_BITS][i & MASK];
        }

        int size() {
            return size;
        }
    }

    static final class Ints {
        private int[][] chunks = new int[4][];
        private int size;

        void add(int v) {
            int c = size >>> CHUNK_BITS;
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, c * 2);
            }
            if (chunks[c] == null) {
                chunks[c] = new int[CHUNK];
            }
            chunks[c][size & MASK] = v;
            size++;
        }

        int get(int i) {
            return chunks[i >>> CHUNK_BITS][i & MASK];
        }

        int size() {
            return size;
        }
    }

    static final class Shorts {
        private short[][] chunks = new short[4][];
        private int size;

        void add(short v) {
            int c = size >>> CHUNK_BITS;
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, c * 2);
            }
            if (chunks[c] == null) {
                chunks[c] = new short[CHUNK];
            }
            chunks[c][size & MASK] = v;
            size++;
        }

        short get(int i) {
            return chunks[i >>> CHUNK_BITS][i & MASK];
        }

        int size() {
            return size;
        }
    }

    static final class Bytes {
        private byte[][] chunks = new byte[4][];
        private int size;

        void add(byte v) {
            int c = size >>> CHUNK_BITS;
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, c * 2);
            }
            if (chunks[c] == null) {
                chunks[c] = new byte[CHUNK];
            }
            chunks[c][size & MASK] = v;
            size++;
        }

        byte get(int i) {
            return chunks[i >>> CHUNK_BITS][i & MASK];
        }

        int size() {
            return size;
        }
    }

    static final class Doubles {
        private double[][] chunks = new double[4][];
        private int size;

        void add(double v) {
            int c = size >>> CHUNK_BITS;
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, c * 2);
            }
            if (chunks[c] == null) {
                chunks[c] = new double[CHUNK];
            }
            chunks[c][size & MASK] = v;
            size++;
        }

        double get(int i) {
            return chunks[i >>> CHUNK_BITS][i & MASK];
        }

        int size() {
            return size;
        }
    }

    /**
     * Non-negative ints that are almost always small (retries, kicks, wakeups, cache pages of one I/O):
     * two bytes per row, with values of 65535 and above kept exactly in an overflow map.
     */
    static final class SmallInts {
        private static final char ESCAPE = Character.MAX_VALUE;
        private char[][] chunks = new char[4][];
        private final java.util.HashMap<Integer, Integer> overflow = new java.util.HashMap<>();
        private int size;

        void add(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("count must be >= 0, got " + v);
            }
            int c = size >>> CHUNK_BITS;
            if (c == chunks.length) {
                chunks = Arrays.copyOf(chunks, c * 2);
            }
            if (chunks[c] == null) {
                chunks[c] = new char[CHUNK];
            }
            if (v >= ESCAPE) {
                chunks[c][size & MASK] = ESCAPE;
                overflow.put(size, v);
            } else {
                chunks[c][size & MASK] = (char) v;
            }
            size++;
        }

        int get(int i) {
            char v = chunks[i >>> CHUNK_BITS][i & MASK];
            return v == ESCAPE ? overflow.get(i) : v;
        }

        int size() {
            return size;
        }
    }
}
