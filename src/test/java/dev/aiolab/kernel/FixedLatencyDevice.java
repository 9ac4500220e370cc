package dev.aiolab.kernel;

import dev.aiolab.kernel.block.device.Device;
import dev.aiolab.kernel.block.device.DiskCommand;
import dev.aiolab.sim.Event;
import dev.aiolab.sim.RandomStream;
import dev.aiolab.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A test device: every command completes a fixed time (or a time chosen per command) after it is
 * issued, with up to {@code queueDepth} commands serviced in parallel. Records what it was given.
 */
public final class FixedLatencyDevice implements Device {
    private final int queueDepth;
    private final long capacitySectors;
    private final ToLongFunction<DiskCommand> latency;
    private Simulation sim;
    private CompletionSink sink;
    private long busyNs;
    /** What was submitted, as copies: the block layer reuses a command once it has completed. */
    public final List<DiskCommand> commands = new ArrayList<>();

    public FixedLatencyDevice(long latencyNs, int queueDepth) {
        this(c -> latencyNs, queueDepth);
    }

    public FixedLatencyDevice(ToLongFunction<DiskCommand> latency, int queueDepth) {
        this.latency = latency;
        this.queueDepth = queueDepth;
        this.capacitySectors = 1L << 31;
    }

    @Override
    public String name() {
        return "fixed";
    }

    @Override
    public int queueDepth() {
        return queueDepth;
    }

    @Override
    public long capacitySectors() {
        return capacitySectors;
    }

    @Override
    public void attach(Simulation sim, RandomStream rng, CompletionSink sink) {
        this.sim = sim;
        this.sink = sink;
    }

    @Override
    public void submit(DiskCommand cmd, long nowNs) {
        long l = latency.applyAsLong(cmd);
        cmd.issueNs = nowNs;
        cmd.startNs = nowNs;
        cmd.completeNs = nowNs + l;
        DiskCommand copy = new DiskCommand(cmd.write, cmd.sector, cmd.nrSectors, cmd.tag);
        copy.issueNs = cmd.issueNs;
        copy.startNs = cmd.startNs;
        copy.completeNs = cmd.completeNs;
        commands.add(copy);
        busyNs += l;
        sim.scheduleAt(new Event() {
            @Override
            public void fire() {
                sink.complete(cmd);
            }
        }, cmd.completeNs);
    }

    @Override
    public long busyNs() {
        return busyNs;
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("queue_depth", String.valueOf(queueDepth));
    }
}
