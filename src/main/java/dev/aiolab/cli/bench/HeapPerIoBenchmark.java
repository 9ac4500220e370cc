package dev.aiolab.cli.bench;

import dev.aiolab.metrics.HeapFootprint;
import dev.aiolab.metrics.Recorder;

/** Bytes of heap the recorder retains per I/O with full per-I/O records (target: at most 64). */
final class HeapPerIoBenchmark implements Benchmark {
    @Override
    public String name() {
        return "heap-per-io";
    }

    @Override
    public String unit() {
        return "bytes/io";
    }

    @Override
    public Result run(Budget budget) {
        boolean quick = budget.isQuick();
        return Result.ours(HeapFootprint.bytesPerIo(quick ? 100_000 : 1_000_000, Recorder.Mode.FULL));
    }
}
