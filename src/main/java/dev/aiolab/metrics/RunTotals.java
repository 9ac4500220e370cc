package dev.aiolab.metrics;

/**
 * Run-level figures that only the run loop knows, handed to {@link Recorder#summary(RunTotals)}.
 * CPU times are summed over all CPUs.
 *
 * @param durationNs simulated time from the start of the run to its end
 * @param cpuTaskNs CPU charged in task context (system calls, copies, page cache paths)
 * @param cpuIrqNs CPU charged in interrupt context (completions, end_io, wakeups from IRQ)
 * @param cpuAioWorkerNs CPU charged by the aio workqueue threads (kiocb retries)
 * @param cpuKthreadNs CPU charged by other kernel threads (pdflush, kblockd)
 * @param diskBusyNs time the disk had at least one command in service ({@code Device.busyNs()})
 * @param hangs I/Os still outstanding when the run ended with no event left
 */
public record RunTotals(long durationNs, long cpuTaskNs, long cpuIrqNs, long cpuAioWorkerNs, long cpuKthreadNs,
        long diskBusyNs, int hangs) {

    /** Totals for a recorder fed without a run loop (tests, replays): only the duration is known. */
    public static RunTotals ofDuration(long durationNs) {
        return new RunTotals(durationNs, 0, 0, 0, 0, 0, 0);
    }
}
