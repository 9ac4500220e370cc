package dev.aiolab.kernel.trace;

/** Records filled in one call, for tests that feed a probe or a recorder by hand. */
public final class TraceRecords {
    private TraceRecords() {}

    /** A wake call on a queue of its own (no hashed table), as {@code __wake_up_common} reports it. */
    public static WakeRecord wake(long timeNs, int queueId, long keyWord, int keyBit, int visited, int woken,
            int filtered, Probe.WalkStop stop, long cpuNs) {
        WakeRecord w = new WakeRecord();
        w.timeNs = timeNs;
        w.queueId = queueId;
        w.keyWord = keyWord;
        w.keyBit = keyBit;
        w.visited = visited;
        w.woken = woken;
        w.filtered = filtered;
        w.stop = stop;
        w.cpuNs = cpuNs;
        w.queueWaiters = visited;
        w.keyWaiters = keyBit < 0 ? -1 : 1;
        return w;
    }

    /** A synchronous I/O's record: no retries, kicks or submission latency. */
    public static IoRecord io(int job, int task, int op, int engine, long offset, int bytes, long submitNs,
            long completeNs, int wakeups, int spurious, int cacheHits, int cacheMisses, long result) {
        IoRecord r = new IoRecord();
        r.job = job;
        r.task = task;
        r.op = op;
        r.engine = engine;
        r.offset = offset;
        r.bytes = bytes;
        r.submitNs = submitNs;
        r.completeNs = completeNs;
        r.wakeups = wakeups;
        r.spurious = spurious;
        r.cacheHits = cacheHits;
        r.cacheMisses = cacheMisses;
        r.result = result;
        return r;
    }

    /** An AIO I/O's record: {@link #io} plus the kiocb's counts. */
    public static IoRecord aio(int job, int task, int op, int engine, long offset, int bytes, long submitNs,
            long completeNs, long slatNs, int retries, int kicks, int wakeups, int spurious, int lostWakeups,
            long workerWaitNs, int cacheHits, int cacheMisses, long result) {
        IoRecord r = io(job, task, op, engine, offset, bytes, submitNs, completeNs, wakeups, spurious, cacheHits,
                cacheMisses, result);
        r.aio = true;
        r.slatNs = slatNs;
        r.retries = retries;
        r.kicks = kicks;
        r.lostWakeups = lostWakeups;
        r.workerWaitNs = workerWaitNs;
        return r;
    }
}
