package dev.aiolab.kernel.trace;

/**
 * What one wake call ({@code __wake_up_common}) reports. The waker fills one instance and reuses it
 * for the next call, so reporting allocates nothing.
 */
public final class WakeRecord {
    /** When the walk started, and the queue (for a hashed table, the bucket's queue id). */
    public long timeNs;
    public int queueId;
    /** The key's word address and bit, or bit -1 for a wake without a key. */
    public long keyWord;
    public int keyBit = -1;
    /** Entries whose wake function was called, and of those: that woke a task or kicked a kiocb, and that kicked. */
    public int visited;
    public int woken;
    public int kicked;
    /** Visited entries whose wake function did nothing. */
    public int filtered;
    public Probe.WalkStop stop;
    /** CPU time the walk charged (lock, entry visits and wakeups). */
    public long cpuNs;
    /** Entries on the queue when the walk started. */
    public int queueWaiters;
    /** Of those, entries waiting for exactly the key's (word, bit); -1 for a wake without a key. */
    public int keyWaiters = -1;
    /**
     * For a bucket of a hashed wait table: entries on the whole table when the walk started, and the
     * table's number of buckets; -1 for a queue of its own.
     */
    public int tableWaiters = -1;
    public int tableBuckets = -1;

    /**
     * The balls-in-bins expectation of {@link #queueWaiters} for a keyed wake on a hashed table
     * bucket: the key's own waiters plus each of the table's other entries with probability 1/B
     * ({@code k + (N - k) / B}); NaN when it does not apply.
     */
    public double expectedQueueWaiters() {
        return expectedQueueWaiters(keyWaiters, tableWaiters, tableBuckets);
    }

    /** {@code k + (n - k) / b} for {@code k > 0} waiters of the key among {@code n} on {@code b} buckets, else NaN. */
    public static double expectedQueueWaiters(int k, int n, int b) {
        return n < 0 || k <= 0 ? Double.NaN : k + (double) (n - k) / b;
    }
}
