package dev.aiolab.cli.bench;

import dev.aiolab.kernel.block.device.Nvme;
import dev.aiolab.kernel.boot.StackBench;

/**
 * Simulated synchronous 4 KiB random reads per wall-clock second through the whole stack: the
 * {@code pread} system call, page cache, readahead, block layer, request queue and the NVMe model.
 */
final class StackSyncReadBenchmark implements Benchmark {
    @Override
    public String name() {
        return "stack-sync-randread-4k";
    }

    @Override
    public String unit() {
        return "simulated reads/s";
    }

    /** Reads of one timed trial, and of each warm-up run. */
    static final int TRIAL_READS = 200_000;
    static final int WARM_UP_READS = 100_000;

    @Override
    public Result run(Budget budget) {
        boolean quick = budget.isQuick();
        int warm = quick ? 1_000 : WARM_UP_READS;
        int n = quick ? 2_000 : TRIAL_READS;
        return Result.ours(Meter.bestAfterJitSettles(budget, () -> StackBench.syncRandomReads(new Nvme(), warm),
                () -> StackBench.syncRandomReads(new Nvme(), n)));
    }
}
