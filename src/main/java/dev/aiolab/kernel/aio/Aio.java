package dev.aiolab.kernel.aio;

import static dev.aiolab.kernel.Errno.EAGAIN;
import static dev.aiolab.kernel.Errno.EFAULT;
import static dev.aiolab.kernel.Errno.EINTR;
import static dev.aiolab.kernel.Errno.EINVAL;
import static dev.aiolab.kernel.Errno.EIOCBQUEUED;
import static dev.aiolab.kernel.Errno.EIOCBRETRY;
import static dev.aiolab.kernel.Errno.SCHEDULE;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.KernelOops;
import dev.aiolab.kernel.sched.FlagsWord;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.WaitBitKey;
import dev.aiolab.kernel.sched.WaitBitQueue;
import dev.aiolab.kernel.sched.WaitQueueEntry;
import dev.aiolab.kernel.sched.WaitQueueHead;
import dev.aiolab.kernel.sched.WakeFunction;
import dev.aiolab.kernel.trace.Fault;
import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.kernel.trace.Probe.RetryReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * fs/aio.c of 2.6.12 with the seed's patches as switches: the system calls, the retry core
 * ({@code aio_run_iocb}, {@code kick_iocb}, the {@code aio} workqueue) and the retry methods.
 * Follow an I/O by following the names: {@code io_submit_one} runs the first {@code aio_run_iocb}
 * inline; a retry that waits returns {@code -EIOCBRETRY} with the kiocb's entry queued;
 * {@code aio_wake_function} kicks it; the worker's {@code aio_kick_handler} runs it again.
 */
public final class Aio {
    final Sched sched;
    private final Probe probe;
    final AioWorkqueue workqueue;
    final WakeFunction wakeFunction = this::aioWakeFunction;
    private final Kiocb.RetryMethod aioPreadMethod = this::aioPread;
    private final Kiocb.RetryMethod aioPwriteMethod = this::aioPwrite;
    private static final Kiocb.RetryMethod AIO_FSYNC = iocb -> iocb.user.file.aioFsync(iocb, false);
    private static final Kiocb.RetryMethod AIO_FDSYNC = iocb -> iocb.user.file.aioFsync(iocb, true);
    private final boolean waitBit;
    private final boolean wakeReturnsOne;
    private final boolean ioWaitResetNull;
    private final int maxRetries;
    private final int hz;
    private final long syscallNs;
    private final long kickNs;
    private final long completeNs;
    private final List<AioContext> contexts = new ArrayList<>();
    private long completions;
    private long lostWakeups;
    private final IdentityHashMap<FlagsWord, LostWakeup> lastLostWakeup = new IdentityHashMap<>();

    /** The last exclusive wakeup of a word that a kiocb took and made no progress on. */
    private record LostWakeup(int ctx, long iocb, int bit, long atNs) {
    }

    public Aio(Sched sched, KernelConfig config) {
        this.sched = sched;
        this.probe = sched.probe();
        this.waitBit = config.get(KernelConfig.AIO_WAIT_ENTRY) == KernelConfig.AioWaitEntry.WAIT_BIT;
        this.wakeReturnsOne = config.is(KernelConfig.AIO_WAKE_RETURNS_ONE);
        this.ioWaitResetNull = config.is(KernelConfig.IO_WAIT_RESET_NULL);
        this.maxRetries = config.getInt(KernelConfig.AIO_MAX_RETRIES);
        this.hz = config.getInt(KernelConfig.HZ);
        this.syscallNs = config.getLong(KernelConfig.SYSCALL_NS);
        this.kickNs = config.getLong(KernelConfig.AIO_KICK_NS);
        this.completeNs = config.getLong(KernelConfig.AIO_COMPLETE_NS);
        this.workqueue = new AioWorkqueue(this, sched, hz);
    }

    /** The {@code aio/N} worker thread of a CPU. */
    public Task worker(int cpu) {
        return workqueue.worker(cpu);
    }

    /** Every context created, dead or alive. */
    public List<AioContext> contexts() {
        return Collections.unmodifiableList(contexts);
    }

    /** Completions so far, over all contexts. */
    public long completions() {
        return completions;
    }

    // ---- system calls ----

