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
        boolean quick = budget.trialNanos() < 100_000_000L;
        int n = quick ? 2_000 : 200_000;
        if (quick) {
            StackBench.syncRandomReads(new Nvme(), 1_000);
        } else {
            Meter.warmUntilJitQuiet(() -> StackBench.syncRandomReads(new Nvme(), 100_000), 50, 15);
        }
        double best = 0;
        for (int i = 0; i < budget.trials(); i++) {
            best = Math.max(best, StackBench.syncRandomReads(new Nvme(), n));
        }
        return Result.ours(best);
    }
}
