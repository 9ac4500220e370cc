package dev.aiolab.cli.bench;

import dev.aiolab.kernel.boot.AioBench;

/**
 * Simulated buffered 4 KiB AIO random reads per wall-clock second at iodepth 32 on the NVMe model,
 * through io_submit/io_getevents, the retry machinery, the page cache and the block layer.
 */
final class AioBufferedReadBenchmark implements Benchmark {
    @Override
    public String name() {
        return "stack-aio-randread-4k-qd32";
    }

    @Override
    public String unit() {
        return "simulated I/Os/s";
    }

    @Override
    public Result run(Budget budget) {
        boolean quick = budget.trialNanos() < 100_000_000L;
        int n = quick ? 5_000 : 1_000_000;
        if (quick) {
            AioBench.bufferedRandomReads(2_000, 32, 1);
        } else {
            Meter.warmUntilJitQuiet(() -> AioBench.bufferedRandomReads(300_000, 32, 1), 50, 15);
        }
        double best = 0;
        for (int i = 0; i < budget.trials(); i++) {
            best = Math.max(best, AioBench.bufferedRandomReads(n, 32, 1));
        }
        return Result.ours(best);
    }
}
