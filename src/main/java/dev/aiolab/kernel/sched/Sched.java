package dev.aiolab.kernel.sched;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.kernel.trace.WakeRecord;
import dev.aiolab.sim.Event;
import dev.aiolab.sim.Simulation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The scheduler: CPUs with per-CPU run queues, tasks, {@code current}, and
 * {@code try_to_wake_up}. Also the clock kernel code reads: inside a CPU's work item, "now" is the
 * item's start plus the CPU time it has charged so far.
 */
public final class Sched {
    private final Simulation sim;
    private final Probe probe;
    private final Cpu[] cpus;
    private final List<Task> tasks = new ArrayList<>();
    private final List<WaitQueueHead> queues = new ArrayList<>();
    final long contextSwitchNs;
    final long wakeupLatencyNs;
    final long tryToWakeUpNs;
    final long walkEntryNs;
    final long lockNs;
    final boolean bookmarks;
    final int bookmarkBatch;
    private Cpu currentCpu;
    private Task current;
    long contextSwitches;
    /** Wakeups and kicks done by wake functions, to count what a wake call woke. */
    long wakeActions;
    /** Of those, kicks of kiocbs by {@code aio_wake_function}. */
    long wakeKicks;
    /** The record each wake call fills for the probe, reused. */
    final WakeRecord wakeRecord = new WakeRecord();
    /** Scratch key for wakes: the waker builds its key on the stack, as the kernel does. */
    final WaitBitKey scratchKey = new WaitBitKey();

    public Sched(Simulation sim, int nrCpus, KernelConfig config, Probe probe) {
        if (nrCpus < 1) {
            throw new IllegalArgumentException("cpus must be >= 1, got " + nrCpus);
        }
        this.sim = sim;
        this.probe = probe;
        this.contextSwitchNs = config.getLong(KernelConfig.CONTEXT_SWITCH_NS);
        this.wakeupLatencyNs = config.getLong(KernelConfig.WAKEUP_LATENCY_NS);
        this.tryToWakeUpNs = config.getLong(KernelConfig.TRY_TO_WAKE_UP_NS);
        this.walkEntryNs = config.getLong(KernelConfig.WAIT_ENTRY_WALK_NS);
        this.lockNs = config.getLong(KernelConfig.WAITQUEUE_LOCK_NS);
        this.bookmarks = config.is(KernelConfig.WAITQUEUE_BOOKMARKS);
        this.bookmarkBatch = Math.max(1, config.getInt(KernelConfig.BOOKMARK_BATCH));
        this.cpus = new Cpu[nrCpus];
        for (int i = 0; i < nrCpus; i++) {
            cpus[i] = new Cpu(i, this);
        }
    }

    public Simulation sim() {
        return sim;
    }

    public Probe probe() {
        return probe;
    }

    /** The time kernel code sees: inside a CPU item, its start plus what it has charged. */
    public long now() {
        Cpu c = currentCpu;
        return c == null ? sim.now() : Math.max(sim.now(), c.localNow());
    }

    public Cpu cpu(int i) {
        return cpus[i];
    }

    public int nrCpus() {
        return cpus.length;
    }

    /** The CPU running the current work item, or null outside any item. */
    public Cpu currentCpu() {
        return currentCpu;
    }

    /** {@code current}: the task on the CPU running now, or null in interrupt context. */
    public Task current() {
        return current;
    }

    /** CPU time charged in {@code ctx} over all CPUs, in ns. */
    public long cpuBusyNs(Context ctx) {
        long s = 0;
        for (Cpu c : cpus) {
            s += c.busyNs(ctx);
        }
        return s;
    }

    /** Context switches performed so far. */
    public long contextSwitches() {
        return contextSwitches;
    }

    public List<Task> tasks() {
        return Collections.unmodifiableList(tasks);
    }

    /** Creates a task on {@code cpu}; it first runs when {@link #start} is called. */
    public Task createTask(String name, Context context, int cpu, TaskBody body) {
        Task t = new Task(this, tasks.size(), name, context, cpus[Math.floorMod(cpu, cpus.length)], body);
        tasks.add(t);
        return t;
    }

    /** Makes a new task runnable on its CPU after {@code delay} ns. */
    public void start(Task t, long delay) {
        t.state = TaskState.RUNNABLE;
        sim.schedule(t.wakeEvent(), delay);
    }

    /** A new wait queue head with a stable id, for the probe and hang reports. */
    public WaitQueueHead newQueue(String name) {
        WaitQueueHead q = new WaitQueueHead(this, queues.size(), name);
        queues.add(q);
        return q;
    }

    /** Every wait queue created, indexed by id. */
    public List<WaitQueueHead> queues() {
        return Collections.unmodifiableList(queues);
    }

    // models kernel/sched.c: try_to_wake_up
    /**
     * Wakes {@code t} if it sleeps: it becomes runnable on its CPU after the wakeup latency, and the
     * waker is charged for the wakeup. Returns 0, without charging, when {@code t} is already
     * runnable, so such a wakeup does not consume an exclusive wake count.
     */
    public int tryToWakeUp(Task t) {
        return tryToWakeUp(t, WaitQueueHead.TASK_NORMAL);
    }

    /** {@code try_to_wake_up(p, state)}: wakes only a task whose sleep state is in {@code mode}. */
    public int tryToWakeUp(Task t, int mode) {
        int stateBit = t.state == TaskState.INTERRUPTIBLE ? WaitQueueHead.TASK_INTERRUPTIBLE
                : t.state == TaskState.UNINTERRUPTIBLE ? WaitQueueHead.TASK_UNINTERRUPTIBLE : 0;
        if ((stateBit & mode) == 0 || !t.wakeFromSleep()) {
            return 0;
        }
        chargeCurrent(tryToWakeUpNs);
        wakeActions++;
        long when = now() + wakeupLatencyNs;
        Event e = t.wakeEvent();
        if (!e.isPending()) {
            sim.scheduleAt(e, when);
        }
        probe.taskWakeup(now(), t.id());
        return 1;
    }

    /**
     * Records that a wake function acted without waking a task (aio_wake_function kicked an iocb), so
     * the wake call counts the entry as woken even when the function returns 0.
     */
    public void noteWakeAction() {
        wakeActions++;
        wakeKicks++;
    }

    /** Charges the work item now running (task, worker or interrupt) in its own context. */
    public void chargeCurrent(long ns) {
        Cpu c = currentCpu;
        if (c != null) {
            c.charge(ns, current != null ? current.context() : Context.IRQ);
        }
    }

    Cpu enter(Cpu c) {
        Cpu outer = currentCpu;
        currentCpu = c;
        return outer;
    }

    void leave(Cpu outer) {
        currentCpu = outer;
    }

    Task setCurrent(Task t) {
        Task prev = current;
        current = t;
        return prev;
    }

    void armTimer(Event timer, long ns) {
        cancelTimer(timer);
        sim.scheduleAt(timer, now() + ns);
    }

    void cancelTimer(Event timer) {
        sim.cancel(timer);
    }
}
