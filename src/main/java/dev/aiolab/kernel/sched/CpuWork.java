package dev.aiolab.kernel.sched;

/** Something a {@link Cpu} runs: a task's time slice or an interrupt handler. */
public interface CpuWork {
    /** Runs in zero simulated time; the CPU time it uses is charged with {@link Cpu#charge}. */
    void runOn(Cpu cpu);
}
