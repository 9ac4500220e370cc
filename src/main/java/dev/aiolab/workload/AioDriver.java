package dev.aiolab.workload;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.aio.Aio;
import dev.aiolab.kernel.aio.AioContext;
import dev.aiolab.kernel.aio.AioFile;
import dev.aiolab.kernel.aio.Iocb;
import dev.aiolab.kernel.aio.IoEvent;
import dev.aiolab.kernel.aio.Kiocb;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.fs.Syscalls;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.trace.IoRecord;
import dev.aiolab.sim.RandomStream;
import java.util.ArrayList;
import java.util.List;

/**
 * fio's {@code libaio} engine: {@code io_setup(iodepth)}, then keep {@code iodepth} iocbs in flight,
 * submitting {@code iodepth_batch_submit} per {@code io_submit} and reaping with
 * {@code io_getevents(iodepth_batch_complete_min, iodepth)}; {@code io_destroy} at the end. With
 * {@code rate_iops} an I/O is submitted when it arrives and its latency counts from its arrival. With
 * {@code thinktime} each I/O is submitted alone, reaped, and followed by the pause, as fio does.
 */
public final class AioDriver extends JobDriver {
    private enum Phase { SETUP, SUBMIT, SYNC_IO, GETEVENTS, DESTROY }

    private final Aio aio;
    private final AioFile file;
    private AioContext ctx;
    private Phase phase = Phase.SETUP;
    private final long[] slotOffset;
    private final int[] slotOp;
    private final long[] slotSubmit;
    /** When the io_submit that took the slot's iocb returned. */
    private final long[] slotSubmitted;
    private final IoRecord record = new IoRecord();
    private final Kiocb[] slotKiocb;
    private final int[] freeSlots;
    private int nFree;
    private Aio.IoSubmit submitCall;
    private List<Iocb> batch;
    private Aio.IoGetevents getCall;
    private Aio.IoDestroy destroyCall;
    private long inflight;
    private final SyncMix syncMix;
    /** The synchronous I/O drawn for the next turn: its op and offset, and when it was due. */
    private boolean syncPending;
    private int syncOp;
    private long syncOffset;
    private long syncSubmitNs;
    private long syncWakeups = -1;

    /** The synchronous share of a job's I/Os and how to make them: percent 0 for none. */
    public record SyncMix(int percent, RandomStream random, Syscalls sys, File file) {
        public static final SyncMix NONE = new SyncMix(0, null, null, null);
    }

    public AioDriver(JobSpec spec, int taskIndex, AccessPattern pattern, OpMix mix, Arrivals arrivals, IoSink sink,
            Aio aio, AioFile file) {
        this(spec, taskIndex, pattern, mix, arrivals, sink, aio, file, SyncMix.NONE);
    }

    public AioDriver(JobSpec spec, int taskIndex, AccessPattern pattern, OpMix mix, Arrivals arrivals, IoSink sink,
            Aio aio, AioFile file, SyncMix syncMix) {
        super(spec, taskIndex, pattern, mix, arrivals, sink);
        this.aio = aio;
        this.file = file;
        this.syncMix = syncMix;
        int d = spec.iodepth();
        slotOffset = new long[d];
        slotOp = new int[d];
        slotSubmit = new long[d];
        slotSubmitted = new long[d];
        slotKiocb = new Kiocb[d];
        freeSlots = new int[d];
        for (int i = 0; i < d; i++) {
            freeSlots[nFree++] = d - 1 - i;
        }
    }

    @Override
    public long inFlight() {
        return inflight;
    }

