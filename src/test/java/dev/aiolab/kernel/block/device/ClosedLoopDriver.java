package dev.aiolab.kernel.block.device;

import dev.aiolab.sim.RandomStream;
import dev.aiolab.sim.Simulation;

/**
 * Test driver: keeps {@code depth} commands outstanding on a device, submitting the next one the
 * moment one completes (fio's {@code iodepth} with a zero-cost host). Measures latency and throughput
 * over the completions after the warm-up.
 */
final class ClosedLoopDriver {
    /** Makes the i-th command of the run. */
    @FunctionalInterface
    interface CommandSource {
        DiskCommand next(long i, RandomStream rng);
    }

    private final Simulation sim;
    private final Device device;
    private final RandomStream workload;
    private final CommandSource source;
    private final int depth;
    private long issued;
    private long completed;
    private long total;
    private long warmup;
    private long windowStartNs;
    private long windowEndNs;
    private long measuredBytes;
    private double latencySumNs;
    private long[] completions;

    ClosedLoopDriver(long seed, Device device, int depth, CommandSource source) {
        this.sim = new Simulation(seed);
        this.device = device;
        this.workload = sim.random().stream("workload");
        this.source = source;
        this.depth = depth;
        device.attach(sim, sim.random().stream("device"), this::completed);
    }

    ClosedLoopDriver run(int warmupCommands, int measuredCommands) {
        warmup = warmupCommands;
        total = warmupCommands + (long) measuredCommands;
        completions = new long[measuredCommands];
        for (int i = 0; i < depth && issued < total; i++) {
            issue();
        }
        sim.run();
        return this;
    }

    private void issue() {
        device.submit(source.next(issued++, workload), sim.now());
    }

    private void completed(DiskCommand cmd) {
        if (completed == warmup) {
            windowStartNs = sim.now();
        }
        if (completed >= warmup) {
            completions[(int) (completed - warmup)] = cmd.completeNs;
            latencySumNs += cmd.completeNs - cmd.issueNs;
            measuredBytes += cmd.bytes();
        }
        completed++;
        windowEndNs = sim.now();
        if (issued < total) {
            issue();
        }
    }

    /** Mean latency (issue to completion) of the measured commands, ns. */
    double meanLatencyNs() {
        return latencySumNs / completions.length;
    }

    /** Completions per second over the measured window. */
    double iops() {
        return (completions.length - 1) * 1e9 / (windowEndNs - windowStartNs);
    }

    /** Bytes per second over the measured window. */
    double bytesPerSec() {
        return measuredBytes * 1e9 / (windowEndNs - windowStartNs);
    }

    long[] completionTimes() {
        return completions;
    }

    Simulation sim() {
        return sim;
    }

    /** Random aligned reads of {@code sectors} sectors anywhere on {@code dev}. */
    static CommandSource randomReads(Device dev, int sectors) {
        long slots = dev.capacitySectors() / sectors;
        return (i, rng) -> new DiskCommand(false, rng.nextLong(slots) * sectors, sectors, null);
    }

    /** Consecutive reads of {@code sectors} sectors from sector 0. */
    static CommandSource sequentialReads(int sectors) {
        return (i, rng) -> new DiskCommand(false, i * sectors, sectors, null);
    }
}
