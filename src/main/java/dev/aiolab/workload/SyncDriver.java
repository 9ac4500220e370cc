package dev.aiolab.workload;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.fs.Syscalls;
import dev.aiolab.kernel.sched.FlagsWord;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.TaskState;
import dev.aiolab.kernel.sched.WaitQueueEntry;
import dev.aiolab.kernel.trace.IoRecord;

/**
 * fio's {@code sync} engine: one {@code pread}/{@code pwrite} (and {@code fsync} every N writes) at a
 * time on a task. A call that puts the task to sleep is made again when it wakes, until it returns.
 */
public final class SyncDriver extends JobDriver {
    private final Syscalls sys;
    private final File file;
    private boolean inIo;
    private int op;
    private long offset;
    private long submitNs;
    private long wakeupsAtStart;
    private int spurious;
    private FlagsWord lastWord;
    private int lastBit;
    private final IoRecord record = new IoRecord();

    public SyncDriver(JobSpec spec, int taskIndex, AccessPattern pattern, OpMix mix, Arrivals arrivals,
            IoSink sink, Syscalls sys, File file) {
        super(spec, taskIndex, pattern, mix, arrivals, sink);
        this.sys = sys;
        this.file = file;
    }

    @Override
    protected void step(Task cur) {
        long now = cur.sched().now();
        if (!inIo) {
            boolean fsync = fsyncDue(now);
            if (!fsync && doneIssuing(now)) {
                finish(cur);
                return;
            }
            if (!fsync && nextArrivalNs > now) {
                cur.sleepFor(nextArrivalNs - now);
                return;
            }
            if (fsync) {
                op = OP_FSYNC;
                offset = 0;
                submitNs = now;
            } else {
                op = mix.nextIsRead() ? OP_READ : OP_WRITE;
                offset = nextOffset();
                submitNs = nextArrivalNs >= 0 ? nextArrivalNs : now;
                if (nextArrivalNs >= 0) {
                    nextArrivalNs += arrivals.nextGapNs();
                }
                issued++;
                issuedBytes += spec.bs();
            }
            inIo = true;
            wakeupsAtStart = cur.wakeups();
            spurious = 0;
            lastWord = null;
        }
        long r = switch (op) {
            case OP_READ -> sys.pread(file, spec.bs(), offset);
            case OP_WRITE -> sys.pwrite(file, spec.bs(), offset);
            default -> sys.fsync(file);
        };
        if (r == Errno.SCHEDULE) {
            noteSleep(cur.sleepingOn());
            return;
        }
        inIo = false;
        int hits = op == OP_READ && !file.isDirect() ? (int) sys.lastPagesHit() : 0;
        int misses = op == OP_READ && !file.isDirect() ? (int) sys.lastPagesMissed() : 0;
        IoRecord io = record.clearCounts();
        io.job = spec.jobId();
        io.task = taskIndex;
        io.op = op;
        io.offset = offset;
        io.bytes = op == OP_FSYNC ? 0 : (int) spec.bs();
        io.submitNs = submitNs;
        io.completeNs = cur.sched().now();
        io.wakeups = (int) (cur.wakeups() - wakeupsAtStart);
        io.spurious = spurious;
        io.cacheHits = hits;
        io.cacheMisses = misses;
        io.result = r;
        sink.completed(io);
        if (op == OP_FSYNC) {
            writesSinceFsync = 0;
        } else {
            completed++;
            if (op == OP_WRITE) {
                writesSinceFsync++;
            }
        }
        if (cur.state() == TaskState.DEAD) {
            return;     // the call oopsed and the kernel killed the task
        }
        if (spec.thinktimeNs() > 0) {
            cur.sleepFor(spec.thinktimeNs());
        }
        // otherwise return still running: the task yields its CPU and is queued again
    }

    /** A wakeup after which the task waits again for the same bit made no progress. */
    private void noteSleep(WaitQueueEntry e) {
        if (e == null) {
            return;
        }
        if (lastWord != null && e.waitedWord == lastWord && e.waitedBit == lastBit) {
            spurious++;
        }
        lastWord = e.waitedWord;
        lastBit = e.waitedBit;
    }
}
