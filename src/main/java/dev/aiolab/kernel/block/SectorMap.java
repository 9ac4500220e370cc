package dev.aiolab.kernel.block;

/**
 * Sector to request, for the queue's merge lookups ({@code elv_rqhash} by end sector, and the
 * front-merge lookup by start sector): an open-addressing table with linear probing and
 * backward-shift deletion over primitive keys, in place of a {@code HashMap<Long, Request>} that
 * boxed a {@code Long} on every bio. Point operations only, never iterated, so the table layout is
 * unobservable; the operations keep {@link java.util.Map}'s semantics.
 */
final class SectorMap {
    private long[] keys = new long[16];
    private Request[] vals = new Request[16];
    private int size;
    private int mask = 15;

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Slot of {@code key}, or of the empty slot ending its probe chain. */
    private int slot(long key) {
        int i = hash(key) & mask;
        while (vals[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    Request get(long key) {
        return vals[slot(key)];
    }

    void put(long key, Request rq) {
        int i = slot(key);
        if (vals[i] == null) {
            insert(i, key, rq);
        } else {
            vals[i] = rq;
        }
    }

    void putIfAbsent(long key, Request rq) {
        int i = slot(key);
        if (vals[i] == null) {
            insert(i, key, rq);
        }
    }

    void remove(long key) {
        int i = slot(key);
        if (vals[i] != null) {
            delete(i);
        }
    }

    /** Removes {@code key} only if it maps to {@code rq}. */
    void remove(long key, Request rq) {
        int i = slot(key);
        if (vals[i] == rq && rq != null) {
            delete(i);
        }
    }

    private void insert(int i, long key, Request rq) {
        keys[i] = key;
        vals[i] = rq;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    // backward-shift deletion keeps probe chains unbroken
    private void delete(int i) {
        int hole = i;
        for (int j = (i + 1) & mask; vals[j] != null; j = (j + 1) & mask) {
            int home = hash(keys[j]) & mask;
            boolean between = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!between) {
                keys[hole] = keys[j];
                vals[hole] = vals[j];
                hole = j;
            }
        }
        vals[hole] = null;
        size--;
    }

    private void grow() {
        long[] ok = keys;
        Request[] ov = vals;
        keys = new long[ok.length * 2];
        vals = new Request[ok.length * 2];
        mask = keys.length - 1;
        for (int i = 0; i < ok.length; i++) {
            if (ov[i] != null) {
                int j = slot(ok[i]);
                keys[j] = ok[i];
                vals[j] = ov[i];
            }
        }
    }
}
