package dev.aiolab.kernel.aio;

import dev.aiolab.kernel.sched.FlagsWord;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.WaitBitKey;
import dev.aiolab.kernel.sched.WaitBitQueue;
import dev.aiolab.kernel.sched.WaitQueueEntry;
import dev.aiolab.kernel.sched.WaitQueueHead;

/**
 * {@code struct kiocb} (include/linux/aio.h, with the seed's KIF_SYNCED and wait-bit entry): the
 * kernel side of one iocb. Its progress lives here ({@code ki_pos}, {@code ki_left}), never on a
 * stack, so any task may run its next retry. Its wait entry is asynchronous (no task) and its wake
 * function is {@code aio_wake_function}.
 */
public final class Kiocb {
    public static final int KIF_LOCKED = 0;
    public static final int KIF_KICKED = 1;
    public static final int KIF_CANCELLED = 2;
    /** Seed: O_SYNC writeout for this iocb has been issued; retries only wait. */
    public static final int KIF_SYNCED = 3;

    /** Where the iocb stands with respect to the context's run list ({@code ki_run_list}). */
    enum RunList {
        /** INIT_LIST_HEAD: a kick may queue it. */
        EMPTY,
        /** On {@code ctx->run_list}. */
        QUEUED,
        /** Being run ({@code ki_run_list.next == NULL}): kicks only set KICKED. */
        RUNNING
    }

    final AioContext ctx;
    /** {@code ki_key}: unique within the context. */
    public final long id;
    public final Iocb user;
    /** The task that submitted it. */
    public final Task submitter;
    int kiFlags;
    /** {@code ki_retry}; null while a retry runs. */
    RetryMethod kiRetry;
    /** {@code ki_wait}: a plain entry (2.6.12) or a wait-bit entry (seed patch 1). */
    public final WaitQueueEntry kiWait;
    public long kiPos;
    public long kiLeft;
    public final long kiNbytes;
    public long kiRetried;
    public long kiKicked;
    public long kiQueued;
    RunList runList = RunList.EMPTY;
    /** {@code ki_list} on {@code ctx->active_reqs}. */
    Kiocb kiListPrev;
    Kiocb kiListNext;
    boolean onActiveList;

    /** Filesystem state across retries and sleeps (e.g. the read descriptor); owned by the file. */
    public Object fsPrivate;
    /** Segment lengths of a vectored command, else null. */
    public final long[] iov;

    /** Metrics: submit time, wakes that kicked it, retries that made no progress and waited again. */
    public final long submitNs;
    public long completeNs = -1;
    public long result;
    public int wakeupsReceived;
    public int spuriousRetries;
    public int cacheHits;
    public int cacheMisses;
    /** Pages below this index were looked up by an earlier retry: their outcome is counted. */
    long pagesCountedUpTo;
    /** Exclusive wakeups this kiocb took and then made no progress on: the waker's one wakeup was lost. */
    public int lostWakeups;
    /**
     * The key of an exclusive wakeup {@code aio_wake_function} took for this kiocb (returning 1), until
     * its next retry shows whether it made progress; null otherwise.
     */
    FlagsWord exclusiveTakenWord;
    int exclusiveTakenBit;
    /** Time spent kicked and waiting for a task to run the next retry, summed over retries. */
    public long workerWaitNs;
    /** When the kiocb last went on the run list, or -1 when it is not waiting there. */
    long queuedAtNs = -1;
    /** O_SYNC or fsync writeouts issued for this iocb ({@code filemap_fdatawrite_range} calls). */
    public int writeouts;
    /** Why the next retry will run. */
    dev.aiolab.kernel.trace.Probe.RetryReason nextReason = dev.aiolab.kernel.trace.Probe.RetryReason.FIRST;
    boolean completed;

    Kiocb(AioContext ctx, long id, Iocb user, Task submitter, boolean waitBit, long nowNs) {
        this.ctx = ctx;
        this.id = id;
        this.user = user;
        this.submitter = submitter;
        this.kiPos = user.offset;
        this.kiLeft = user.nbytes;
        this.kiNbytes = user.nbytes;
        this.iov = user.iov;
        this.submitNs = nowNs;
        this.kiWait = waitBit ? new WaitBitQueue(null, this, ctx.aio.wakeFunction)
                : new WaitQueueEntry(null, this, ctx.aio.wakeFunction);
    }

    public AioContext ctx() {
        return ctx;
    }

    public boolean testFlag(int bit) {
        return (kiFlags & (1 << bit)) != 0;
    }

    /** {@code test_and_set_bit} on {@code ki_flags}. */
    public boolean testAndSetFlag(int bit) {
        boolean old = testFlag(bit);
        kiFlags |= 1 << bit;
        return old;
    }

    public void clearFlag(int bit) {
        kiFlags &= ~(1 << bit);
    }

    // models include/linux/aio.h (seed): kiocbTrySync
    public boolean kiocbTrySync() {
        return testAndSetFlag(KIF_SYNCED);
    }

    // models include/linux/aio.h (seed): is_retried_kiocb
    public boolean isRetried() {
        return kiRetried > 1;
    }

    /** Whether the iocb has completed ({@code aio_complete} ran). */
    public boolean isCompleted() {
        return completed;
    }

    /** The queue the kiocb's wait entry is on, or null. */
    public WaitQueueHead waitingOn() {
        return kiWait.queue();
    }

    /** The key of the kiocb's wait entry, or null for a plain entry. */
    public WaitBitKey waitKey() {
        return kiWait.key();
    }

    @Override
    public String toString() {
        return "ctx" + ctx.id + "/iocb" + id;
    }

    /** {@code ki_retry}: aio_pread, aio_pwrite, aio_fsync and their vectored forms. */
    @FunctionalInterface
    interface RetryMethod {
        long retry(Kiocb iocb);
    }
}
