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

    @Override
    public Result run(Budget budget) {
        boolean quick = budget.isQuick();
        int warm = quick ? 1_000 : 100_000;
        int n = quick ? 2_000 : 200_000;
        return Result.ours(Meter.bestAfterJitSettles(budget, () -> StackBench.syncRandomReads(new Nvme(), warm),
                () -> StackBench.syncRandomReads(new Nvme(), n)));
    }
}
