package dev.aiolab.cli.bench;

import dev.aiolab.sim.RandomStream;
import dev.aiolab.sim.RandomStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code aiolab bench --queues}: hold-model throughput of candidate pending-event structures, all
 * ordered by (time, seq), at 10, 1,000 and 100,000 pending events. This measures the structures
 * alone, without the engine loop around them; the {@code hold-*} rows measure the whole engine.
 */
public final class QueueComparison {
    static final int[] PENDING = {10, 1_000, 100_000};
    static final double MEAN_NS = HoldBenchmark.MEAN_NS;
    static final int CHUNK = 50_000;

    /** The candidates, the engine's structure first. */
    static List<Supplier<PendingSet>> candidates() {
        return List.of(DaryHeapSet.Quaternary::new, DaryHeapSet.Binary::new, PairingHeapSet::new);
    }

    /** One figure: structure, pending events, hold steps per second. */
    public record Row(String structure, int pending, double rate) {}

    public static List<Row> run(Budget budget) {
        List<Row> rows = new ArrayList<>();
        for (int n : PENDING) {
            List<Supplier<PendingSet>> cs = candidates();
            Workload[] ws = new Workload[cs.size()];
            String[] names = new String[cs.size()];
            for (int i = 0; i < ws.length; i++) {
                PendingSet set = cs.get(i).get();
                names[i] = set.name();
                ws[i] = holding(set, n);
            }
            double[] r = Meter.rates(ws, budget);
            for (int i = 0; i < ws.length; i++) {
                rows.add(new Row(names[i], n, r[i]));
            }
        }
        return rows;
    }

    private static Workload holding(PendingSet set, int n) {
        RandomStream rng = new RandomStream(RandomStreams.derive(7, "hold"));
        for (int i = 0; i < n; i++) {
            set.schedule(new PendingSet.Node(), rng.exponential(MEAN_NS));
        }
        return wallNanos -> {
            long end = System.nanoTime() + wallNanos;
            long done = 0;
            do {
                set.hold(CHUNK, rng, MEAN_NS);
                done += CHUNK;
            } while (System.nanoTime() < end);
            return done;
        };
    }
}
