package dev.aiolab.workload;

/**
 * What one job task does, in the kernel's terms: where its I/Os go, how big they are, how many may
 * be in flight and when it stops. Built by the lab from a fio-style job description.
 *
 * @param jobId the recorder's job code
 * @param aio io_submit/io_getevents (libaio) rather than read/write system calls
 * @param bs bytes per I/O
 * @param baseOffset byte offset of block 0 of the access pattern in the file
 * @param maxIos stop after this many I/Os (Long.MAX_VALUE: no limit)
 * @param maxBytes stop after this many bytes (Long.MAX_VALUE: no limit)
 * @param runtimeNs stop issuing after this much simulated time (Long.MAX_VALUE: no limit)
 * @param iodepth I/Os in flight (AIO)
 * @param batchSubmit iocbs per io_submit (AIO)
 * @param batchCompleteMin min_nr of io_getevents (AIO)
 * @param thinktimeNs pause after each I/O has completed; an AIO job then has one I/O in flight (fio's
 *     thinktime with its default thinktime_blocks=1)
 * @param fsyncEvery an fsync after this many writes (0: never)
 */
public record JobSpec(int jobId, String name, boolean aio, long bs, long baseOffset, long maxIos, long maxBytes,
        long runtimeNs, int iodepth, int batchSubmit, int batchCompleteMin, long thinktimeNs, int fsyncEvery) {

    /** Whether {@code issued} I/Os of {@code bytes} issued since {@code startNs} reach a stop condition. */
    boolean doneIssuing(long issued, long bytes, long startNs, long nowNs) {
        return issued >= maxIos || bytes >= maxBytes || nowNs - startNs >= runtimeNs;
    }
}