    @Override
    protected void step(Task cur) {
        while (true) {
            switch (phase) {
                case SETUP -> {
                    ctx = aio.ioSetup(spec.iodepth());
                    phase = Phase.SUBMIT;
                }
                case SUBMIT -> {
                    if (syncPending) {
                        phase = Phase.SYNC_IO;
                        continue;
                    }
                    if (submitCall == null && !prepareBatch(cur)) {
                        return;
                    }
                    if (submitCall == null) {
                        continue;   // prepareBatch chose another phase
                    }
                    long r = submitCall.call();
                    if (r == Errno.SCHEDULE) {
                        return;
                    }
                    submitted(cur);
                    if (r <= 0 || inflight >= spec.iodepth() || thinks()) {
                        phase = inflight > 0 ? Phase.GETEVENTS : Phase.SUBMIT;
                        if (r <= 0 && inflight == 0) {
                            // the ring is full of unreaped events of no one: nothing to wait for
                            phase = Phase.DESTROY;
                        }
                    }
                }
                case SYNC_IO -> {
                    if (!syncIo(cur)) {
                        return;
                    }
                    phase = Phase.SUBMIT;
                }
                case GETEVENTS -> {
                    if (getCall == null) {
                        if (inflight == 0) {
                            phase = Phase.SUBMIT;
                            continue;
                        }
                        // thinking waits for every I/O in flight first (fio's io_u_quiesce)
                        int minNr = thinks() ? (int) inflight
                                : (int) Math.max(1, Math.min(spec.batchCompleteMin(), inflight));
                        long now = cur.sched().now();
                        long timeout = nextArrivalNs >= 0 && !doneIssuing(now) && inflight < spec.iodepth()
                                ? Math.max(0, nextArrivalNs - now) : -1;
                        getCall = aio.ioGetevents(ctx, minNr, spec.iodepth(), timeout);
                    }
                    long r = getCall.call();
                    if (r == Errno.SCHEDULE) {
                        return;
                    }
                    reaped(cur, getCall.events());
                    getCall = null;
                    phase = Phase.SUBMIT;
                    if (spec.thinktimeNs() > 0 && !doneIssuing(cur.sched().now())) {
                        cur.sleepFor(spec.thinktimeNs());
                        return;
                    }
                }
                case DESTROY -> {
                    if (destroyCall == null) {
                        destroyCall = aio.ioDestroy(ctx);
                    }
                    if (destroyCall.call() == Errno.SCHEDULE) {
                        return;
                    }
                    finish(cur);
                    return;
                }
                default -> throw new IllegalStateException(String.valueOf(phase));
            }
        }
    }

    /** Builds the next io_submit batch; false when the task went to sleep waiting for an arrival. */
    private boolean prepareBatch(Task cur) {
        long now = cur.sched().now();
        int room = thinks() ? 1 : (int) Math.min(spec.batchSubmit(), spec.iodepth() - inflight);
        batch = new ArrayList<>(Math.max(room, 1));
        while (batch.size() < room) {
            boolean fsync = fsyncDue(now);
            if (!fsync && (doneIssuing(now) || nextArrivalNs > now)) {
                break;
            }
            int slot = freeSlots[--nFree];
            int op;
            long off;
            if (fsync) {
                op = OP_FSYNC;
                off = 0;
                writesSinceFsync = 0;
                slotSubmit[slot] = now;
                batch.add(new Iocb(Iocb.Opcode.FSYNC, file, 0, 0, slot));
            } else if (syncMix.percent() > 0 && syncMix.random().nextInt(100) < syncMix.percent()) {
                // the task's next I/O is synchronous: submit what the batch holds, then make it
                freeSlots[nFree++] = slot;
                syncPending = true;
                syncOp = mix.nextIsRead() ? OP_READ : OP_WRITE;
                syncOffset = nextOffset();
                syncSubmitNs = nextArrivalNs >= 0 ? nextArrivalNs : now;
                if (nextArrivalNs >= 0) {
                    nextArrivalNs += arrivals.nextGapNs();
                }
                issued++;
                issuedBytes += spec.bs();
                break;
            } else {
                op = mix.nextIsRead() ? OP_READ : OP_WRITE;
                off = nextOffset();
                slotSubmit[slot] = nextArrivalNs >= 0 ? nextArrivalNs : now;
                if (nextArrivalNs >= 0) {
                    nextArrivalNs += arrivals.nextGapNs();
                }
                issued++;
                issuedBytes += spec.bs();
                if (op == OP_WRITE) {
                    writesSinceFsync++;
                }
                batch.add(op == OP_READ ? Iocb.pread(file, off, spec.bs(), slot) : Iocb.pwrite(file, off, spec.bs(), slot));
            }
            slotOp[slot] = op;
            slotOffset[slot] = off;
        }
        if (!batch.isEmpty()) {
            submitCall = aio.ioSubmit(ctx, batch);
            return true;
        }
        if (syncPending) {
            phase = Phase.SYNC_IO;
            return true;
        }
        if (inflight > 0) {
            phase = Phase.GETEVENTS;
            return true;
        }
        if (doneIssuing(now)) {
            phase = Phase.DESTROY;
            return true;
        }
        cur.sleepFor(nextArrivalNs - now);
        return false;
    }

