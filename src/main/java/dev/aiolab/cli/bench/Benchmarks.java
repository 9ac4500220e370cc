package dev.aiolab.cli.bench;

import java.util.List;

/** The rows of {@code aiolab bench}, in printing order. A new row is one class and one line here. */
public final class Benchmarks {
    private Benchmarks() {}

    public static List<Benchmark> all(SsjPeer peer) {
        return List.of(
                new Mm1Benchmark(peer),
                new HoldBenchmark(10, peer),
                new HoldBenchmark(1_000, peer),
                new HoldBenchmark(100_000, peer),
                new WakeStormBenchmark(1),
                new WakeStormBenchmark(16),
                new WakeStormBenchmark(256),
                new ForkedRow(new StackSyncReadBenchmark(), ForkedRow.STEADY_HEAP),
                new ForkedRow(new AioBufferedReadBenchmark(), ForkedRow.STEADY_HEAP),
                new HeapPerIoBenchmark(),
                new DemoWallBenchmark(),
                new BigRunBenchmark());
    }
}
