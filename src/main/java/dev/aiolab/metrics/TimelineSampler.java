package dev.aiolab.metrics;

import dev.aiolab.sim.Event;
import dev.aiolab.sim.Simulation;

/**
 * The timeline's clock: an event that fires every {@link Recorder#timelineIntervalNs()}, reads the
 * run's state from a {@link Source} and hands one sample to the {@link Recorder}. It reschedules
 * itself only while other events are pending, so it never keeps a finished (or hung) run alive: the
 * run still ends when nothing but the sampler is left, which is how hangs are detected.
 */
public final class TimelineSampler extends Event {

    /** What the run loop exposes to the sampler; read once per interval. */
    public interface Source {
        /** I/Os submitted by the workload and not yet completed. */
        int inFlight();

        /** Commands outstanding at the device. */
        int diskQueueDepth();

        /** CPU busy time so far, summed over all CPUs (ns); the sampler takes differences. */
        long cpuBusyNs();

        /** Number of CPUs, to turn busy time into a fraction. */
        int cpus();

        /** Pages in the page cache. */
        long cachePages();

        /** Dirty pages in the page cache. */
        long dirtyPages();
    }

    private final Simulation sim;
    private final Recorder recorder;
    private final Source source;
    private final long interval;
    private long lastBusyNs;
    private long lastTimeNs;

    private TimelineSampler(Simulation sim, Recorder recorder, Source source) {
        this.sim = sim;
        this.recorder = recorder;
        this.source = source;
        this.interval = recorder.timelineIntervalNs();
        daemon(true);
    }

    /** Takes a first sample now and schedules the next one an interval later. */
    public static TimelineSampler start(Simulation sim, Recorder recorder, Source source) {
        TimelineSampler s = new TimelineSampler(sim, recorder, source);
        s.lastTimeNs = sim.now();
        s.lastBusyNs = source.cpuBusyNs();
        recorder.sample(sim.now(), source.inFlight(), source.diskQueueDepth(), 0.0, source.cachePages(),
                source.dirtyPages());
        sim.schedule(s, s.interval);
        return s;
    }

    @Override
    public void fire() {
        long now = sim.now();
        long busy = source.cpuBusyNs();
        long elapsed = now - lastTimeNs;
        double fraction = elapsed > 0 ? (double) (busy - lastBusyNs) / ((double) elapsed * source.cpus()) : 0.0;
        recorder.sample(now, source.inFlight(), source.diskQueueDepth(), fraction, source.cachePages(),
                source.dirtyPages());
        lastBusyNs = busy;
        lastTimeNs = now;
        // a daemon: it never keeps a finished (or hung) run alive
        if (sim.pendingLive() > 0) {
            sim.schedule(this, interval);
        }
    }

    /** Stops sampling (e.g. when the run's time limit is reached). */
    public void stop() {
        sim.cancel(this);
    }
}
