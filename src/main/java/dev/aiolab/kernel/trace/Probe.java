package dev.aiolab.kernel.trace;

/**
 * The tracepoints of the modelled kernel. The kernel reports to this interface and knows nothing of
 * what records it; every method has an empty default, and {@link #NONE} records nothing and costs
 * nothing. Identifiers are plain numbers so that a recorder can keep them in primitive columns.
 */
public interface Probe {
    /** The probe that records nothing. */
    Probe NONE = new Probe() {};

    /** Why a {@code __wake_up_common} walk stopped. */
    enum WalkStop { END_OF_LIST, EXCLUSIVE_DONE }

    /** One wake call ({@code __wake_up_common}); the record is the waker's and is reused after the call. */
    default void wakeCall(WakeRecord wake) {}

    /** A CPU spun {@code waitNs} for a wait queue's lock held by another CPU. */
    default void lockContention(long timeNs, int queueId, long waitNs) {}

    /** A task went to sleep on {@code queueId} (or -1 for a timed sleep). */
    default void taskSleep(long timeNs, int taskId, int queueId) {}

    /** {@code try_to_wake_up} made a sleeping task runnable. */
    default void taskWakeup(long timeNs, int taskId) {}

    /** Why a kiocb's retry method ran. */
    enum RetryReason {
        /** The first run, inline in {@code io_submit} or from the run list. */
        FIRST,
        /** {@code aio_wake_function} kicked it. */
        WAKE,
        /** {@code aio_run_iocb} kicked it itself: the retry queued no wait. */
        SELF_KICK,
        /** {@code io_cancel} or {@code io_destroy} kicked it. */
        CANCEL
    }

    /** {@code io_submit_one} accepted an iocb. */
    default void aioSubmit(long timeNs, int ctxId, long iocbId, int taskId) {}

    /**
     * One run of a kiocb's retry method ({@code aio_run_iocb}).
     *
     * @param progressed whether the retry transferred bytes or completed
     * @param waitedAgain whether it returned {@code -EIOCBRETRY} with a wait queued
     */
    default void aioRetry(long timeNs, int ctxId, long iocbId, RetryReason reason, boolean progressed,
            boolean waitedAgain) {}

    /** {@code kick_iocb}; {@code queued} when it put the iocb on the run list. */
    default void aioKick(long timeNs, int ctxId, long iocbId, boolean queued) {}

    /**
     * A kiocb took the exclusive wakeup of a wake call ({@code aio_wake_function} returned 1) and its
     * next retry made no progress: the wakeup is lost to the waiter it was meant for.
     */
    default void aioLostWakeup(long timeNs, int ctxId, long iocbId) {}

    /** {@code aio_complete}. */
    default void aioComplete(long timeNs, int ctxId, long iocbId, long result) {}

    /** {@code io_getevents} returned {@code nr} events to {@code taskId}. */
    default void aioReap(long timeNs, int ctxId, int taskId, int nr) {}

    /** A model fault or hang, as a result of the run. */
    default void fault(Fault fault) {}

}
