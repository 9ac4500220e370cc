package dev.aiolab.kernel.block.device;

import dev.aiolab.sim.Event;
import dev.aiolab.sim.RandomStream;
import dev.aiolab.sim.Simulation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A RAM disk: no seek, no rotation; each command costs a fixed per-command time plus a memcpy of
 * its bytes. Commands are served one after another, FIFO (the memory bus is the one server).
 */
public final class RamDisk implements Device {
    private final RamDiskParams p;
    private final CommandFifo<DiskCommand> queue = new CommandFifo<>();
    private final BusyTime busy = new BusyTime();
    private final Event completion = new Event() {
        @Override
        public void fire() {
            serviceDone();
        }
    };
    private Simulation sim;
    private Device.CompletionSink sink;
    private DiskCommand inService;

    public RamDisk(RamDiskParams p) {
        if (p.queueDepth() < 1 || p.capacitySectors() <= 0 || !(p.copyBytesPerSec() > 0) || p.perCommandNs() < 0) {
            throw new IllegalArgumentException("invalid RAM disk parameters: " + p);
        }
        this.p = p;
    }

    /** The default RAM disk, {@link RamDiskParams#ddr2Desktop()}. */
    public RamDisk() {
        this(RamDiskParams.ddr2Desktop());
    }

    @Override
    public String name() {
        return p.name();
    }

    @Override
    public int queueDepth() {
        return p.queueDepth();
    }

    @Override
    public long capacitySectors() {
        return p.capacitySectors();
    }

    public RamDiskParams params() {
        return p;
    }

    /** Service time of a command of {@code bytes}. */
    public long serviceNs(long bytes) {
        return p.perCommandNs() + Devices.transferNs(bytes, p.copyBytesPerSec());
    }

    @Override
    public void attach(Simulation sim, RandomStream rng, Device.CompletionSink sink) {
        this.sim = sim;
        this.sink = sink;
    }

    @Override
    public void submit(DiskCommand cmd, long nowNs) {
        Devices.checkSubmit(p.name(), sim, cmd, nowNs, busy.outstanding(), p.queueDepth(), p.capacitySectors());
        cmd.issueNs = nowNs;
        busy.begin(nowNs);
        if (inService == null) {
            startService(cmd, nowNs);
        } else {
            queue.add(cmd);
        }
    }

    private void startService(DiskCommand cmd, long t) {
        inService = cmd;
        cmd.startNs = t;
        cmd.completeNs = t + serviceNs(cmd.bytes());
        sim.scheduleAt(completion, cmd.completeNs);
    }

    private void serviceDone() {
        DiskCommand done = inService;
        inService = null;
        long now = sim.now();
        busy.end(now);
        if (!queue.isEmpty()) {
            DiskCommand next = queue.poll();
            startService(next, Math.max(now, next.issueNs));
        }
        sink.complete(done);
    }

    @Override
    public long busyNs() {
        return sim == null ? 0 : busy.busyNs(sim.now());
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", "ram");
        m.put("capacity_sectors", Long.toString(p.capacitySectors()));
        m.put("copy_bytes_per_s", String.format("%.0f", p.copyBytesPerSec()));
        m.put("per_command_ns", Long.toString(p.perCommandNs()));
        m.put("queue_depth", Integer.toString(p.queueDepth()));
        return m;
    }
}
