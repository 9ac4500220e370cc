package dev.aiolab.metrics;

import dev.aiolab.kernel.trace.Fault;
import dev.aiolab.kernel.trace.IoRecord;
import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.kernel.trace.WakeRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Records one run: the kernel's tracepoints (it is the run's {@link Probe}), one record per I/O
 * reported by the workload layer, and fixed-interval timeline samples from the run loop.
 *
 * <p>Records live in chunked primitive columns; jobs, ops and engines are small integer codes with
 * dictionaries, and per-I/O counts take two bytes unless large, so a full per-I/O record costs about 52 bytes of heap ({@link HeapFootprint}). In
 * {@link Mode#AGGREGATES_ONLY} no row is kept: only exact aggregates (an HdrHistogram of latency
 * with 3 significant digits per job, counters, sums, minima and maxima), so tens of millions of
 * I/Os fit in a small heap and {@link #summary} is identical to the full mode's. The per-row tables
 * {@link #ios()} and {@link #wakeups()} then throw {@link IllegalStateException} saying they were not
 * kept; {@link #timeline()} (one row per interval) and {@link #faults()} are kept in both modes.
 *
 * <p>Not thread-safe: one recorder belongs to one single-threaded simulation.
 */
public final class Recorder implements Probe {

    /** What a recorder keeps. */
    public enum Mode {
        /** Every I/O and every wake call as a row, plus the aggregates. */
        FULL,
        /** Only the aggregates behind {@link #summary}; per-row tables are not kept. */
        AGGREGATES_ONLY
    }

    /** Op codes preassigned in every recorder. */
    public static final int OP_READ = 0;
    public static final int OP_WRITE = 1;
    public static final int OP_FSYNC = 2;

    /** Default timeline interval: 1 ms of simulated time. */
    public static final long DEFAULT_TIMELINE_INTERVAL_NS = 1_000_000L;

    /** Fault records kept in aggregates-only mode; later ones are counted only. */
    static final int AGGREGATE_MODE_FAULT_LIMIT = 1000;

    private final Mode mode;
    private final long timelineIntervalNs;

    private final Dictionary jobs = new Dictionary("job", Short.MAX_VALUE);
    private final Dictionary ops = new Dictionary("op", Byte.MAX_VALUE);
    private final Dictionary engines = new Dictionary("engine", Byte.MAX_VALUE);
    private final Dictionary retryReasons = new Dictionary("retry reason", Integer.MAX_VALUE);

    // ---- per-I/O columns (FULL only) ----
    private final Buffers.Shorts ioJob = new Buffers.Shorts();
    private final Buffers.Ints ioTask = new Buffers.Ints();
    private final Buffers.Bytes ioOp = new Buffers.Bytes();
    private final Buffers.Bytes ioEngine = new Buffers.Bytes();
    private final Buffers.Longs ioOffset = new Buffers.Longs();
    private final Buffers.Ints ioBytes = new Buffers.Ints();
    private final Buffers.Longs ioSubmit = new Buffers.Longs();
    private final Buffers.Longs ioComplete = new Buffers.Longs();
    private final Buffers.SmallInts ioRetries = new Buffers.SmallInts();
    private final Buffers.SmallInts ioKicks = new Buffers.SmallInts();
    private final Buffers.SmallInts ioWakeups = new Buffers.SmallInts();
    private final Buffers.SmallInts ioSpurious = new Buffers.SmallInts();
    private final Buffers.SmallInts ioLost = new Buffers.SmallInts();
    private final Buffers.Longs ioSlat = new Buffers.Longs();
    private final Buffers.Longs ioWorkerWait = new Buffers.Longs();
    private final Buffers.SmallInts ioHits = new Buffers.SmallInts();
    private final Buffers.SmallInts ioMisses = new Buffers.SmallInts();
    private final Buffers.Ints ioResult = new Buffers.Ints();

    // ---- per-wake-call columns (FULL only) ----
    private final Buffers.Longs wkTime = new Buffers.Longs();
    private final Buffers.Ints wkQueue = new Buffers.Ints();
    private final Buffers.Longs wkKeyWord = new Buffers.Longs();
    private final Buffers.Ints wkKeyBit = new Buffers.Ints();
    private final Buffers.Ints wkVisited = new Buffers.Ints();
    private final Buffers.Ints wkWoken = new Buffers.Ints();
    private final Buffers.Ints wkFiltered = new Buffers.Ints();
    private final Buffers.Bytes wkExclusiveStop = new Buffers.Bytes();
    private final Buffers.Longs wkCpu = new Buffers.Longs();
    private final Buffers.Ints wkKicked = new Buffers.Ints();
    private final Buffers.Ints wkQueueWaiters = new Buffers.Ints();
    private final Buffers.Ints wkKeyWaiters = new Buffers.Ints();
    private final Buffers.Ints wkTableWaiters = new Buffers.Ints();
    private final Buffers.Ints wkTableBuckets = new Buffers.Ints();

    // ---- timeline (both modes) ----
    private final Buffers.Longs tlTime = new Buffers.Longs();
    private final Buffers.Ints tlInFlight = new Buffers.Ints();
    private final Buffers.Ints tlQueueDepth = new Buffers.Ints();
    private final Buffers.Doubles tlCpuBusy = new Buffers.Doubles();
    private final Buffers.Longs tlCachePages = new Buffers.Longs();
    private final Buffers.Longs tlDirtyPages = new Buffers.Longs();

    // ---- aggregates (both modes) ----
    private final List<JobStats> jobStats = new ArrayList<>();
    private long submitted;
    private long completed;
    private long wakeCalls;
    private long visitedSum;
    private int visitedMax;
    private long wokenSum;
    private int wokenMax;
    private long filteredSum;
    private long exclusiveStops;
    private long wakeCpuNs;
    /** Keyed wakes of hashed-table buckets whose key had a waiter: count, waiters found, expected, kicks. */
    private long tableWakes;
    private long tableWakeWaiters;
    private double tableWakeExpected;
    private long tableWakeKicks;
    private long lostWakeups;
    private long lockContentions;
    private long lockWaitNs;
    private long taskSleeps;
    private long taskWakeups;
    private long aioSubmits;
    private long aioRetries;
    private long aioRetriesNoProgress;
    private long aioKicks;
    private long aioCompletes;
    private long aioReaped;
    private long[] retriesByReason = new long[8];
    private final List<Fault> faults = new ArrayList<>();
    private long faultCount;
    private long hangFaultCount;

    /** A recorder that keeps every row, sampling the timeline every millisecond. */
    public Recorder() {
        this(Mode.FULL, DEFAULT_TIMELINE_INTERVAL_NS);
    }

    public Recorder(Mode mode) {
        this(mode, DEFAULT_TIMELINE_INTERVAL_NS);
    }

    /** @param timelineIntervalNs the interval at which the run loop calls {@link #sample} */
    public Recorder(Mode mode, long timelineIntervalNs) {
        if (timelineIntervalNs <= 0) {
            throw new IllegalArgumentException("timeline interval must be > 0 ns, got " + timelineIntervalNs);
        }
        this.mode = mode;
        this.timelineIntervalNs = timelineIntervalNs;
        ops.code("read");
        ops.code("write");
        ops.code("fsync");
    }

    public static Recorder full() {
        return new Recorder(Mode.FULL);
    }

    public static Recorder aggregatesOnly() {
        return new Recorder(Mode.AGGREGATES_ONLY);
    }

    public Mode mode() {
        return mode;
    }

    /** How often the run loop must call {@link #sample}. */
    public long timelineIntervalNs() {
        return timelineIntervalNs;
    }

    // ---------------------------------------------------------------- codes

    /** The code of job {@code name}, assigned on first use; summary rows follow this order. */
    public int jobCode(String name) {
        int c = jobs.code(name);
        while (jobStats.size() <= c) {
            jobStats.add(new JobStats());
        }
        return c;
    }

    /** The code of op {@code name}: {@link #OP_READ}, {@link #OP_WRITE}, {@link #OP_FSYNC} or a new one. */
    public int opCode(String name) {
        return ops.code(name);
    }

    /** The code of I/O engine {@code name} ({@code libaio}, {@code sync}, ...). */
    public int engineCode(String name) {
        return engines.code(name);
    }

    // ---------------------------------------------------------------- I/O records (workload layer)

    /** An I/O entered the kernel ({@code io_submit} or the system call). Counts it as in flight. */
    public void ioSubmitted(int job, int task, int op, int engine, long offset, int bytes, long submitNs) {
        checkJob(job);
        submitted++;
        jobStats.get(job).submitted++;
    }

    /**
     * An I/O finished: its full record. Called by the workload layer when the application sees the
     * completion ({@code io_getevents} returned it, or the system call returned). The record is the
     * caller's; its values are copied.
     */
    public void ioCompleted(IoRecord io) {
        int job = io.job;
        checkJob(job);
        if (io.op < 0 || io.op >= ops.size() || io.engine < 0 || io.engine >= engines.size()) {
            throw new IllegalArgumentException("unknown op " + io.op + " or engine " + io.engine
                    + "; register names with opCode/engineCode first");
        }
        if ((io.retries | io.kicks | io.wakeups | io.spurious | io.lostWakeups | io.cacheHits | io.cacheMisses) < 0
                || io.slatNs < 0 || io.workerWaitNs < 0) {
            throw new IllegalArgumentException("I/O counts and times must be >= 0");
        }
        long latency = io.completeNs - io.submitNs;
        if (latency < 0) {
            throw new IllegalArgumentException("I/O completes at " + io.completeNs + " ns before its submission at "
                    + io.submitNs + " ns");
        }
        completed++;
        jobStats.get(job).add(io, latency);
        if (mode == Mode.FULL) {
            ioJob.add((short) job);
            ioTask.add(io.task);
            ioOp.add((byte) io.op);
            ioEngine.add((byte) io.engine);
            ioOffset.add(io.offset);
            ioBytes.add(io.bytes);
            ioSubmit.add(io.submitNs);
            ioComplete.add(io.completeNs);
            ioSlat.add(io.slatNs);
            ioRetries.add(io.retries);
            ioKicks.add(io.kicks);
            ioWakeups.add(io.wakeups);
            ioSpurious.add(io.spurious);
            ioLost.add(io.lostWakeups);
            ioWorkerWait.add(io.workerWaitNs);
            ioHits.add(io.cacheHits);
            ioMisses.add(io.cacheMisses);
            ioResult.add((int) io.result);
        }
    }

    private void checkJob(int job) {
        if (job < 0 || job >= jobStats.size()) {
            throw new IllegalArgumentException("unknown job code " + job + "; register jobs with jobCode first");
        }
    }

    /** I/Os submitted and not yet completed. */
    public long inFlight() {
        return submitted - completed;
    }

    /** I/Os completed so far. */
    public long completedIos() {
        return completed;
    }

    // ---------------------------------------------------------------- timeline (run loop)

    /**
     * One timeline sample; the run loop calls this every {@link #timelineIntervalNs()} of simulated
     * time. {@code cpuBusy} is the fraction of the interval the CPUs were busy (0..1, averaged over CPUs).
     */
    public void sample(long timeNs, int inFlight, int diskQueueDepth, double cpuBusy, long cachePages,
            long dirtyPages) {
        if (tlTime.size() > 0 && timeNs < tlTime.get(tlTime.size() - 1)) {
            throw new IllegalArgumentException("timeline sample at " + timeNs + " ns goes back in time");
        }
        tlTime.add(timeNs);
        tlInFlight.add(inFlight);
        tlQueueDepth.add(diskQueueDepth);
        tlCpuBusy.add(cpuBusy);
        tlCachePages.add(cachePages);
        tlDirtyPages.add(dirtyPages);
    }

    // ---------------------------------------------------------------- Probe (kernel)

    @Override
    public void wakeCall(WakeRecord w) {
        wakeCalls++;
        visitedSum += w.visited;
        visitedMax = Math.max(visitedMax, w.visited);
        wokenSum += w.woken;
        wokenMax = Math.max(wokenMax, w.woken);
        filteredSum += w.filtered;
        wakeCpuNs += w.cpuNs;
        boolean exclusiveStop = w.stop == WalkStop.EXCLUSIVE_DONE;
        if (exclusiveStop) {
            exclusiveStops++;
        }
        double expected = w.expectedQueueWaiters();
        if (!Double.isNaN(expected)) {
            tableWakes++;
            tableWakeWaiters += w.queueWaiters;
            tableWakeExpected += expected;
            tableWakeKicks += w.kicked;
        }
        if (mode == Mode.FULL) {
            wkTime.add(w.timeNs);
            wkQueue.add(w.queueId);
            wkKeyWord.add(w.keyWord);
            wkKeyBit.add(w.keyBit);
            wkVisited.add(w.visited);
            wkWoken.add(w.woken);
            wkKicked.add(w.kicked);
            wkFiltered.add(w.filtered);
            wkExclusiveStop.add(exclusiveStop ? (byte) 1 : (byte) 0);
            wkCpu.add(w.cpuNs);
            wkQueueWaiters.add(w.queueWaiters);
            wkKeyWaiters.add(w.keyWaiters);
            wkTableWaiters.add(w.tableWaiters);
            wkTableBuckets.add(w.tableBuckets);
        }
    }

    @Override
    public void lockContention(long timeNs, int queueId, long waitNs) {
        lockContentions++;
        lockWaitNs += waitNs;
    }

    @Override
    public void taskSleep(long timeNs, int taskId, int queueId) {
        taskSleeps++;
    }

    @Override
    public void taskWakeup(long timeNs, int taskId) {
        taskWakeups++;
    }

    @Override
    public void fault(Fault fault) {
        if ("HANG".equals(fault.kind())) {
            hangFaultCount++;
        } else {
            faultCount++;
        }
        if (mode == Mode.FULL || faults.size() < AGGREGATE_MODE_FAULT_LIMIT) {
            faults.add(fault);
        }
    }

    @Override
    public void aioSubmit(long timeNs, int ctxId, long iocbId, int taskId) {
        aioSubmits++;
    }

    @Override
    public void aioRetry(long timeNs, int ctxId, long iocbId, RetryReason reason, boolean progressed,
            boolean waitedAgain) {
        if (reason == RetryReason.FIRST) {
            return;   // a retry is a run after the first
        }
        aioRetries++;
        if (!progressed && waitedAgain) {
            aioRetriesNoProgress++;
        }
        int r = retryReasons.code(reason.name());
        if (r == retriesByReason.length) {
            retriesByReason = java.util.Arrays.copyOf(retriesByReason, r * 2);
        }
        retriesByReason[r]++;
    }

    @Override
    public void aioKick(long timeNs, int ctxId, long iocbId, boolean queued) {
        aioKicks++;
    }

    @Override
    public void aioLostWakeup(long timeNs, int ctxId, long iocbId) {
        lostWakeups++;
    }

    @Override
    public void aioComplete(long timeNs, int ctxId, long iocbId, long res) {
        aioCompletes++;
    }

    @Override
    public void aioReap(long timeNs, int ctxId, int taskId, int nr) {
        aioReaped += nr;
    }

    // ---------------------------------------------------------------- tables

    /**
     * One row per completed I/O, in completion order. Times in microseconds.
     *
     * @throws IllegalStateException in {@link Mode#AGGREGATES_ONLY}, where rows are not kept
     */
    public Table ios() {
        requireRows("ios()");
        int n = ioJob.size();
        String[] job = new String[n];
        String[] op = new String[n];
        String[] engine = new String[n];
        int[] task = new int[n];
        long[] offset = new long[n];
        int[] bytes = new int[n];
        double[] submit = new double[n];
        double[] complete = new double[n];
        double[] latency = new double[n];
        double[] slat = new double[n];
        int[] retries = new int[n];
        int[] kicks = new int[n];
        int[] wakeups = new int[n];
        int[] spurious = new int[n];
        int[] lost = new int[n];
        double[] workerWait = new double[n];
        int[] hits = new int[n];
        int[] misses = new int[n];
        int[] result = new int[n];
        for (int i = 0; i < n; i++) {
            job[i] = jobs.name(ioJob.get(i));
            op[i] = ops.name(ioOp.get(i));
            engine[i] = engines.name(ioEngine.get(i));
            task[i] = ioTask.get(i);
            offset[i] = ioOffset.get(i);
            bytes[i] = ioBytes.get(i);
            long s = ioSubmit.get(i);
            long c = ioComplete.get(i);
            submit[i] = s / 1e3;
            complete[i] = c / 1e3;
            latency[i] = (c - s) / 1e3;
            slat[i] = ioSlat.get(i) / 1e3;
            retries[i] = ioRetries.get(i);
            kicks[i] = ioKicks.get(i);
            wakeups[i] = ioWakeups.get(i);
            spurious[i] = ioSpurious.get(i);
            lost[i] = ioLost.get(i);
            workerWait[i] = ioWorkerWait.get(i) / 1e3;
            hits[i] = ioHits.get(i);
            misses[i] = ioMisses.get(i);
            result[i] = ioResult.get(i);
        }
        return Figures.readable(Table.create("ios",
                StringColumn.create("job", job), IntColumn.create("task", task), StringColumn.create("op", op),
                StringColumn.create("engine", engine), LongColumn.create("offset", offset),
                IntColumn.create("bytes", bytes), DoubleColumn.create("submit_us", submit),
                DoubleColumn.create("complete_us", complete), DoubleColumn.create("latency_us", latency),
                DoubleColumn.create("slat_us", slat),
                IntColumn.create("retries", retries), IntColumn.create("kicks", kicks),
                IntColumn.create("wakeups", wakeups), IntColumn.create("spurious_wakeups", spurious),
                IntColumn.create("lost_wakeups", lost), DoubleColumn.create("worker_wait_us", workerWait),
                IntColumn.create("cache_hits", hits), IntColumn.create("cache_misses", misses),
                IntColumn.create("result", result)));
    }

    /**
     * One row per wake call ({@code __wake_up_common}), in call order. {@code key} is the key's word
     * address and bit ({@code 0xffff810001234560:0}), or empty for a wake without a key.
     * {@code queue_waiters} are the entries on the queue when the walk began, {@code key_waiters} those
     * of them waiting for the key; for a bucket of a hashed wait table, {@code table_waiters} and
     * {@code table_buckets} describe the whole table and {@code expected_waiters} is the balls-in-bins
     * expectation of {@code queue_waiters} ({@code k + (N - k) / B}); they are missing elsewhere.
     *
     * @throws IllegalStateException in {@link Mode#AGGREGATES_ONLY}, where rows are not kept
     */
    public Table wakeups() {
        requireRows("wakeups()");
        int n = wkTime.size();
        DoubleColumn time = DoubleColumn.create("time_us");
        IntColumn queue = IntColumn.create("queue");
        StringColumn key = StringColumn.create("key");
        IntColumn visited = IntColumn.create("visited");
        IntColumn woken = IntColumn.create("woken");
        IntColumn kicked = IntColumn.create("kicked");
        IntColumn filtered = IntColumn.create("filtered");
        BooleanColumn exclusive = BooleanColumn.create("exclusive_stop");
        DoubleColumn cpu = DoubleColumn.create("cpu_us");
        IntColumn queueWaiters = IntColumn.create("queue_waiters");
        IntColumn keyWaiters = IntColumn.create("key_waiters");
        IntColumn tableWaiters = IntColumn.create("table_waiters");
        IntColumn tableBuckets = IntColumn.create("table_buckets");
        DoubleColumn expected = DoubleColumn.create("expected_waiters");
        for (int i = 0; i < n; i++) {
            time.append(wkTime.get(i) / 1e3);
            queue.append(wkQueue.get(i));
            int bit = wkKeyBit.get(i);
            key.append(bit < 0 ? "" : String.format("%#x:%d", wkKeyWord.get(i), bit));
            visited.append(wkVisited.get(i));
            woken.append(wkWoken.get(i));
            kicked.append(wkKicked.get(i));
            filtered.append(wkFiltered.get(i));
            exclusive.append(wkExclusiveStop.get(i) != 0);
            cpu.append(wkCpu.get(i) / 1e3);
            queueWaiters.append(wkQueueWaiters.get(i));
            int k = wkKeyWaiters.get(i);
            int tw = wkTableWaiters.get(i);
            int tb = wkTableBuckets.get(i);
            appendCount(keyWaiters, k);
            appendCount(tableWaiters, tw);
            appendCount(tableBuckets, tb);
            double e = WakeRecord.expectedQueueWaiters(k, tw, tb);
            if (Double.isNaN(e)) {
                expected.appendMissing();
            } else {
                expected.append(e);
            }
        }
        return Figures.readable(Table.create("wakeups", time, queue, key, visited, woken, kicked, filtered,
                exclusive, cpu, queueWaiters, keyWaiters, tableWaiters, tableBuckets, expected));
    }

    private static void appendCount(IntColumn c, int v) {
        if (v < 0) {
            c.appendMissing();
        } else {
            c.append(v);
        }
    }

    /** The timeline samples, one row per interval. Kept in both modes. */
    public Table timeline() {
        int n = tlTime.size();
        double[] time = new double[n];
        int[] inFlight = new int[n];
        int[] qd = new int[n];
        double[] cpu = new double[n];
        long[] cache = new long[n];
        long[] dirty = new long[n];
        for (int i = 0; i < n; i++) {
            time[i] = tlTime.get(i) / 1e3;
            inFlight[i] = tlInFlight.get(i);
            qd[i] = tlQueueDepth.get(i);
            cpu[i] = tlCpuBusy.get(i);
            cache[i] = tlCachePages.get(i);
            dirty[i] = tlDirtyPages.get(i);
        }
        return Figures.readable(Table.create("timeline",
                DoubleColumn.create("time_us", time), IntColumn.create("in_flight", inFlight),
                IntColumn.create("disk_queue_depth", qd), DoubleColumn.create("cpu_busy", cpu),
                LongColumn.create("cache_pages", cache), LongColumn.create("dirty_pages", dirty)));
    }

    /**
     * The fault records ({@link Fault}), hangs included. In aggregates-only mode the first
     * {@value #AGGREGATE_MODE_FAULT_LIMIT} are kept; {@link #summary} counts all of them.
     */
    public Table faults() {
        return faultTable("faults", faults);
    }

    /** The fault records as objects. */
    public List<Fault> faultList() {
        return Collections.unmodifiableList(faults);
    }

    /** Builds the Tablesaw table of {@code list}: time_us, kind, task, kiocb, function, explanation, wait_chain. */
    public static Table faultTable(String name, List<Fault> list) {
        DoubleColumn time = DoubleColumn.create("time_us");
        StringColumn kind = StringColumn.create("kind");
        StringColumn task = StringColumn.create("task");
        StringColumn kiocb = StringColumn.create("kiocb");
        StringColumn function = StringColumn.create("function");
        StringColumn explanation = StringColumn.create("explanation");
        StringColumn chain = StringColumn.create("wait_chain");
        for (Fault f : list) {
            time.append(f.timeNs() / 1e3);
            kind.append(f.kind());
            task.append(f.task());
            kiocb.append(f.kiocb());
            function.append(f.function());
            explanation.append(f.explanation());
            chain.append(f.waitChain());
        }
        return Figures.readable(Table.create(name, time, kind, task, kiocb, function, explanation, chain));
    }

    /** Counters of the kernel's tracepoints, by name, for reports and tests. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("ios_submitted", submitted);
        m.put("ios_completed", completed);
        m.put("wake_calls", wakeCalls);
        m.put("wake_visited", visitedSum);
        m.put("wake_woken", wokenSum);
        m.put("wake_filtered", filteredSum);
        m.put("wake_exclusive_stops", exclusiveStops);
        m.put("wake_cpu_ns", wakeCpuNs);
        m.put("lock_contentions", lockContentions);
        m.put("lock_wait_ns", lockWaitNs);
        m.put("task_sleeps", taskSleeps);
        m.put("task_wakeups", taskWakeups);
        m.put("aio_submits", aioSubmits);
        m.put("aio_retries", aioRetries);
        m.put("aio_retries_no_progress", aioRetriesNoProgress);
        m.put("aio_kicks", aioKicks);
        m.put("aio_lost_wakeups", lostWakeups);
        m.put("aio_completes", aioCompletes);
        m.put("aio_reaped", aioReaped);
        m.put("faults", faultCount);
        m.put("hang_faults", hangFaultCount);
        for (int r = 0; r < retryReasons.size(); r++) {
            m.put("aio_retries." + retryReasons.name(r), retriesByReason[r]);
        }
        return m;
    }

    private void requireRows(String table) {
        if (mode != Mode.FULL) {
            throw new IllegalStateException(table + " was not kept: this run recorded aggregates only "
                    + "(Recorder.Mode.AGGREGATES_ONLY); summary(), timeline() and faults() are available. "
                    + "Record with Recorder.Mode.FULL to keep one row per I/O and per wake call.");
        }
    }

    // ---------------------------------------------------------------- summary

    /** Column names of {@link #summary}, in order. */
    public static final List<String> SUMMARY_COLUMNS = List.of("job", "ios", "aio_ios", "iops", "mb_per_s",
            "lat_mean_us", "lat_p50_us", "lat_p90_us", "lat_p99_us", "lat_p999_us", "lat_max_us", "slat_mean_us",
            "slat_p99_us", "retries_per_aio_io", "retries_max", "spurious_retries", "kicks_per_aio_io",
            "lost_wakeups", "worker_wait_mean_us", "wake_calls", "visited_mean", "visited_max", "woken_mean",
            "woken_max", "bucket_waiters_mean", "bucket_waiters_expected", "kicks_per_wake", "cpu_task_ms",
            "cpu_irq_ms", "cpu_aio_worker_ms", "cpu_kthread_ms", "disk_util", "cache_hit_ratio", "faults", "hangs");

    /**
     * The columns of the narrow view of the summary ({@link #summaryView}): throughput, latency, retries and
     * fan-out, faults. A selection by name, so columns added to {@link #SUMMARY_COLUMNS} leave it as it is.
     */
    public static final List<String> SUMMARY_VIEW = List.of("job", "ios", "iops", "lat_mean_us", "lat_p99_us",
            "retries_per_aio_io", "spurious_retries", "lost_wakeups", "faults", "hangs");

    /** The {@link #SUMMARY_VIEW} columns of a full summary table, in that order; other columns are left out. */
    public static Table summaryView(Table summary) {
        return summary.selectColumns(SUMMARY_VIEW.stream().filter(summary::containsColumn).toArray(String[]::new));
    }

    /**
     * One row per job, in order of first use, plus a {@code total} row. Latency percentiles come from
     * HdrHistogram (3 significant digits: the reported value is the top of the bucket holding the
     * sample of rank max(1, round(p*n)), at most 2^-10 of the value above it); the mean and the
     * maximum are exact. IOPS and MB/s (10^6 bytes) use, per job, the span from its first submission
     * to its last completion, and for the total row the run's duration from {@code totals} (or the
     * overall span when that is 0).
     *
     * <p>Per AIO I/O ({@code aio_ios}, the I/Os that went through {@code io_submit}):
     * {@code slat_*} (fio's submission latency: until {@code io_submit} returned), retries, kicks and
     * the time a kicked kiocb waited for a task to run its retry ({@code worker_wait_mean_us}: at least
     * the {@code aio_queue_work} delay of 1 jiffy, or HZ/10 with nobody in {@code io_getevents}).
     * {@code spurious_retries} sums the I/Os' spurious wakeups; {@code lost_wakeups} counts exclusive
     * wakeups a kiocb took and made no progress on (on job rows, those of the job's completed I/Os;
     * on the total row, all of the run's, completed or not).
     *
     * <p>Run-level columns are filled on the total row only, since wake calls and CPU are not owned by
     * one job. {@code bucket_waiters_mean} is the mean number of entries on a hashed wait-table bucket
     * when a keyed wake with a waiter walked it, {@code bucket_waiters_expected} the balls-in-bins
     * expectation for the same wakes ({@code k + (N - k) / B} for the key's k waiters among the
     * table's N on B buckets), and {@code kicks_per_wake} the kiocbs those wakes kicked, per wake.
     */
    public Table summary(RunTotals totals) {
        StringColumn job = StringColumn.create("job");
        LongColumn ios = LongColumn.create("ios");
        LongColumn aioIos = LongColumn.create("aio_ios");
        DoubleColumn iops = DoubleColumn.create("iops");
        DoubleColumn mbps = DoubleColumn.create("mb_per_s");
        DoubleColumn latMean = DoubleColumn.create("lat_mean_us");
        DoubleColumn p50 = DoubleColumn.create("lat_p50_us");
        DoubleColumn p90 = DoubleColumn.create("lat_p90_us");
        DoubleColumn p99 = DoubleColumn.create("lat_p99_us");
        DoubleColumn p999 = DoubleColumn.create("lat_p999_us");
        DoubleColumn latMax = DoubleColumn.create("lat_max_us");
        DoubleColumn slatMean = DoubleColumn.create("slat_mean_us");
        DoubleColumn slatP99 = DoubleColumn.create("slat_p99_us");
        DoubleColumn retriesPerAio = DoubleColumn.create("retries_per_aio_io");
        LongColumn retriesMax = LongColumn.create("retries_max");
        LongColumn spurious = LongColumn.create("spurious_retries");
        DoubleColumn kicksPerAio = DoubleColumn.create("kicks_per_aio_io");
        LongColumn lost = LongColumn.create("lost_wakeups");
        DoubleColumn workerWait = DoubleColumn.create("worker_wait_mean_us");
        LongColumn wakes = LongColumn.create("wake_calls");
        DoubleColumn visitedMean = DoubleColumn.create("visited_mean");
        LongColumn visitedMx = LongColumn.create("visited_max");
        DoubleColumn wokenMean = DoubleColumn.create("woken_mean");
        LongColumn wokenMx = LongColumn.create("woken_max");
        DoubleColumn bucketMean = DoubleColumn.create("bucket_waiters_mean");
        DoubleColumn bucketExpected = DoubleColumn.create("bucket_waiters_expected");
        DoubleColumn kicksPerWake = DoubleColumn.create("kicks_per_wake");
        DoubleColumn cpuTask = DoubleColumn.create("cpu_task_ms");
        DoubleColumn cpuIrq = DoubleColumn.create("cpu_irq_ms");
        DoubleColumn cpuAio = DoubleColumn.create("cpu_aio_worker_ms");
        DoubleColumn cpuKthread = DoubleColumn.create("cpu_kthread_ms");
        DoubleColumn diskUtil = DoubleColumn.create("disk_util");
        DoubleColumn hitRatio = DoubleColumn.create("cache_hit_ratio");
        LongColumn faultsCol = LongColumn.create("faults");
        LongColumn hangs = LongColumn.create("hangs");

        JobStats total = new JobStats();
        List<JobStats> rows = new ArrayList<>(jobStats);
        for (JobStats s : jobStats) {
            total.merge(s);
        }
        rows.add(total);
        for (int r = 0; r < rows.size(); r++) {
            JobStats s = rows.get(r);
            boolean isTotal = r == rows.size() - 1;
            job.append(isTotal ? "total" : jobs.name(r));
            ios.append(s.ios);
            aioIos.append(s.aioIos);
            long spanNs = s.ios == 0 ? 0 : s.lastComplete - s.firstSubmit;
            if (isTotal && totals.durationNs() > 0) {
                spanNs = totals.durationNs();
            }
            double secs = spanNs / 1e9;
            iops.append(secs > 0 ? s.ios / secs : Double.NaN);
            mbps.append(secs > 0 ? s.bytes / 1e6 / secs : Double.NaN);
            latMean.append(s.ios > 0 ? s.latSumNs / 1e3 / s.ios : Double.NaN);
            p50.append(s.percentileUs(50));
            p90.append(s.percentileUs(90));
            p99.append(s.percentileUs(99));
            p999.append(s.percentileUs(99.9));
            latMax.append(s.ios > 0 ? s.latMaxNs / 1e3 : Double.NaN);
            slatMean.append(perAioIo(s.slatSumNs / 1e3, s));
            slatP99.append(s.aioIos == 0 ? Double.NaN : s.slat.getValueAtPercentile(99) / 1e3);
            retriesPerAio.append(perAioIo(s.retriesSum, s));
            retriesMax.append(s.retriesMax);
            spurious.append(s.spuriousSum);
            kicksPerAio.append(perAioIo(s.kicksSum, s));
            lost.append(isTotal ? lostWakeups : s.lostSum);
            workerWait.append(perAioIo(s.workerWaitSumNs / 1e3, s));
            long hm = s.cacheHits + s.cacheMisses;
            hitRatio.append(hm > 0 ? (double) s.cacheHits / hm : Double.NaN);
            if (isTotal) {
                wakes.append(wakeCalls);
                visitedMean.append(wakeCalls > 0 ? (double) visitedSum / wakeCalls : Double.NaN);
                visitedMx.append(visitedMax);
                wokenMean.append(wakeCalls > 0 ? (double) wokenSum / wakeCalls : Double.NaN);
                wokenMx.append(wokenMax);
                bucketMean.append(tableWakes > 0 ? (double) tableWakeWaiters / tableWakes : Double.NaN);
                bucketExpected.append(tableWakes > 0 ? tableWakeExpected / tableWakes : Double.NaN);
                kicksPerWake.append(tableWakes > 0 ? (double) tableWakeKicks / tableWakes : Double.NaN);
                cpuTask.append(totals.cpuTaskNs() / 1e6);
                cpuIrq.append(totals.cpuIrqNs() / 1e6);
                cpuAio.append(totals.cpuAioWorkerNs() / 1e6);
                cpuKthread.append(totals.cpuKthreadNs() / 1e6);
                diskUtil.append(totals.durationNs() > 0 ? (double) totals.diskBusyNs() / totals.durationNs()
                        : Double.NaN);
                faultsCol.append(faultCount);
                hangs.append(totals.hangs());
            } else {
                for (tech.tablesaw.api.NumericColumn<?> c : List.<tech.tablesaw.api.NumericColumn<?>>of(wakes,
                        visitedMean, visitedMx, wokenMean, wokenMx, bucketMean, bucketExpected, kicksPerWake,
                        cpuTask, cpuIrq, cpuAio, cpuKthread, diskUtil, faultsCol, hangs)) {
                    c.appendMissing();
                }
            }
        }
        return Figures.readable(Table.create("summary", job, ios, aioIos, iops, mbps, latMean, p50, p90, p99, p999,
                latMax, slatMean, slatP99, retriesPerAio, retriesMax, spurious, kicksPerAio, lost, workerWait, wakes,
                visitedMean, visitedMx, wokenMean, wokenMx, bucketMean, bucketExpected, kicksPerWake, cpuTask, cpuIrq,
                cpuAio, cpuKthread, diskUtil, hitRatio, faultsCol, hangs));
    }

    private static double perAioIo(double sum, JobStats s) {
        return s.aioIos > 0 ? sum / s.aioIos : Double.NaN;
    }

    /** The latency histogram of job {@code name} (ns, 3 significant digits), a copy. */
    public Histogram latencyHistogram(String name) {
        Integer found = null;
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.name(i).equals(name)) {
                found = i;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("no job '" + name + "'; jobs: " + jobs.names());
        }
        return jobStats.get(found).latency.copy();
    }

    /** The latency histogram of all jobs together (ns, 3 significant digits), a new copy. */
    public Histogram latencyHistogram() {
        Histogram h = new Histogram(3);
        for (JobStats s : jobStats) {
            h.add(s.latency);
        }
        return h;
    }

    /** Exact per-job aggregates; merged into the total row. */
    private static final class JobStats {
        final Histogram latency = new Histogram(3);
        final Histogram slat = new Histogram(3);
        long submitted;
        long ios;
        long aioIos;
        long bytes;
        long latSumNs;
        long latMaxNs;
        long slatSumNs;
        long retriesSum;
        long retriesMax;
        long spuriousSum;
        long kicksSum;
        long lostSum;
        long workerWaitSumNs;
        long cacheHits;
        long cacheMisses;
        long firstSubmit = Long.MAX_VALUE;
        long lastComplete = Long.MIN_VALUE;

        void add(IoRecord io, long latencyNs) {
            latency.recordValue(latencyNs);
            ios++;
            if (io.aio) {
                aioIos++;
                slat.recordValue(io.slatNs);
                slatSumNs += io.slatNs;
            }
            bytes += io.bytes;
            latSumNs += latencyNs;
            latMaxNs = Math.max(latMaxNs, latencyNs);
            retriesSum += io.retries;
            retriesMax = Math.max(retriesMax, io.retries);
            spuriousSum += io.spurious;
            kicksSum += io.kicks;
            lostSum += io.lostWakeups;
            workerWaitSumNs += io.workerWaitNs;
            cacheHits += io.cacheHits;
            cacheMisses += io.cacheMisses;
            firstSubmit = Math.min(firstSubmit, io.submitNs);
            lastComplete = Math.max(lastComplete, io.completeNs);
        }

        void merge(JobStats o) {
            latency.add(o.latency);
            slat.add(o.slat);
            submitted += o.submitted;
            ios += o.ios;
            aioIos += o.aioIos;
            bytes += o.bytes;
            latSumNs += o.latSumNs;
            latMaxNs = Math.max(latMaxNs, o.latMaxNs);
            slatSumNs += o.slatSumNs;
            retriesSum += o.retriesSum;
            retriesMax = Math.max(retriesMax, o.retriesMax);
            spuriousSum += o.spuriousSum;
            kicksSum += o.kicksSum;
            lostSum += o.lostSum;
            workerWaitSumNs += o.workerWaitSumNs;
            cacheHits += o.cacheHits;
            cacheMisses += o.cacheMisses;
            firstSubmit = Math.min(firstSubmit, o.firstSubmit);
            lastComplete = Math.max(lastComplete, o.lastComplete);
        }

        double percentileUs(double p) {
            return ios == 0 ? Double.NaN : latency.getValueAtPercentile(p) / 1e3;
        }
    }
}
