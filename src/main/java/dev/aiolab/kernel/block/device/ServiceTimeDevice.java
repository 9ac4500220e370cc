package dev.aiolab.kernel.block.device;

import dev.aiolab.sim.RandomStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An abstract device for validation against queueing theory: one server, FIFO, each command's
 * service time drawn from a {@link ServiceTime} distribution. With the default queue depth of 1 the
 * queue builds in the block layer above; with a larger depth commands queue inside the device, still
 * FIFO with one server. The service time is drawn when service starts, so the draws follow service
 * order and a run is a pure function of the seed.
 */
public final class ServiceTimeDevice extends SingleServerDevice {
    /** 1 TiB, large enough that capacity never constrains a validation workload. */
    public static final long DEFAULT_CAPACITY_SECTORS = 1L << 31;

    private final String name;
    private final ServiceTime serviceTime;
    private final int queueDepth;
    private final long capacitySectors;

    private RandomStream rng;

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
    void attached(RandomStream rng) {
        this.rng = rng;
    }

    @Override
    long completionNs(DiskCommand cmd, long t) {
        return t + Math.max(0, serviceTime.sampleNs(rng, cmd));
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
