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
        return List.of(() -> new DaryHeapSet.Quaternary(true), () -> new DaryHeapSet.Quaternary(false),
                () -> new DaryHeapSet.Binary(true), () -> new DaryHeapSet.Binary(false), PairingHeapSet::new,
                SortedArraySet::new);
    }

    /** One figure: structure, pending events, hold steps per second. */
    public record Row(String structure, int pending, double rate) {}

    public static List<Row> run(Budget budget) {
        List<Row> rows = new ArrayList<>();
        for (int n : PENDING) {
            List<Supplier<PendingSet>> cs = candidates();
            List<Workload> ws = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < cs.size(); i++) {
                PendingSet probe = cs.get(i).get();
                if (n <= probe.maxPending()) {
                    names.add(probe.name());
                    ws.add(Isolated.workload(Holding.class, new Class<?>[] {int.class, int.class}, i, n));
                }
            }
            double[] r = Meter.rates(ws.toArray(new Workload[0]), budget);
            for (int i = 0; i < r.length; i++) {
                rows.add(new Row(names.get(i), n, r[i]));
            }
        }
        return rows;
    }

    /** One candidate holding {@code n} events, in its own class loader. */
    static final class Holding implements Workload {
        final PendingSet set;
        final RandomStream rng = new RandomStream(RandomStreams.derive(7, "hold"));

        Holding(int candidate, int n) {
            set = candidates().get(candidate).get();
            for (int i = 0; i < n; i++) {
                set.schedule(new PendingSet.Node(), rng.exponential(MEAN_NS));
            }
        }

        @Override
        public long runFor(long wallNanos) {
            long end = System.nanoTime() + wallNanos;
            long done = 0;
            do {
                set.hold(CHUNK, rng, MEAN_NS);
                done += CHUNK;
            } while (System.nanoTime() < end);
            return done;
        }
    }
}