    // models fs/aio.c: sys_io_setup / ioctx_alloc
    /** Creates a context for {@code nrEvents} events; charges the calling task. */
    public AioContext ioSetup(int nrEvents) {
        if (nrEvents <= 0) {
            throw new IllegalArgumentException("io_setup: nr_events must be > 0, got " + nrEvents);
        }
        sched.chargeCurrent(syscallNs);
        AioContext ctx = new AioContext(this, contexts.size(), nrEvents);
        contexts.add(ctx);
        return ctx;
    }

    /** A resumable {@code io_submit} of {@code iocbs}; call {@link IoSubmit#call} until it is not SCHEDULE. */
    public IoSubmit ioSubmit(AioContext ctx, List<Iocb> iocbs) {
        return new IoSubmit(ctx, iocbs);
    }

    /** A resumable {@code io_getevents(min_nr, nr, timeout)}; a negative timeout waits forever. */
    public IoGetevents ioGetevents(AioContext ctx, int minNr, int nr, long timeoutNs) {
        return new IoGetevents(ctx, minNr, nr, timeoutNs);
    }

    /** A resumable {@code io_destroy}. */
    public IoDestroy ioDestroy(AioContext ctx) {
        return new IoDestroy(ctx);
    }

    // models fs/aio.c: sys_io_cancel
    /**
     * Cancels an iocb. 2.6.12 file kiocbs have no {@code ki_cancel}; the model gives retry-based
     * kiocbs one: it marks the kiocb cancelled, takes its wait entry off any queue and kicks it, so
     * the next {@code aio_run_iocb} completes it with {@code -EINTR}, and that event is delivered
     * through the ring. Returns {@code -EAGAIN} (in progress) or {@code -EINVAL} if not active.
     */
    public int ioCancel(AioContext ctx, Kiocb iocb) {
        sched.chargeCurrent(syscallNs);
        if (iocb.ctx != ctx || iocb.completed || !iocb.onActiveList) {
            return -EINVAL;
        }
        cancelKiocb(iocb);
        return -EAGAIN;
    }

    private void cancelKiocb(Kiocb iocb) {
        iocb.testAndSetFlag(Kiocb.KIF_CANCELLED);
        WaitQueueHead q = iocb.kiWait.queue();
        if (q != null) {
            q.removeWaitQueue(iocb.kiWait);
            iocb.nextReason = RetryReason.CANCEL;
            kickIocb(iocb);
        }
    }

    // ---- the retry core ----

    // models fs/aio.c: io_submit_one
    /**
     * Where a task that ran retries stands when one of them put it to sleep: the kiocb whose retry
     * slept. Its kernel stack is the kiocb's file state; the task resumes that retry when woken,
     * then finishes draining the run list it was draining.
     */
    static final class RunState {
        Kiocb resume;
        /** The batch {@code __aio_run_iocbs} takes off the run list (list_splice_init), reused. */
        final ArrayList<Kiocb> batch = new ArrayList<>();
    }

    /** Returns 0, -EAGAIN when the ring is full, or SCHEDULE when the inline retry slept. */
    private long ioSubmitOne(AioContext ctx, Iocb user, Task current, IoSubmit call) {
        Kiocb req = aioGetReq(ctx, user, current);
        if (req == null) {
            return -EAGAIN;
        }
        req.kiRetry = retryMethod(user);
        probe.aioSubmit(sched.now(), ctx.id, req.id, current == null ? -1 : current.id());
        call.submitted.add(req);
        if (ctx.runList.isEmpty()) {
            long r = aioRunIocb(req);
            if (r == SCHEDULE) {
                call.run.resume = req;
                return SCHEDULE;
            }
        } else {
            ctx.runList.addLast(req);
            req.runList = Kiocb.RunList.QUEUED;
            req.queuedAtNs = sched.now();
            // drain the run list
            if (!drain(ctx, call.run, true)) {
                return SCHEDULE;
            }
        }
        return 0;
    }

    // models fs/aio.c: aio_get_req
    private Kiocb aioGetReq(AioContext ctx, Iocb user, Task current) {
        if (ctx.dead || ctx.reqsActive >= ctx.ringAvail()) {
            return null;
        }
        Kiocb req = new Kiocb(ctx, ctx.nextKey++, user, current, waitBit, sched.now());
        ctx.addActive(req);
        ctx.reqsActive++;
        return req;
    }

    // models fs/aio.c: aio_setup_iocb
    private Kiocb.RetryMethod retryMethod(Iocb user) {
        return switch (user.opcode) {
            case PREAD, PREADV -> aioPreadMethod;
            case PWRITE, PWRITEV -> aioPwriteMethod;
            case FSYNC -> AIO_FSYNC;
            case FDSYNC -> AIO_FDSYNC;
        };
    }

