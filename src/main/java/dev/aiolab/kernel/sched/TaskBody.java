package dev.aiolab.kernel.sched;

/**
 * What a task does each time it gets a CPU. The body keeps its progress in its own fields (never on
 * the Java stack) and returns when a system call put the task to sleep, when it exits
 * ({@link Task#exit()}), or to yield the CPU (it is then queued again).
 */
@FunctionalInterface
public interface TaskBody {
    void run(Task current);
}