    /**
     * Whether the job thinks between I/Os. fio's {@code thinktime_blocks} defaults to 1: after each I/O fio
     * waits for the I/Os in flight and then thinks, which "effectively caps the queue depth" at 1 (fio HOWTO).
     */
    private boolean thinks() {
        return spec.thinktimeNs() > 0;
    }

    /** Makes the pending synchronous I/O; false while the task sleeps inside the call. */
    private boolean syncIo(Task cur) {
        if (syncWakeups < 0) {
            syncWakeups = cur.wakeups();
        }
        long r = syncOp == OP_READ ? syncMix.sys().pread(syncMix.file(), spec.bs(), syncOffset)
                : syncMix.sys().pwrite(syncMix.file(), spec.bs(), syncOffset);
        if (r == Errno.SCHEDULE) {
            return false;
        }
        IoRecord io = record.clearCounts();
        io.job = spec.jobId();
        io.task = taskIndex;
        io.op = syncOp;
        io.offset = syncOffset;
        io.bytes = (int) spec.bs();
        io.submitNs = syncSubmitNs;
        io.completeNs = cur.sched().now();
        io.wakeups = (int) (cur.wakeups() - syncWakeups);
        if (syncOp == OP_READ && !syncMix.file().isDirect()) {
            io.cacheHits = (int) syncMix.sys().lastPagesHit();
            io.cacheMisses = (int) syncMix.sys().lastPagesMissed();
        }
        io.result = r;
        sink.completed(io);
        completed++;
        syncPending = false;
        syncWakeups = -1;
        return cur.state() != dev.aiolab.kernel.sched.TaskState.DEAD;
    }

    private void submitted(Task cur) {
        List<Kiocb> ks = submitCall.kiocbs();
        long now = cur.sched().now();
        for (Kiocb k : ks) {
            slotKiocb[(int) k.user.data] = k;
            slotSubmitted[(int) k.user.data] = now;
        }
        inflight += ks.size();
        // iocbs io_submit did not take (-EAGAIN: ring full) are given back
        for (int i = ks.size(); i < batch.size(); i++) {
            Iocb u = batch.get(i);
            int slot = (int) u.data;
            freeSlots[nFree++] = slot;
            if (slotOp[slot] != OP_FSYNC) {
                issued--;
                issuedBytes -= spec.bs();
            }
        }
        submitCall = null;
        batch = null;
    }

    private void reaped(Task cur, List<IoEvent> events) {
        long now = cur.sched().now();
        for (IoEvent e : events) {
            int slot = (int) e.data();
            Kiocb k = slotKiocb[slot];
            slotKiocb[slot] = null;
            freeSlots[nFree++] = slot;
            inflight--;
            int op = slotOp[slot];
            if (op != OP_FSYNC) {
                completed++;
            }
            // latency ends at aio_complete, not at the reap
            long done = k.completeNs >= 0 ? k.completeNs : now;
            IoRecord io = record.clearCounts();
            io.job = spec.jobId();
            io.task = taskIndex;
            io.op = op;
            io.aio = true;
            io.offset = slotOffset[slot];
            io.bytes = op == OP_FSYNC ? 0 : (int) spec.bs();
            io.submitNs = slotSubmit[slot];
            io.completeNs = done;
            io.slatNs = Math.min(slotSubmitted[slot], done) - slotSubmit[slot];
            io.retries = (int) Math.max(0, k.kiRetried - 1);
            io.kicks = (int) k.kiKicked;
            io.wakeups = k.wakeupsReceived;
            io.spurious = k.spuriousRetries;
            io.lostWakeups = k.lostWakeups;
            io.workerWaitNs = k.workerWaitNs;
            io.cacheHits = k.cacheHits;
            io.cacheMisses = k.cacheMisses;
            io.result = e.res();
            sink.completed(io);
        }
    }
}
