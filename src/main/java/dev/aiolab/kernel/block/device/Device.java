package dev.aiolab.kernel.block.device;

import dev.aiolab.sim.RandomStream;
import dev.aiolab.sim.Simulation;

/**
 * A storage device model. The driver (the block layer's request queue) keeps at most
 * {@link #queueDepth()} commands outstanding; the device services them with its own internal
 * parallelism and ordering, and reports each completion to the {@link CompletionSink} at the
 * simulated time it completes. Devices schedule their own events on the {@link Simulation}.
 * Every default parameter lives in a named, cited parameter set of the device class.
 */
public interface Device {
    /** A short name, e.g. {@code hdd7200}. */
    String name();

    /** Commands the device accepts at once (1 without command queueing, 32 for NCQ, ...). */
    int queueDepth();

    /** Capacity in 512-byte sectors. */
    long capacitySectors();

    /** Called once before use. {@code rng} is the device's own seeded stream. */
    void attach(Simulation sim, RandomStream rng, CompletionSink sink);

    /** Hands {@code cmd} to the device at time {@code nowNs} (>= the simulation's now). */
    void submit(DiskCommand cmd, long nowNs);

    /** Time the device spent servicing at least one command, in ns (for utilisation). */
    long busyNs();

    /** The parameters in force, name to value with unit in the name, for manifests. */
    java.util.Map<String, String> parameters();

    /** Receives completions, in simulated time order. */
    @FunctionalInterface
    interface CompletionSink {
        void complete(DiskCommand cmd);
    }
}