    // models fs/aio.c: aio_run_iocb
    /**
     * Runs one retry of {@code iocb} on the current task, as 2.6.12 does: the retry limit, cancel,
     * clearing KICKED before the retry, pointing {@code current->io_wait} at the kiocb's entry,
     * completing unless RETRY/QUEUED, kicking itself when no wait was queued, and requeueing if
     * kicked meanwhile.
     */
    long aioRunIocb(Kiocb iocb) {
        AioContext ctx = iocb.ctx;
        if (iocb.kiRetried++ > maxRetries) {
            // 2.6.12 prints "Maximal retry count" and returns without aio_complete
            fault(iocb, "RETRY_LIMIT", "aio_run_iocb", "gave up with -EAGAIN after " + maxRetries
                    + " retries, " + (iocb.kiNbytes - iocb.kiLeft) + " of " + iocb.kiNbytes + " bytes done; the"
                    + " kiocb leaks: it gets no event and stays in reqs_active");
            return -EAGAIN;
        }
        Kiocb.RetryMethod retry = iocb.kiRetry;
        if (retry == null) {
            return 0;
        }
        // the next retry for this operation must not modify the state of the iocb while this one runs
        iocb.kiRetry = null;
        RetryReason reason = iocb.nextReason;
        long ret;
        if (iocb.testFlag(Kiocb.KIF_CANCELLED)) {
            // quit retrying if the i/o has been cancelled
            ret = -EINTR;
            aioComplete(iocb, ret, 0);
            probe.aioRetry(sched.now(), ctx.id, iocb.id, reason, true, false);
            return ret;
        }
        if (iocb.queuedAtNs >= 0) {
            iocb.workerWaitNs += sched.now() - iocb.queuedAtNs;
            iocb.queuedAtNs = -1;
        }
        // although the kiocb might have been kicked, this is a fresh retry: clear KICKED first,
        // so that a wakeup during the retry sets it again and is not lost
        iocb.clearFlag(Kiocb.KIF_KICKED);
        iocb.runList = Kiocb.RunList.RUNNING;
        ret = runRetry(iocb, retry, reason);
        if (ret == SCHEDULE) {
            return SCHEDULE;
        }
        return afterRetry(iocb, retry, ret);
    }

    /** Continues an {@code aio_run_iocb} whose retry put the submitting task to sleep (mainline 2.6.12). */
    private long aioRunIocbResume(Kiocb iocb) {
        long ret = runRetry(iocb, iocb.kiRetry == null ? retryOf(iocb) : iocb.kiRetry, RetryReason.FIRST);
        if (ret == SCHEDULE) {
            return SCHEDULE;
        }
        return afterRetry(iocb, retryOf(iocb), ret);
    }

    private Kiocb.RetryMethod retryOf(Kiocb iocb) {
        return retryMethod(iocb.user);
    }

    private long runRetry(Kiocb iocb, Kiocb.RetryMethod retry, RetryReason reason) {
        Task current = sched.current();
        long leftBefore = iocb.kiLeft;
        Object wordBefore = iocb.kiWait.waitedWord;
        int bitBefore = iocb.kiWait.waitedBit;
        if (current != null) {
            // by pointing io_wait at the iocb's entry, waits queue async notifications instead of blocking
            current.ioWait = iocb.kiWait;
        }
        long ret;
        try {
            ret = retry.retry(iocb);
        } catch (KernelOops oops) {
            fault(iocb, "OOPS", oops.function(), oops.explanation());
            ret = -EFAULT;
        } finally {
            if (current != null) {
                // the seed's patchset reset io_wait to NULL (the reported bug); the fix restores
                // the task's default entry
                current.ioWait = ioWaitResetNull ? null : current.wait;
            }
        }
        if (ret == SCHEDULE) {
            return SCHEDULE;
        }
        boolean waited = ret == -EIOCBRETRY && iocb.kiWait.isQueued();
        // a retry that waits again for the same (word, bit) after moving no bytes made no progress
        boolean progressed = iocb.kiLeft < leftBefore || ret != -EIOCBRETRY
                || iocb.kiWait.waitedWord != wordBefore || iocb.kiWait.waitedBit != bitBefore;
        if (iocb.kiRetried > 1 && !progressed && waited) {
            iocb.spuriousRetries++;
        }
        if (iocb.exclusiveTakenWord != null) {
            if (!progressed && waited) {
                lostWakeup(iocb);
            }
            iocb.exclusiveTakenWord = null;
        }
        probe.aioRetry(sched.now(), iocb.ctx.id, iocb.id, reason, progressed, waited);
        return ret;
    }

