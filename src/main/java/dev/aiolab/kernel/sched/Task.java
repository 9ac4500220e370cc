package dev.aiolab.kernel.sched;

import dev.aiolab.kernel.KernelOops;
import dev.aiolab.kernel.trace.Fault;
import dev.aiolab.sim.Event;

/**
 * A task ({@code task_struct}): its state, its default I/O wait entry (the seed's {@code __wait},
 * a {@link WaitBitQueue} whose task is this task) and the {@code io_wait} pointer, which names the
 * entry kernel paths must wait on: the default entry for synchronous I/O, a kiocb's entry while
 * an AIO retry runs on this task.
 */
public final class Task implements CpuWork {
    private final Sched sched;
    private final int id;
    private final String name;
    private final Context context;
    private Cpu cpu;
    TaskState state = TaskState.RUNNABLE;
    private TaskBody body;

    /** The seed's {@code current->__wait}: this task's default synchronous wait entry. */
    public final WaitBitQueue wait;
    /** {@code current->io_wait}: the wait entry I/O paths must use; null models the NULL pointer. */
    public WaitQueueEntry ioWait;

    /** {@code current->io_context}. */
    public final IoContext ioContext = new IoContext();

    /** The entry this task last queued while going to sleep, for hang reports. */
    WaitQueueEntry sleepingOn;
    private long sleeps;
    private long wakeups;

    private final Event wakeEvent = new Event() {
        @Override
        public void fire() {
            cpu.enqueue(Task.this);
        }
    };
    private final Event timer = new Event() {
        @Override
        public void fire() {
            sched.tryToWakeUp(Task.this);
        }
    };

    Task(Sched sched, int id, String name, Context context, Cpu cpu, TaskBody body) {
        this.sched = sched;
        this.id = id;
        this.name = name;
        this.context = context;
        this.cpu = cpu;
        this.body = body;
        this.wait = new WaitBitQueue(this, WakeFunction.WAKE_BIT);
        this.ioWait = wait;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Context context() {
        return context;
    }

    public Cpu cpu() {
        return cpu;
    }

    public TaskState state() {
        return state;
    }

    public Sched sched() {
        return sched;
    }

    public void setBody(TaskBody body) {
        this.body = body;
    }

    /** Times the task went to sleep. */
    public long sleeps() {
        return sleeps;
    }

    /** Times {@code try_to_wake_up} woke the task. */
    public long wakeups() {
        return wakeups;
    }

    /** The wait entry the task sleeps on, or null when it is not asleep on a queue. */
    public WaitQueueEntry sleepingOn() {
        return state == TaskState.UNINTERRUPTIBLE || state == TaskState.INTERRUPTIBLE ? sleepingOn : null;
    }

    /**
     * Marks a kernel thread whose timed sleeps must not keep a run alive (the periodic flusher): a
     * run whose only pending events are such timers has nothing left to do.
     */
    public void setDaemon(boolean on) {
        timer.daemon(on);
    }

    /** {@code set_current_state} before sleeping on {@code on}, a queue the caller added the entry to. */
    public void setState(TaskState s, WaitQueueEntry on) {
        state = s;
        sleepingOn = on;
    }

    /** {@code set_current_state}. */
    public void setState(TaskState s) {
        state = s;
    }

    /** Ends the task: it never runs again. */
    public void exit() {
        state = TaskState.DEAD;
        sched.cancelTimer(timer);
    }

    /**
     * {@code schedule_timeout}: sleeps interruptibly until {@code ns} from now or an earlier wakeup.
     * The body must return after calling this.
     */
    public void sleepFor(long ns) {
        state = TaskState.INTERRUPTIBLE;
        sched.armTimer(timer, ns);
    }

    /** Charges CPU time in this task's context on its CPU. */
    public void charge(long ns) {
        cpu.charge(ns, context);
    }

    boolean wakeFromSleep() {
        if (state.isRunnable() || state == TaskState.DEAD) {
            return false;
        }
        state = TaskState.RUNNABLE;
        wakeups++;
        sched.cancelTimer(timer);
        return true;
    }

    Event wakeEvent() {
        return wakeEvent;
    }

    @Override
    public void runOn(Cpu c) {
        if (state == TaskState.DEAD) {
            return;
        }
        cpu = c;
        c.switchTo(this, sched.contextSwitchNs);
        state = TaskState.RUNNING;
        Task prev = sched.setCurrent(this);
        try {
            body.run(this);
        } catch (KernelOops oops) {
            // the kernel kills a task that oopses; the run goes on
            sched.probe().fault(new Fault(sched.now(), "OOPS", toString(), "", oops.function(),
                    oops.explanation(), ""));
            exit();
        } finally {
            sched.setCurrent(prev);
        }
        switch (state) {
            case RUNNING -> {
                state = TaskState.RUNNABLE;
                c.enqueue(this);
            }
            case UNINTERRUPTIBLE, INTERRUPTIBLE -> {
                sleeps++;
                sched.probe().taskSleep(sched.now(), id, sleepingOn == null || sleepingOn.head == null
                        ? -1 : sleepingOn.head.id());
            }
            default -> { }
        }
    }

    @Override
    public String toString() {
        return name + "[" + id + "]";
    }
}
