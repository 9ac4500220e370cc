package dev.aiolab.kernel.sched;

/** {@code task_struct->state}, with RUNNING split into on-CPU and waiting-for-CPU. */
public enum TaskState {
    /** On a CPU now ({@code TASK_RUNNING}, current). */
    RUNNING,
    /** {@code TASK_RUNNING} but waiting for the wakeup latency or on a run queue. */
    RUNNABLE,
    /** {@code TASK_UNINTERRUPTIBLE}: asleep until a wake function wakes it. */
    UNINTERRUPTIBLE,
    /** {@code TASK_INTERRUPTIBLE}: asleep until woken or its timeout fires. */
    INTERRUPTIBLE,
    /** Exited. */
    DEAD;

    /** Whether {@code try_to_wake_up} would find the task already runnable and return 0. */
    public boolean isRunnable() {
        return this == RUNNING || this == RUNNABLE;
    }
}
