package dev.aiolab.cli.bench;

import dev.aiolab.lab.Flagship;
import dev.aiolab.lab.ProgressListener;

/** Wall time of the flagship experiment's simulations (the runs of {@code aiolab demo}, without files). */
final class DemoWallBenchmark implements Benchmark {
    @Override
    public String name() {
        return "demo-wall";
    }

    @Override
    public String unit() {
        return "s";
    }

    @Override
    public Result run(Budget budget) {
        boolean quick = budget.isQuick();
        long t0 = System.nanoTime();
        Flagship.run(quick ? 200 : 4000, ProgressListener.NONE);
        return Result.ours((System.nanoTime() - t0) / 1e9);
    }
}
