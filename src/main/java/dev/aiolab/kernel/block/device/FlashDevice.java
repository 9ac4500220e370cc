package dev.aiolab.kernel.block.device;

import dev.aiolab.sim.Event;
import dev.aiolab.sim.Lane;
import dev.aiolab.sim.RandomStream;
import dev.aiolab.sim.Simulation;
import java.util.Map;

/**
 * The common mechanism of the flash devices ({@link SataSsd}, {@link Nvme}): {@code units}
 * independent flash units (channels or dies) behind one host link.
 * <ul>
 *   <li>A read takes a free unit (FIFO if none is free: the FTL stripes data, so any unit will do)
 *       for the media read time, then crosses the link (FIFO, one transfer at a time, at the link
 *       rate), and completes a fixed controller/protocol overhead later.</li>
 *   <li>A write crosses the link first, then takes a unit for the write-cache acceptance time, and
 *       completes the overhead later. The cache is modelled as never full: there is no background
 *       program of cached data and so no sustained-write cliff.</li>
 * </ul>
 * At QD1 a 4 KiB read costs {@code read + 4096/link + overhead}; throughput grows linearly with
 * queue depth up to the number of units, then saturates at {@code units / read} (or at the link
 * rate, whichever is lower). A unit is free again once its data has left for the link, so the
 * saturated rate exceeds {@code units x IOPS(QD1)} by the ratio of QD1 latency to read time.
 * Deterministic: no draw from the random stream.
 *
 * <p>Each stage's completions come in the order the stage began (the link is FIFO; every read,
 * and every write, takes a unit for the same time), so each runs in a {@link Lane}, as do
 * arrivals while they come in time order: the event queue holds one entry per stage, however many
 * commands are in flight.
 */
abstract class FlashDevice implements Device {
    private final String name;
    private final int queueDepth;
    private final int units;
    private final long capacitySectors;
    private final long readNs;
    private final long writeNs;
    private final long overheadNs;
    private final double linkBytesPerSec;

    private final BusyTime busy = new BusyTime();
    private final CommandFifo<Op> waitingForUnit = new CommandFifo<>();
    private Op freeOps;
    private int freeUnits;
    private long linkFreeAt;
    private Simulation sim;
    private Device.CompletionSink sink;
    private final Lane arrivals;
    private final Lane linked;
    private final Lane mediaRead;
    private final Lane mediaWrite;
    private final Lane doneRead;
    private final Lane doneWrite;

    private static final int ARRIVE = 0;
    private static final int LINKED = 1;
    private static final int MEDIA_DONE = 2;
    private static final int DONE = 3;

    /** One command's progress; pooled, so steady state allocates nothing. */
    private final class Op extends Event {
        DiskCommand cmd;
        int stage;
        Op nextFree;

        @Override
        public void fire() {
            switch (stage) {
                case ARRIVE -> arrive(this);
                case LINKED -> acquireUnit(this);
                case MEDIA_DONE -> mediaDone(this);
                default -> done(this);
            }
        }
    }

