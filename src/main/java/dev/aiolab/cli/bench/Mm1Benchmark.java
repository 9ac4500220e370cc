package dev.aiolab.cli.bench;

import dev.aiolab.sim.Event;
import dev.aiolab.sim.RandomStream;
import dev.aiolab.sim.Simulation;
import umontreal.ssj.simevents.Simulator;

/**
 * An M/M/1 queue at load {@value #RHO}: an arrival event and a departure event, exponential
 * inter-arrival and service times from seeded streams. Both engines run the same model with the
 * same random streams, so the figures differ only by the engine.
 */
public final class Mm1Benchmark implements Benchmark {
    static final double RHO = 0.9;
    /** Mean service time, ns. */
    static final double SERVICE_NS = 1_000;
    static final double INTERARRIVAL_NS = SERVICE_NS / RHO;
    /** Simulated time per chunk: about 50,000 events. */
    static final long CHUNK_NS = (long) (25_000 * INTERARRIVAL_NS);
    private static final long SEED = 42;

    private final SsjPeer peer;

    public Mm1Benchmark(SsjPeer peer) {
        this.peer = peer;
    }

    @Override
    public String name() {
        return "mm1";
    }

    @Override
    public String unit() {
        return "events/s";
    }

    @Override
    public Result run(Budget budget) {
        SsjPeer.Choice p = peer.choose(budget, 2,
                list -> Isolated.workload(Peer.class, new Class<?>[] {String.class}, list));
        Workload ours = Isolated.workload(Ours.class, new Class<?>[0]);
        double[] r = Meter.rates(new Workload[] {ours, p.workload()}, budget);
        return Result.against(r[0], SsjPeer.name(p.list()), r[1]);
    }

    static RandomStream arrivals() {
        return new RandomStream(dev.aiolab.sim.RandomStreams.derive(SEED, "arrivals"));
    }

    static RandomStream service() {
        return new RandomStream(dev.aiolab.sim.RandomStreams.derive(SEED, "service"));
    }

    /** The model on our engine. */
    static final class Ours implements Workload {
        final Simulation sim = new Simulation(SEED);
        final RandomStream arrivals = arrivals();
        final RandomStream service = service();
        long fired;
        int queue;
        boolean busy;

        final Event departure = new Event() {
            @Override
            public void fire() {
                fired++;
                if (queue > 0) {
                    queue--;
                    sim.schedule(this, service.exponential(SERVICE_NS));
                } else {
                    busy = false;
                }
            }
        };
        final Event arrival = new Event() {
            @Override
            public void fire() {
                fired++;
                sim.schedule(this, arrivals.exponential(INTERARRIVAL_NS));
                if (busy) {
                    queue++;
                } else {
                    busy = true;
                    sim.schedule(departure, service.exponential(SERVICE_NS));
                }
            }
        };

        Ours() {
            sim.schedule(arrival, 0);
        }

        @Override
        public long runFor(long wallNanos) {
            long before = fired;
            HoldBenchmark.runChunks(sim, CHUNK_NS, wallNanos);
            return fired - before;
        }
    }

    /** The same model on SSJ. */
    static final class Peer implements Workload {
        final Simulator sim;
        final RandomStream arrivals = arrivals();
        final RandomStream service = service();
        long fired;
        int queue;
        boolean busy;
        final umontreal.ssj.simevents.Event departure;
        final umontreal.ssj.simevents.Event arrival;

        Peer(String list) {
            Simulator s = SsjPeer.newSimulator(list);
            this.sim = s;
            departure = new umontreal.ssj.simevents.Event(s) {
                @Override
                public void actions() {
                    fired++;
                    if (queue > 0) {
                        queue--;
                        schedule(service.exponentialDouble(SERVICE_NS));
                    } else {
                        busy = false;
                    }
                }
            };
            arrival = new umontreal.ssj.simevents.Event(s) {
                @Override
                public void actions() {
                    fired++;
                    schedule(arrivals.exponentialDouble(INTERARRIVAL_NS));
                    if (busy) {
                        queue++;
                    } else {
                        busy = true;
                        departure.schedule(service.exponentialDouble(SERVICE_NS));
                    }
                }
            };
            arrival.schedule(0);
        }

        @Override
        public long runFor(long wallNanos) {
            long before = fired;
            SsjPeer.runChunks(sim, CHUNK_NS, wallNanos);
            return fired - before;
        }
    }
}
