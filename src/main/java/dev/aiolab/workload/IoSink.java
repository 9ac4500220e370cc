package dev.aiolab.workload;

import dev.aiolab.kernel.trace.IoRecord;

/** Where a job driver reports each finished I/O; the lab connects it to the metrics recorder. */
@FunctionalInterface
public interface IoSink {
    /** One finished I/O; the record is the caller's and is reused after the call returns. */
    void completed(IoRecord io);
}