    private long afterRetry(Kiocb iocb, Kiocb.RetryMethod retry, long ret) {
        AioContext ctx = iocb.ctx;
        if (ret != -EIOCBRETRY) {
            if (ret != -EIOCBQUEUED) {
                if (iocb.kiWait.isQueued()) {
                    fault(iocb, "BUG", "aio_run_iocb", "BUG_ON(!list_empty(&iocb->ki_wait.task_list)): "
                            + "completing with a wait still queued on " + iocb.kiWait.queue().name());
                    iocb.kiWait.queue().removeWaitQueue(iocb.kiWait);
                }
                aioComplete(iocb, ret, 0);
            }
        } else if (!iocb.kiWait.isQueued()) {
            // issue an additional retry to avoid waiting forever if no waits were queued
            // (e.g. in case of a short read)
            iocb.testAndSetFlag(Kiocb.KIF_KICKED);
            iocb.nextReason = RetryReason.SELF_KICK;
        } else {
            iocb.nextReason = RetryReason.WAKE;
        }
        if (ret == -EIOCBRETRY) {
            iocb.kiRetry = retry;
            // now that this iteration is done and more is left, let a subsequent kick start the next
            iocb.runList = Kiocb.RunList.EMPTY;
            // we must queue the next iteration ourselves if it has already been kicked: onto the
            // run list only (__queue_kicked_iocb); the drain running it requeues its work at once
            if (iocb.testFlag(Kiocb.KIF_KICKED)) {
                queueKickedIocbLocked(iocb);
            }
        } else if (iocb.runList == Kiocb.RunList.RUNNING) {
            iocb.runList = Kiocb.RunList.EMPTY;
        }
        return ret;
    }

    // models fs/aio.c: __aio_run_iocbs
    /**
     * Runs the iocbs on the run list once; true if more were kicked meanwhile. If a retry puts the
     * running task to sleep, the kiocb goes into {@code rs} and the rest of the batch back on the
     * run list, in order.
     */
    private boolean aioRunIocbs(AioContext ctx, RunState rs) {
        ArrayList<Kiocb> batch = rs.batch;
        batch.clear();
        Kiocb queued;
        while ((queued = ctx.runList.pollFirst()) != null) {
            batch.add(queued);
        }
        for (int i = 0; i < batch.size(); i++) {
            Kiocb iocb = batch.get(i);
            // list_del leaves ki_run_list non-empty: kicks only set KICKED until aio_run_iocb is done
            iocb.runList = Kiocb.RunList.RUNNING;
            if (aioRunIocb(iocb) == SCHEDULE) {
                rs.resume = iocb;
                for (int j = batch.size() - 1; j > i; j--) {
                    ctx.runList.addFirst(batch.get(j));
                    batch.get(j).runList = Kiocb.RunList.QUEUED;
                }
                batch.clear();
                return !ctx.runList.isEmpty();
            }
        }
        batch.clear();
        return !ctx.runList.isEmpty();
    }

    /**
     * Resumes a retry that slept, then runs the run list: until it is empty when {@code all}
     * ({@code aio_run_all_iocbs}, the submitter's drain), or once. False when the task sleeps again.
     */
    private boolean drain(AioContext ctx, RunState rs, boolean all) {
        if (rs.resume != null) {
            Kiocb k = rs.resume;
            rs.resume = null;
            if (aioRunIocbResume(k) == SCHEDULE) {
                rs.resume = k;
                return false;
            }
        }
        boolean more;
        do {
            more = aioRunIocbs(ctx, rs);
            if (rs.resume != null) {
                return false;
            }
        } while (all && more);
        if (more) {
            workqueue.queueWork(ctx);
        }
        return true;
    }

    // models fs/aio.c: aio_kick_handler
    /**
     * Runs the context's run list once on the worker; requeues the work (queue_work: we're in a
     * worker thread already, no delay) if more were kicked meanwhile. False when a retry put the
     * worker to sleep; it resumes with the same {@code rs} when woken.
     */
    boolean aioKickHandler(AioContext ctx, RunState rs) {
        if (ctx.dead && ctx.runList.isEmpty() && rs.resume == null) {
            return true;
        }
        return drain(ctx, rs, false);
    }

