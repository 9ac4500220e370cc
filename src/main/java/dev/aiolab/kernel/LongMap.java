package dev.aiolab.kernel;

/**
 * A map from primitive {@code long} keys to objects: open addressing with linear probing and
 * backward-shift deletion, kept at most half full. It serves the block layer's merge lookups
 * (sector to request) without boxing a {@code Long} per call. Point operations only, never
 * iterated, so the table layout is unobservable; the operations keep {@link java.util.Map}'s
 * semantics.
 *
 * <p>Why half full: most lookups miss (a bio seldom continues a queued request), and the expected
 * length of an unsuccessful probe under linear probing grows as {@code 1/(1-load)^2}: about 8.5
 * slots at 3/4 load, 2.5 at 1/2.
 */
public final class LongMap<V> {
    private long[] keys = new long[16];
    private Object[] vals = new Object[16];
    private int size;
    private int mask = 15;

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    public int size() {
        return size;
    }

    /** Slot of {@code key}, or of the empty slot ending its probe chain. */
    private int slot(long key) {
        int i = hash(key) & mask;
        while (vals[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    @SuppressWarnings("unchecked")
    public V get(long key) {
        return (V) vals[slot(key)];
    }

    public void put(long key, V value) {
        int i = slot(key);
        if (vals[i] == null) {
            insert(i, key, value);
        } else {
            vals[i] = value;
        }
    }

    /** Maps {@code key} to {@code value} unless it is mapped; returns whether it did. */
    public boolean putIfAbsent(long key, V value) {
        int i = slot(key);
        if (vals[i] == null) {
            insert(i, key, value);
            return true;
        }
        return false;
    }

    public void remove(long key) {
        int i = slot(key);
        if (vals[i] != null) {
            delete(i);
        }
    }

    /** Removes {@code key} only if it maps to {@code value} (by identity). */
    public void remove(long key, V value) {
        int i = slot(key);
        if (value != null && vals[i] == value) {
            delete(i);
        }
    }

    private void insert(int i, long key, V value) {
        keys[i] = key;
        vals[i] = value;
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
        Object[] ov = vals;
        keys = new long[ok.length * 2];
        vals = new Object[ok.length * 2];
        mask = keys.length - 1;
        for (int i = 0; i < ok.length; i++) {
            if (ov[i] != null) {
                int j = slot(ok[i]);
                keys[j] = ok[i];
                vals[j] = ov[i];
            }
        }
    }

    @Override
    public String toString() {
        return "LongMap(" + size + "/" + keys.length + ")";
    }
}
