package dev.aiolab.cli.bench;

import dev.aiolab.sim.Event;
import dev.aiolab.sim.RandomStream;
import dev.aiolab.sim.RandomStreams;
import dev.aiolab.sim.Simulation;
import umontreal.ssj.simevents.Simulator;

/**
 * The classic hold model (Jones 1986): {@code n} events pending; each one fired schedules itself
 * again at now plus an exponential increment, so the pending set stays at {@code n} and every
 * event is one pop and one push. The increment's mean is large against {@code n} so that ties in
 * whole nanoseconds are rare and both engines see the same distribution.
 */
public final class HoldBenchmark implements Benchmark {
    /** Mean increment, ns. */
    static final double MEAN_NS = 1e9;
    private static final long SEED = 7;

    private final int n;
    private final SsjPeer peer;

    public HoldBenchmark(int pending, SsjPeer peer) {
        this.n = pending;
        this.peer = peer;
    }

    @Override
    public String name() {
        return "hold-" + n;
    }

    @Override
    public String unit() {
        return "events/s";
    }

    /** Simulated time per chunk: about 50,000 events. */
    static double chunk(int n) {
        return 50_000 * MEAN_NS / n;
    }

    static RandomStream increments() {
        return new RandomStream(RandomStreams.derive(SEED, "hold"));
    }

    @Override
    public Result run(Budget budget) {
        SsjPeer.Choice p = peer.choose(budget, n,
                list -> Isolated.workload(Peer.class, new Class<?>[] {String.class, int.class}, list, n));
        Workload ours = Isolated.workload(Ours.class, new Class<?>[] {int.class}, n);
        double[] r = Meter.rates(new Workload[] {ours, p.workload()}, budget);
        return Result.against(r[0], SsjPeer.name(p.list()), r[1]);
    }

    /** Runs {@code sim} in chunks of {@code chunkNs} simulated ns until {@code wallNanos} of wall time have passed. */
    static void runChunks(Simulation sim, long chunkNs, long wallNanos) {
        long end = System.nanoTime() + wallNanos;
        do {
            sim.runUntil(sim.now() + chunkNs);
        } while (System.nanoTime() < end);
    }

    /** The model on our engine. */
    static final class Ours implements Workload {
        final Simulation sim = new Simulation(SEED);
        final RandomStream rng = increments();
        final long chunk;
        long fired;

        final class Hold extends Event {
            @Override
            public void fire() {
                fired++;
                sim.schedule(this, rng.exponential(MEAN_NS));
            }
        }

        Ours(int n) {
            chunk = (long) chunk(n);
            for (int i = 0; i < n; i++) {
                sim.schedule(new Hold(), rng.exponential(MEAN_NS));
            }
        }

        @Override
        public long runFor(long wallNanos) {
            long before = fired;
            runChunks(sim, chunk, wallNanos);
            return fired - before;
        }
    }

    /** The same model on SSJ. */
    static final class Peer implements Workload {
        final Simulator sim;
        final RandomStream rng = increments();
        final double chunk;
        long fired;

        final class Hold extends umontreal.ssj.simevents.Event {
            Hold(Simulator s) {
                super(s);
            }

            @Override
            public void actions() {
                fired++;
                schedule(rng.exponentialDouble(MEAN_NS));
            }
        }

        Peer(String list, int n) {
            this.sim = SsjPeer.newSimulator(list);
            this.chunk = chunk(n);
            for (int i = 0; i < n; i++) {
                new Hold(sim).schedule(rng.exponentialDouble(MEAN_NS));
            }
        }

        @Override
        public long runFor(long wallNanos) {
            long before = fired;
            SsjPeer.runChunks(sim, chunk, wallNanos);
            return fired - before;
        }
    }
}