    // models fs/aio.c: aio_wake_function
    /**
     * The kiocb's wake function. Seed: a non-NULL key that does not match (or whose bit is still
     * set) is filtered out; after kicking, return 0 so an exclusive wakeup is not consumed by an
     * iocb whose retry may never pass the baton. 2.6.12 returns 1.
     */
    private int aioWakeFunction(WaitQueueEntry wait, int mode, int sync, WaitBitKey key) {
        Kiocb iocb = (Kiocb) wait.owner;
        if (key != null && wait instanceof WaitBitQueue wb && !wb.testWaitBitKey(key)) {
            return 0;
        }
        wait.queue().listDelInit(wait);
        iocb.wakeupsReceived++;
        sched.noteWakeAction();
        iocb.nextReason = RetryReason.WAKE;
        kickIocb(iocb);
        if (!wakeReturnsOne) {
            return 0;
        }
        if (wait.isExclusive() && key != null) {
            if (wait.waitedWord != key.word || wait.waitedBit != key.bitNr) {
                // the walk's one exclusive wakeup, meant for a waiter of another (word, bit)
                iocb.exclusiveTakenWord = key.word;
                iocb.exclusiveTakenBit = key.bitNr;
                lostWakeup(iocb);
                iocb.exclusiveTakenWord = null;
            } else {
                // its own wakeup: the next retry tells whether it was used
                iocb.exclusiveTakenWord = key.word;
                iocb.exclusiveTakenBit = key.bitNr;
            }
        }
        return 1;
    }

    /**
     * A kiocb took an exclusive wakeup it could not use: one for another (word, bit) than the one it
     * waits on, or its own after which its retry made no progress. The other waiters of that key were
     * not woken. Counted, and noted by key for hang reports.
     */
    private void lostWakeup(Kiocb iocb) {
        iocb.lostWakeups++;
        lostWakeups++;
        lastLostWakeup.put(iocb.exclusiveTakenWord,
                new LostWakeup(iocb.ctx.id, iocb.id, iocb.exclusiveTakenBit, sched.now()));
        probe.aioLostWakeup(sched.now(), iocb.ctx.id, iocb.id);
    }

    /** Exclusive wakeups taken by kiocbs that made no progress on them, over all contexts. */
    public long lostWakeups() {
        return lostWakeups;
    }

    /** How the last lost wakeup of {@code word} was lost, for hang reports; null if none was. */
    public String lostWakeupNote(FlagsWord word) {
        LostWakeup l = lastLostWakeup.get(word);
        return l == null ? null
                : String.format("its last wakeup was lost: ctx%d/iocb%d took the exclusive wakeup of %#x:%d at %d us"
                        + " and made no progress (aio_wake_function returned 1)", l.ctx(), l.iocb(), word.address(), l.bit(),
                        l.atNs() / 1000);
    }

    // models fs/aio.c: kick_iocb
    public void kickIocb(Kiocb iocb) {
        iocb.kiKicked++;
        sched.chargeCurrent(kickNs);
        // if it's already kicked we shouldn't queue it again
        if (!iocb.testAndSetFlag(Kiocb.KIF_KICKED)) {
            queueKickedIocb(iocb);
        } else {
            probe.aioKick(sched.now(), iocb.ctx.id, iocb.id, false);
        }
    }

    // models fs/aio.c: queue_kicked_iocb
    private void queueKickedIocb(Kiocb iocb) {
        boolean run = queueKickedIocbLocked(iocb);
        probe.aioKick(sched.now(), iocb.ctx.id, iocb.id, run);
        if (run) {
            aioQueueWork(iocb.ctx);
            iocb.kiQueued++;
        }
    }

    // models fs/aio.c: __queue_kicked_iocb
    private boolean queueKickedIocbLocked(Kiocb iocb) {
        if (iocb.runList == Kiocb.RunList.EMPTY && !iocb.completed) {
            iocb.ctx.runList.addLast(iocb);
            iocb.runList = Kiocb.RunList.QUEUED;
            iocb.queuedAtNs = sched.now();
            return true;
        }
        return false;
    }

    // models fs/aio.c: aio_queue_work
    /** If someone waits in io_getevents, get the work started in 1 jiffy; otherwise HZ/10. */
    private void aioQueueWork(AioContext ctx) {
        int timeout = ctx.wait.waitqueueActive() ? 1 : hz / 10;
        workqueue.queueDelayedWork(ctx, timeout);
    }

