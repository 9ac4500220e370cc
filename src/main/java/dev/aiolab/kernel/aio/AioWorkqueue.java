package dev.aiolab.kernel.aio;

import dev.aiolab.kernel.sched.Context;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.TaskState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code aio_wq}: the per-CPU {@code aio/N} workqueue threads that run {@code aio_kick_handler}.
 * Delayed work is a timer that fires on a jiffy boundary and queues the work on the CPU that armed
 * it, as {@code queue_delayed_work} does.
 */
final class AioWorkqueue {
    private final Aio aio;
    private final Sched sched;
    private final Task[] workers;
    private final List<ArrayDeque<AioContext>> pending;
    /** Per worker: the context whose kick handler a sleeping retry interrupted, and where. */
    private final AioContext[] interrupted;
    private final Aio.RunState[] runStates;
    private final long jiffyNs;

    AioWorkqueue(Aio aio, Sched sched, int hz) {
        this.aio = aio;
        this.sched = sched;
        this.jiffyNs = 1_000_000_000L / hz;
        int n = sched.nrCpus();
        this.workers = new Task[n];
        this.pending = new ArrayList<>(n);
        this.interrupted = new AioContext[n];
        this.runStates = new Aio.RunState[n];
        for (int cpu = 0; cpu < n; cpu++) {
            int c = cpu;
            pending.add(new ArrayDeque<>());
            runStates[cpu] = new Aio.RunState();
            workers[cpu] = sched.createTask("aio/" + cpu, Context.AIO_WORKER, cpu, t -> workerThread(t, c));
            workers[cpu].setState(TaskState.INTERRUPTIBLE);
        }
    }

    Task worker(int cpu) {
        return workers[cpu];
    }

    private int currentCpu() {
        return sched.currentCpu() == null ? 0 : sched.currentCpu().id();
    }

    // models kernel/workqueue.c: queue_delayed_work
    /** Queues the context's work after {@code delay} jiffies unless it is already pending. */
    void queueDelayedWork(AioContext ctx, int delayJiffies) {
        if (ctx.workPending) {
            return;
        }
        ctx.workPending = true;
        ctx.workCpu = currentCpu();
        // a timer of n jiffies expires on the n-th tick boundary from now
        long now = sched.now();
        long expires = (now / jiffyNs + delayJiffies) * jiffyNs;
        sched.sim().scheduleAt(ctx.workTimer, Math.max(expires, now));
    }

    // models kernel/workqueue.c: queue_work
    void queueWork(AioContext ctx) {
        if (ctx.workPending) {
            return;
        }
        ctx.workPending = true;
        ctx.workCpu = currentCpu();
        enqueue(ctx);
    }

    // models kernel/workqueue.c: delayed_work_timer_fn
    void timerFired(AioContext ctx) {
        enqueue(ctx);
    }

    private void enqueue(AioContext ctx) {
        pending.get(ctx.workCpu).addLast(ctx);
        sched.tryToWakeUp(workers[ctx.workCpu]);
    }

    /** Cancels pending work of a dying context. */
    void cancel(AioContext ctx) {
        sched.sim().cancel(ctx.workTimer);
        for (ArrayDeque<AioContext> q : pending) {
            q.remove(ctx);
        }
        ctx.workPending = false;
    }

    // models kernel/workqueue.c: worker_thread / run_workqueue
    private void workerThread(Task self, int cpu) {
        ArrayDeque<AioContext> q = pending.get(cpu);
        Aio.RunState rs = runStates[cpu];
        if (interrupted[cpu] != null) {
            // a retry slept inside the kick handler (e.g. waiting for a request slot): go on with it
            AioContext ctx = interrupted[cpu];
            interrupted[cpu] = null;
            if (!aio.aioKickHandler(ctx, rs)) {
                interrupted[cpu] = ctx;
                return;
            }
        }
        AioContext ctx;
        while ((ctx = q.pollFirst()) != null) {
            ctx.workPending = false;   // work_struct PENDING is cleared before the function runs
            if (!aio.aioKickHandler(ctx, rs)) {
                interrupted[cpu] = ctx;
                return;
            }
        }
        self.setState(TaskState.INTERRUPTIBLE);
    }
}
