package dev.aiolab.kernel.block.device;

import dev.aiolab.sim.Event;
import dev.aiolab.sim.RandomStream;
import dev.aiolab.sim.Simulation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An abstract device for validation against queueing theory: one server, FIFO, each command's
 * service time drawn from a {@link ServiceTime} distribution. With the default queue depth of 1 the
 * queue builds in the block layer above; with a larger depth commands queue inside the device, still
 * FIFO with one server. The service time is drawn when service starts, so the draws follow service
 * order and a run is a pure function of the seed.
 */
public final class ServiceTimeDevice implements Device {
    /** 1 TiB, large enough that capacity never constrains a validation workload. */
    public static final long DEFAULT_CAPACITY_SECTORS = 1L << 31;

    private final String name;
    private final ServiceTime serviceTime;
    private final int queueDepth;
    private final long capacitySectors;

    private final CommandFifo<DiskCommand> queue = new CommandFifo<>();
    private final BusyTime busy = new BusyTime();
    private final Event completion = new Event() {
        @Override
        public void fire() {
            serviceDone();
        }
    };
    private Simulation sim;
    private RandomStream rng;
    private Device.CompletionSink sink;
    private DiskCommand inService;

    public ServiceTimeDevice(String name, ServiceTime serviceTime, int queueDepth, long capacitySectors) {
        if (queueDepth < 1) {
            throw new IllegalArgumentException("queue depth must be >= 1, got " + queueDepth);
        }
        this.name = name;
        this.serviceTime = serviceTime;
        this.queueDepth = queueDepth;
        this.capacitySectors = capacitySectors;
    }

    /** Queue depth 1, {@link #DEFAULT_CAPACITY_SECTORS}. */
    public ServiceTimeDevice(ServiceTime serviceTime) {
        this("service-time", serviceTime, 1, DEFAULT_CAPACITY_SECTORS);
    }

    /** Exponential service with mean {@code meanNs}, queue depth 1. */
    public static ServiceTimeDevice exponential(double meanNs) {
        return new ServiceTimeDevice("service-exp", ServiceTime.exponential(meanNs), 1, DEFAULT_CAPACITY_SECTORS);
    }

    /** Constant service time {@code ns}, queue depth 1. */
    public static ServiceTimeDevice deterministic(long ns) {
        return new ServiceTimeDevice("service-det", ServiceTime.deterministic(ns), 1, DEFAULT_CAPACITY_SECTORS);
    }

    /** A copy (not yet attached) accepting {@code depth} commands, queued FIFO inside. */
    public ServiceTimeDevice withQueueDepth(int depth) {
        return new ServiceTimeDevice(name, serviceTime, depth, capacitySectors);
    }

    @Override
    public String name() {
        return name;
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
    public void attach(Simulation sim, RandomStream rng, Device.CompletionSink sink) {
        this.sim = sim;
        this.rng = rng;
        this.sink = sink;
    }

    @Override
    public void submit(DiskCommand cmd, long nowNs) {
        Devices.checkSubmit(name, sim, cmd, nowNs, busy.outstanding(), queueDepth, capacitySectors);
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
        long s = serviceTime.sampleNs(rng, cmd);
        cmd.completeNs = t + Math.max(0, s);
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
        m.put("model", "service-time");
        m.put("service_time", serviceTime.describe());
        m.put("queue_depth", Integer.toString(queueDepth));
        m.put("capacity_sectors", Long.toString(capacitySectors));
        return m;
    }
}
