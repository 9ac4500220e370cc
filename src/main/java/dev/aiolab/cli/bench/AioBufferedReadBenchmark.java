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

    /** I/Os of one timed trial; the warm-up runs are of the same size. */
    static final int TRIAL_IOS = 1_000_000;

    @Override
    public Result run(Budget budget) {
        boolean quick = budget.isQuick();
        int n = quick ? 5_000 : TRIAL_IOS;
        int warm = quick ? 2_000 : n;
        return Result.ours(Meter.bestAfterJitSettles(budget, () -> AioBench.bufferedRandomReads(warm, 32, 1),
                () -> AioBench.bufferedRandomReads(n, 32, 1)));
    }
}
