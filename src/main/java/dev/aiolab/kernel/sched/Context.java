package dev.aiolab.kernel.sched;

/** The kind of work a CPU is doing, for accounting CPU time by context. */
public enum Context {
    /** A user task in a system call or user code. */
    TASK,
    /** Interrupt handlers: block-request completion. */
    IRQ,
    /** The per-CPU {@code aio} workqueue thread running kicked iocbs. */
    AIO_WORKER,
    /** Other kernel threads, e.g. the background flusher (pdflush). */
    KTHREAD
}