    FlashDevice(String name, int queueDepth, int units, long capacitySectors, long readNs, long writeNs,
            long overheadNs, double linkBytesPerSec) {
        if (queueDepth < 1 || units < 1 || capacitySectors <= 0 || readNs < 0 || writeNs < 0 || overheadNs < 0
                || !(linkBytesPerSec > 0)) {
            throw new IllegalArgumentException("invalid flash parameters for " + name);
        }
        this.name = name;
        this.queueDepth = queueDepth;
        this.units = units;
        this.capacitySectors = capacitySectors;
        this.readNs = readNs;
        this.writeNs = writeNs;
        this.overheadNs = overheadNs;
        this.linkBytesPerSec = linkBytesPerSec;
        this.freeUnits = units;
        this.arrivals = new Lane(name + ".arrive");
        this.linked = new Lane(name + ".link");
        this.mediaRead = new Lane(name + ".media-read");
        this.mediaWrite = new Lane(name + ".media-write");
        this.doneRead = new Lane(name + ".done-read");
        this.doneWrite = new Lane(name + ".done-write");
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

    /** Flash units (channels or dies) that serve commands in parallel. */
    public int units() {
        return units;
    }

    /** Latency of one 4 KiB read on an idle device: read + transfer + overhead. */
    public long idleReadLatencyNs(int bytes) {
        return readNs + Devices.transferNs(bytes, linkBytesPerSec) + overheadNs;
    }

    @Override
    public void attach(Simulation sim, RandomStream rng, Device.CompletionSink sink) {
        this.sim = sim;
        this.sink = sink;
    }

    @Override
    public void submit(DiskCommand cmd, long nowNs) {
        Devices.checkSubmit(name, sim, cmd, nowNs, busy.outstanding(), queueDepth, capacitySectors);
        cmd.issueNs = nowNs;
        busy.begin(nowNs);
        Op op = freeOps;
        if (op != null) {
            freeOps = op.nextFree;
            op.nextFree = null;
        } else {
            op = new Op();
        }
        op.cmd = cmd;
        if (nowNs > sim.now()) {
            op.stage = ARRIVE;
            // arrivals come in time order from one CPU; one from another CPU may be earlier
            if (arrivals.accepts(nowNs)) {
                sim.scheduleAt(op, nowNs, arrivals);
            } else {
                sim.scheduleAt(op, nowNs);
            }
        } else {
            arrive(op);
        }
    }

    private void arrive(Op op) {
        DiskCommand cmd = op.cmd;
        if (cmd.write) {
            long start = Math.max(sim.now(), linkFreeAt);
            cmd.startNs = start;
            linkFreeAt = start + Devices.transferNs(cmd.bytes(), linkBytesPerSec);
            op.stage = LINKED;
            sim.scheduleAt(op, linkFreeAt, linked);
        } else {
            acquireUnit(op);
        }
    }

    private void acquireUnit(Op op) {
        if (freeUnits > 0) {
            freeUnits--;
            startMedia(op);
        } else {
            waitingForUnit.add(op);
        }
    }

    private void startMedia(Op op) {
        long now = sim.now();
        op.stage = MEDIA_DONE;
        if (op.cmd.write) {
            sim.scheduleAt(op, now + writeNs, mediaWrite);
        } else {
            op.cmd.startNs = now;
            sim.scheduleAt(op, now + readNs, mediaRead);
        }
    }

    private void mediaDone(Op op) {
        if (waitingForUnit.isEmpty()) {
            freeUnits++;
        } else {
            startMedia(waitingForUnit.poll());
        }
        long doneAt;
        if (op.cmd.write) {
            doneAt = sim.now() + overheadNs;
        } else {
            long start = Math.max(sim.now(), linkFreeAt);
            linkFreeAt = start + Devices.transferNs(op.cmd.bytes(), linkBytesPerSec);
            doneAt = linkFreeAt + overheadNs;
        }
        op.stage = DONE;
        sim.scheduleAt(op, doneAt, op.cmd.write ? doneWrite : doneRead);
    }

    private void done(Op op) {
        DiskCommand cmd = op.cmd;
        cmd.completeNs = sim.now();
        busy.end(cmd.completeNs);
        op.cmd = null;
        op.nextFree = freeOps;
        freeOps = op;
        sink.complete(cmd);
    }

    @Override
    public long busyNs() {
        return sim == null ? 0 : busy.busyNs(sim.now());
    }

    /** The common entries of {@link #parameters()}. */
    void putCommon(Map<String, String> m) {
        m.put("capacity_sectors", Long.toString(capacitySectors));
        m.put("queue_depth", Integer.toString(queueDepth));
        m.put("units", Integer.toString(units));
        m.put("read_ns", Long.toString(readNs));
        m.put("write_ns", Long.toString(writeNs));
        m.put("overhead_ns", Long.toString(overheadNs));
        m.put("link_bytes_per_s", String.format("%.0f", linkBytesPerSec));
    }
}
