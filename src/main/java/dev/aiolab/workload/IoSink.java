package dev.aiolab.workload;

/** Where a job driver reports each finished I/O; the lab connects it to the metrics recorder. */
@FunctionalInterface
public interface IoSink {
    /**
     * One finished I/O.
     *
     * @param op 0 read, 1 write, 2 fsync
     * @param retries runs of the kiocb's retry method after its first (0 for synchronous I/O)
     * @param kicks {@code kick_iocb} calls on the kiocb
     * @param wakeups wakeups the I/O received (kicks by its wake function, or task wakeups)
     * @param spurious wakeups after which the I/O made no progress and waited again
     * @param result bytes transferred or -errno
     */
    void completed(int job, int task, int op, long offset, long bytes, long submitNs, long completeNs, int retries,
            int kicks, int wakeups, int spurious, int cacheHits, int cacheMisses, long result);
}
