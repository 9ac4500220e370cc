package dev.aiolab.kernel.trace;

/**
 * What one finished I/O reports, from the job that issued it to the metrics that keep it. A caller
 * fills one instance and reuses it for the next I/O, so reporting allocates nothing.
 */
public final class IoRecord {
    /** Job and task codes, the operation (0 read, 1 write, 2 fsync) and the engine code. */
    public int job;
    public int task;
    public int op;
    public int engine;
    /** Whether the I/O went through the AIO system calls (a kiocb), not a synchronous system call. */
    public boolean aio;
    public long offset;
    public int bytes;
    /** When the I/O was issued (or arrived, in an open loop) and when it completed, in ns. */
    public long submitNs;
    public long completeNs;
    /** Submission latency (fio's slat): from {@link #submitNs} until {@code io_submit} returned; 0 for sync I/O. */
    public long slatNs;
    /** Runs of the kiocb's retry method after its first (0 for synchronous I/O). */
    public int retries;
    /** {@code kick_iocb} calls on the kiocb. */
    public int kicks;
    /** Wakeups the I/O received (kicks by its wake function, or task wakeups). */
    public int wakeups;
    /** Wakeups after which the I/O made no progress and waited again. */
    public int spurious;
    /** Exclusive wakeups the kiocb took and made no progress on (lost to the waiter they were for). */
    public int lostWakeups;
    /** Time the kiocb waited, kicked, for a task to run its retry (the {@code aio/N} worker's delay). */
    public long workerWaitNs;
    /** Pages found up to date, and not, on each page's first lookup by this I/O. */
    public int cacheHits;
    public int cacheMisses;
    /** Bytes transferred, or a negative errno. */
    public long result;

    /** Clears the per-I/O counts before the next I/O is filled in. */
    public IoRecord clearCounts() {
        aio = false;
        slatNs = 0;
        retries = 0;
        kicks = 0;
        wakeups = 0;
        spurious = 0;
        lostWakeups = 0;
        workerWaitNs = 0;
        cacheHits = 0;
        cacheMisses = 0;
        return this;
    }
}
