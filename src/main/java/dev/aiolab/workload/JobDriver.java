package dev.aiolab.workload;

import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.TaskBody;

/**
 * The common part of a job task: choosing the next I/O (offset, read or write, when) and knowing
 * when to stop. The engines differ in how the I/O is issued.
 */
public abstract class JobDriver implements TaskBody {
    /** Operation codes shared with {@link IoSink}. */
    public static final int OP_READ = 0;
    public static final int OP_WRITE = 1;
    public static final int OP_FSYNC = 2;

    protected final JobSpec spec;
    protected final int taskIndex;
    protected final AccessPattern pattern;
    protected final OpMix mix;
    protected final Arrivals arrivals;
    protected final IoSink sink;
    protected long startNs = -1;
    protected long issued;
    protected long issuedBytes;
    protected long completed;
    protected long writesSinceFsync;
    /** Open loop: when the next I/O arrives (ns), or -1 for a closed loop. */
    protected long nextArrivalNs = -1;
    private boolean finished;
    private Runnable onFinish = () -> { };

    protected JobDriver(JobSpec spec, int taskIndex, AccessPattern pattern, OpMix mix, Arrivals arrivals,
            IoSink sink) {
        this.spec = spec;
        this.taskIndex = taskIndex;
        this.pattern = pattern;
        this.mix = mix;
        this.arrivals = arrivals;
        this.sink = sink;
    }

    /** Called once when the job task finishes. */
    public void onFinish(Runnable r) {
        this.onFinish = r;
    }

    /** Whether the job has issued and completed all its I/Os. */
    public boolean finished() {
        return finished;
    }

    /** I/Os completed so far. */
    public long completed() {
        return completed;
    }

    /** I/Os issued and not completed. */
    public long inFlight() {
        return issued - completed;
    }

    protected final boolean doneIssuing(long nowNs) {
        return spec.doneIssuing(issued, issuedBytes, startNs, nowNs);
    }

    /** Byte offset of the next I/O. */
    protected final long nextOffset() {
        return spec.baseOffset() + pattern.next() * spec.bs();
    }

    /**
     * Whether the I/O due now is an fsync: {@code fsync} writes were issued since the last one and the job
     * goes on. fio issues the fsync when it fetches the next I/O, so none follows the job's last write
     * (syncing at the end is fio's separate {@code end_fsync}).
     */
    protected final boolean fsyncDue(long nowNs) {
        return spec.fsyncEvery() > 0 && writesSinceFsync >= spec.fsyncEvery() && !doneIssuing(nowNs);
    }

    protected final void finish(Task current) {
        finished = true;
        current.exit();
        onFinish.run();
    }

    @Override
    public final void run(Task current) {
        if (startNs < 0) {
            startNs = current.sched().now();
            if (arrivals != null) {
                nextArrivalNs = startNs;
            }
        }
        step(current);
    }

    /** One time slice of the job; must return when the task sleeps, yields or exits. */
    protected abstract void step(Task current);
}