    // models fs/aio.c: aio_complete
    /** Completes an iocb: writes its event into the ring and wakes {@code io_getevents}. */
    public void aioComplete(Kiocb iocb, long res, long res2) {
        if (iocb.completed) {
            return;
        }
        AioContext ctx = iocb.ctx;
        sched.chargeCurrent(completeNs);
        iocb.completed = true;
        iocb.result = res;
        iocb.completeNs = sched.now();
        if (iocb.runList == Kiocb.RunList.QUEUED) {
            ctx.runList.remove(iocb);
        }
        iocb.runList = Kiocb.RunList.EMPTY;
        // a dying context's cancelled requests get no event
        if (!(ctx.dead && iocb.testFlag(Kiocb.KIF_CANCELLED))) {
            if (!ctx.ringPut(new IoEvent(iocb.user.data, iocb.id, res, res2))) {
                fault(iocb, "BUG", "aio_complete", "completion ring overflow");
            }
        }
        completions++;
        probe.aioComplete(sched.now(), ctx.id, iocb.id, res);
        // aio_put_req
        ctx.delActive(iocb);
        ctx.reqsActive--;
        if (ctx.wait.waitqueueActive()) {
            ctx.wait.wakeUp();
        }
    }

    // ---- retry methods ----

    // models fs/aio.c: aio_pread
    private long aioPread(Kiocb iocb) {
        long ret = iocb.user.file.aioRead(iocb);
        // can't just depend on ki_left to determine whether we are done: this may have been a short read
        if (ret > 0) {
            iocb.kiLeft -= ret;
            // for regular files we retry till we complete the entire read or find that we can't
            // read any more data (short reads)
            ret = -EIOCBRETRY;
        }
        // this means we must have transferred all that we could: no need to retry anymore
        if (ret == 0 || iocb.kiLeft == 0) {
            ret = iocb.kiNbytes - iocb.kiLeft;
        }
        return ret;
    }

    // models fs/aio.c: aio_pwrite
    private long aioPwrite(Kiocb iocb) {
        long ret = iocb.user.file.aioWrite(iocb);
        if (ret > 0) {
            iocb.kiLeft -= ret;
            ret = -EIOCBRETRY;
        }
        if (ret == 0 || iocb.kiLeft == 0) {
            ret = iocb.kiNbytes - iocb.kiLeft;
        }
        return ret;
    }

    private void fault(Kiocb iocb, String kind, String function, String explanation) {
        Task t = sched.current();
        probe.fault(new Fault(sched.now(), kind, t == null ? "" : t.toString(), iocb.toString(), function,
                explanation, ""));
    }

    // ---- resumable system calls ----

    /** {@code sys_io_submit}: submits iocbs in order; returns how many were submitted, or an error. */
    public final class IoSubmit {
        final AioContext ctx;
        final List<Iocb> iocbs;
        int index;
        boolean entered;
        final RunState run = new RunState();
        final List<Kiocb> submitted;

        IoSubmit(AioContext ctx, List<Iocb> iocbs) {
            this.ctx = ctx;
            this.iocbs = iocbs;
            this.submitted = new ArrayList<>(iocbs.size());
        }

        /** The kiocbs created so far, in submission order. */
        public List<Kiocb> kiocbs() {
            return submitted;
        }

        /** Runs the call on the current task; SCHEDULE means it sleeps: call again when woken. */
        public long call() {
            Task current = sched.current();
            if (!entered) {
                entered = true;
                sched.chargeCurrent(syscallNs);
            }
            if (run.resume != null) {
                // finish the io_submit_one that slept, and the drain it was doing
                if (!drain(ctx, run, true)) {
                    return SCHEDULE;
                }
                index++;
            }
            while (index < iocbs.size()) {
                long r = ioSubmitOne(ctx, iocbs.get(index), current, this);
                if (r == SCHEDULE) {
                    return SCHEDULE;
                }
                if (r < 0) {
                    return index > 0 ? index : r;
                }
                index++;
            }
            return index;
        }
    }

    /** {@code sys_io_getevents} following {@code read_events}. */
    public final class IoGetevents {
        final AioContext ctx;
        final int minNr;
        final int nr;
        final long timeoutNs;
        final List<IoEvent> events = new ArrayList<>();
        boolean entered;
        boolean retried;
        boolean sleeping;
        long deadline = -1;
        WaitQueueEntry wait;
        final RunState run = new RunState();

