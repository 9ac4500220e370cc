package dev.aiolab.kernel.block.device;

import dev.aiolab.sim.Event;
import dev.aiolab.sim.RandomStream;
import dev.aiolab.sim.Simulation;

/**
 * The mechanism the one-actuator disk, the RAM disk and the queueing-theory device share: one
 * command in service at a time, the rest waiting first come, first served, each completion reported
 * by an event at its time. A subclass only says when a command starting at a given time completes.
 */
abstract class SingleServerDevice implements Device {
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

    /** When {@code cmd}, starting service at {@code startNs}, completes. */
    abstract long completionNs(DiskCommand cmd, long startNs);

    /** Called once when attached, with the device's own random stream. */
    void attached(RandomStream rng) {}

    @Override
    public final void attach(Simulation sim, RandomStream rng, Device.CompletionSink sink) {
        this.sim = sim;
        this.sink = sink;
        attached(rng);
    }

    @Override
    public final void submit(DiskCommand cmd, long nowNs) {
        Devices.checkSubmit(name(), sim, cmd, nowNs, busy.outstanding(), queueDepth(), capacitySectors());
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
        cmd.completeNs = completionNs(cmd, t);
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
    public final long busyNs() {
        return sim == null ? 0 : busy.busyNs(sim.now());
    }
}
