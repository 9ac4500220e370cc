package dev.aiolab.kernel.sched;

import dev.aiolab.sim.Event;
import java.util.ArrayDeque;

/**
 * One simulated CPU with its run queue. Work items run one after another; each runs in zero
 * simulated time and charges the CPU time it used, which delays what runs next on this CPU.
 * Interrupt work goes ahead of the run queue (it does not preempt an item already running: items
 * are a few microseconds long). Busy time is kept per {@link Context}.
 */
public final class Cpu {
    private final int id;
    private final Sched sched;
    private final ArrayDeque<CpuWork> runQueue = new ArrayDeque<>();
    private final ArrayDeque<CpuWork> irqQueue = new ArrayDeque<>();
    private final long[] busyNs = new long[Context.values().length];
    private final Event dispatch = new Event() {
        @Override
        public void fire() {
            dispatch();
        }
    };
    /** True while an item runs or the CPU is busy until {@link #busyUntil}. */
    private boolean active;
    private long busyUntil;
    /** Inside an item: its start plus the CPU time it has charged so far. */
    private long clock;
    private Task lastTask;

    Cpu(int id, Sched sched) {
        this.id = id;
        this.sched = sched;
    }

    public int id() {
        return id;
    }

    /** Puts work on the run queue (a woken task, a kicked workqueue thread). */
    public void enqueue(CpuWork w) {
        runQueue.addLast(w);
        kick();
    }

    /** Raises interrupt work: it runs before anything on the run queue. */
    public void raiseIrq(CpuWork w) {
        irqQueue.addLast(w);
        kick();
    }

    private void kick() {
        if (!active) {
            active = true;
            sched.sim().scheduleAt(dispatch, Math.max(sched.now(), busyUntil));
        }
    }

    private void dispatch() {
        CpuWork w = irqQueue.pollFirst();
        if (w == null) {
            w = runQueue.pollFirst();
        }
        if (w == null) {
            active = false;
            return;
        }
        clock = sched.sim().now();
        Cpu outer = sched.enter(this);
        try {
            w.runOn(this);
        } finally {
            sched.leave(outer);
        }
        busyUntil = clock;
        if (irqQueue.isEmpty() && runQueue.isEmpty()) {
            active = false;
        } else {
            sched.sim().scheduleAt(dispatch, busyUntil);
        }
    }

    /** Charges {@code ns} of CPU time in {@code ctx} to the item now running. */
    public void charge(long ns, Context ctx) {
        clock += ns;
        busyNs[ctx.ordinal()] += ns;
    }

    /** The local time inside the running item: its start plus what it has charged so far. */
    long localNow() {
        return clock;
    }

    /** Switches to {@code t}, charging a context switch if another task ran last on this CPU. */
    void switchTo(Task t, long contextSwitchNs) {
        if (lastTask != t) {
            if (lastTask != null) {
                charge(contextSwitchNs, t.context());
                sched.contextSwitches++;
            }
            lastTask = t;
        }
    }

    /** CPU time charged in {@code ctx}, in ns. */
    public long busyNs(Context ctx) {
        return busyNs[ctx.ordinal()];
    }

    /** CPU time charged in all contexts, in ns. */
    public long busyNs() {
        long s = 0;
        for (long b : busyNs) {
            s += b;
        }
        return s;
    }

    /** Items waiting on the run queue (not counting interrupt work). */
    public int runQueueLength() {
        return runQueue.size();
    }

    @Override
    public String toString() {
        return "cpu" + id;
    }
}
