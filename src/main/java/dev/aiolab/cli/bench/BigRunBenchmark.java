package dev.aiolab.cli.bench;

import java.util.List;

/**
 * Ten million simulated I/Os in aggregates-only mode must fit in a 512 MB heap: runs {@link BigRun}
 * in a child JVM with {@code -Xmx512m} and reports simulated I/Os per wall second; a run that does not
 * fit fails with OutOfMemoryError and the row reports 0.
 */
final class BigRunBenchmark implements Benchmark {
    @Override
    public String name() {
        return "aggregates-10M-xmx512m";
    }

    @Override
    public String unit() {
        return "simulated I/Os/s";
    }

    @Override
    public Result run(Budget budget) {
        boolean quick = budget.isQuick();
        long ios = quick ? 20_000 : 10_000_000;
        String last = ChildJvm.run(name(), List.of("-Xmx512m"), BigRun.class, List.of(Long.toString(ios)),
                "\\d+ [0-9.]+ [0-9.]+");
        if (last == null) {
            return Result.ours(0);
        }
        String[] f = last.split(" ");
        double wall = Double.parseDouble(f[1]);
        return Result.ours(Long.parseLong(f[0]) / wall,
                new Result.Derived(name() + "-ios", "simulated I/Os", Long.parseLong(f[0])),
                new Result.Derived(name() + "-wall", "s", wall),
                new Result.Derived(name() + "-heap-used", "MB at end", Double.parseDouble(f[2])));
    }
}