        IoGetevents(AioContext ctx, int minNr, int nr, long timeoutNs) {
            if (minNr < 0 || nr < minNr || nr <= 0) {
                throw new IllegalArgumentException("io_getevents: need 0 <= min_nr <= nr and nr > 0, got min_nr="
                        + minNr + " nr=" + nr);
            }
            this.ctx = ctx;
            this.minNr = minNr;
            this.nr = nr;
            this.timeoutNs = timeoutNs;
        }

        /** The events reaped. */
        public List<IoEvent> events() {
            return events;
        }

        // models fs/aio.c: read_events
        /** Returns the number of events, an error, or SCHEDULE (call again when woken). */
        public long call() {
            Task tsk = sched.current();
            if (run.resume != null) {
                if (!drain(ctx, run, true)) {
                    return SCHEDULE;
                }
                reap();
                if (events.size() >= minNr) {
                    return finish();
                }
            }
            if (!entered) {
                entered = true;
                sched.chargeCurrent(syscallNs);
                // fast path: reap what is there
                reap();
                if (events.size() >= minNr) {
                    return finish();
                }
                // racy check, but it gets redone: run the kicked iocbs once (aio_run_all_iocbs)
                if (!retried && !ctx.runList.isEmpty()) {
                    retried = true;
                    if (!drain(ctx, run, true)) {
                        return SCHEDULE;
                    }
                    reap();
                    if (events.size() >= minNr) {
                        return finish();
                    }
                }
                if (timeoutNs >= 0) {
                    deadline = sched.now() + timeoutNs;
                }
                wait = new WaitQueueEntry(tsk, null, WakeFunction.DEFAULT);
            }
            while (events.size() < nr) {
                if (!sleeping) {
                    ctx.wait.addWaitQueueExclusive(wait);
                    sleeping = true;
                }
                tsk.setState(dev.aiolab.kernel.sched.TaskState.INTERRUPTIBLE, wait);
                IoEvent e = ctx.readEvt();
                boolean timedOut = deadline >= 0 && sched.now() >= deadline;
                if (e == null && events.size() < minNr && !timedOut) {
                    if (deadline >= 0) {
                        tsk.sleepFor(deadline - sched.now());
                    }
                    return SCHEDULE;
                }
                tsk.setState(dev.aiolab.kernel.sched.TaskState.RUNNING);
                ctx.wait.removeWaitQueue(wait);
                sleeping = false;
                if (e == null) {
                    break;
                }
                events.add(e);
            }
            return finish();
        }

        private void reap() {
            IoEvent e;
            while (events.size() < nr && (e = ctx.readEvt()) != null) {
                events.add(e);
            }
        }

        private long finish() {
            probe.aioReap(sched.now(), ctx.id, sched.current() == null ? -1 : sched.current().id(), events.size());
            return events.size();
        }
    }

    /** {@code sys_io_destroy} following {@code kill_ctx}: cancel everything, wait for every request. */
    public final class IoDestroy {
        final AioContext ctx;
        boolean entered;
        WaitQueueEntry wait;

        IoDestroy(AioContext ctx) {
            this.ctx = ctx;
        }

        // models fs/aio.c: io_destroy / kill_ctx / wait_for_all_aios
        public long call() {
            Task tsk = sched.current();
            if (!entered) {
                entered = true;
                sched.chargeCurrent(syscallNs);
                if (ctx.dead) {
                    return -EINVAL;
                }
                ctx.dead = true;
                for (Kiocb iocb : ctx.activeRequests()) {
                    cancelKiocb(iocb);
                }
                if (ctx.reqsActive == 0) {
                    return finish();
                }
                wait = new WaitQueueEntry(tsk, null, WakeFunction.DEFAULT);
                ctx.wait.addWaitQueue(wait);
            }
            if (ctx.reqsActive > 0) {
                tsk.setState(dev.aiolab.kernel.sched.TaskState.UNINTERRUPTIBLE, wait);
                return SCHEDULE;
            }
            tsk.setState(dev.aiolab.kernel.sched.TaskState.RUNNING);
            ctx.wait.removeWaitQueue(wait);
            return finish();
        }

        private long finish() {
            workqueue.cancel(ctx);
            return 0;
        }
    }
}
