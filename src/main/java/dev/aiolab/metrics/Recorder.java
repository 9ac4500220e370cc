package dev.aiolab.metrics;

import dev.aiolab.kernel.trace.Fault;
import dev.aiolab.kernel.trace.Probe;
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
     * completion ({@code io_getevents} returned it, or the system call returned).
     *
     * @param retries runs of the kiocb's retry method after its first
     * @param kicks times the kiocb was kicked ({@code kick_iocb})
     * @param wakeupsReceived wakeups delivered to the I/O's wait entry
     * @param spuriousWakeups wakeups after which the I/O made no progress and waited again
     * @param result bytes transferred, or a negative errno
     */
    public void ioCompleted(int job, int task, int op, int engine, long offset, int bytes, long submitNs,
            long completeNs, int retries, int kicks, int wakeupsReceived, int spuriousWakeups, int cacheHits,
            int cacheMisses, int result) {
        checkJob(job);
        if (op < 0 || op >= ops.size() || engine < 0 || engine >= engines.size()) {
            throw new IllegalArgumentException("unknown op " + op + " or engine " + engine
                    + "; register names with opCode/engineCode first");
        }
        if ((retries | kicks | wakeupsReceived | spuriousWakeups | cacheHits | cacheMisses) < 0) {
            throw new IllegalArgumentException("I/O counts must be >= 0");
        }
        completed++;
        long latency = completeNs - submitNs;
        if (latency < 0) {
            throw new IllegalArgumentException("I/O completes at " + completeNs + " ns before its submission at "
                    + submitNs + " ns");
        }
        jobStats.get(job).add(submitNs, completeNs, latency, bytes, retries, kicks, spuriousWakeups, cacheHits,
                cacheMisses);
        if (mode == Mode.FULL) {
            ioJob.add((short) job);
            ioTask.add(task);
            ioOp.add((byte) op);
            ioEngine.add((byte) engine);
            ioOffset.add(offset);
            ioBytes.add(bytes);
            ioSubmit.add(submitNs);
            ioComplete.add(completeNs);
            ioRetries.add(retries);
            ioKicks.add(kicks);
            ioWakeups.add(wakeupsReceived);
            ioSpurious.add(spuriousWakeups);
            ioHits.add(cacheHits);
            ioMisses.add(cacheMisses);
            ioResult.add(result);
        }
    }

    /** Convenience overload by names; looks the codes up in the dictionaries. */
    public void ioCompleted(String job, int task, String op, String engine, long offset, int bytes, long submitNs,
            long completeNs, int retries, int kicks, int wakeupsReceived, int spuriousWakeups, int cacheHits,
            int cacheMisses, int result) {
        ioCompleted(jobCode(job), task, opCode(op), engineCode(engine), offset, bytes, submitNs, completeNs, retries,
                kicks, wakeupsReceived, spuriousWakeups, cacheHits, cacheMisses, result);
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
    public void wakeCall(long timeNs, int queueId, long keyWord, int keyBit, int visited, int woken, int filtered,
            WalkStop stop, long cpuNs) {
        wakeCalls++;
        visitedSum += visited;
        visitedMax = Math.max(visitedMax, visited);
        wokenSum += woken;
        wokenMax = Math.max(wokenMax, woken);
        filteredSum += filtered;
        wakeCpuNs += cpuNs;
        boolean exclusiveStop = stop == WalkStop.EXCLUSIVE_DONE;
        if (exclusiveStop) {
            exclusiveStops++;
        }
        if (mode == Mode.FULL) {
            wkTime.add(timeNs);
            wkQueue.add(queueId);
            wkKeyWord.add(keyWord);
            wkKeyBit.add(keyBit);
            wkVisited.add(visited);
            wkWoken.add(woken);
            wkFiltered.add(filtered);
            wkExclusiveStop.add(exclusiveStop ? (byte) 1 : (byte) 0);
            wkCpu.add(cpuNs);
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
        int[] retries = new int[n];
        int[] kicks = new int[n];
        int[] wakeups = new int[n];
        int[] spurious = new int[n];
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
            retries[i] = ioRetries.get(i);
            kicks[i] = ioKicks.get(i);
            wakeups[i] = ioWakeups.get(i);
            spurious[i] = ioSpurious.get(i);
            hits[i] = ioHits.get(i);
            misses[i] = ioMisses.get(i);
            result[i] = ioResult.get(i);
        }
        return Figures.readable(Table.create("ios",
                StringColumn.create("job", job), IntColumn.create("task", task), StringColumn.create("op", op),
                StringColumn.create("engine", engine), LongColumn.create("offset", offset),
                IntColumn.create("bytes", bytes), DoubleColumn.create("submit_us", submit),
                DoubleColumn.create("complete_us", complete), DoubleColumn.create("latency_us", latency),
                IntColumn.create("retries", retries), IntColumn.create("kicks", kicks),
                IntColumn.create("wakeups", wakeups), IntColumn.create("spurious_wakeups", spurious),
                IntColumn.create("cache_hits", hits), IntColumn.create("cache_misses", misses),
                IntColumn.create("result", result)));
    }

    /**
     * One row per wake call ({@code __wake_up_common}), in call order. {@code key} is
     * {@code word:bit}, or empty for a wake without a key.
     *
     * @throws IllegalStateException in {@link Mode#AGGREGATES_ONLY}, where rows are not kept
     */
    public Table wakeups() {
        requireRows("wakeups()");
        int n = wkTime.size();
        double[] time = new double[n];
        int[] queue = new int[n];
        String[] key = new String[n];
        int[] visited = new int[n];
        int[] woken = new int[n];
        int[] filtered = new int[n];
        boolean[] exclusive = new boolean[n];
        double[] cpu = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = wkTime.get(i) / 1e3;
            queue[i] = wkQueue.get(i);
            long w = wkKeyWord.get(i);
            key[i] = w < 0 ? "" : w + ":" + wkKeyBit.get(i);
            visited[i] = wkVisited.get(i);
            woken[i] = wkWoken.get(i);
            filtered[i] = wkFiltered.get(i);
            exclusive[i] = wkExclusiveStop.get(i) != 0;
            cpu[i] = wkCpu.get(i) / 1e3;
        }
        return Figures.readable(Table.create("wakeups",
                DoubleColumn.create("time_us", time), IntColumn.create("queue", queue),
                StringColumn.create("key", key), IntColumn.create("visited", visited),
                IntColumn.create("woken", woken), IntColumn.create("filtered", filtered),
                BooleanColumn.create("exclusive_stop", exclusive), DoubleColumn.create("cpu_us", cpu)));
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
    public static final List<String> SUMMARY_COLUMNS = List.of("job", "ios", "iops", "mb_per_s", "lat_mean_us",
            "lat_p50_us", "lat_p90_us", "lat_p99_us", "lat_p999_us", "lat_max_us", "retries_mean", "retries_max",
            "spurious_retries", "kicks_mean", "wake_calls", "visited_mean", "visited_max", "woken_mean",
            "woken_max", "cpu_task_ms", "cpu_irq_ms", "cpu_aio_worker_ms", "cpu_kthread_ms", "disk_util",
            "cache_hit_ratio", "faults", "hangs");

    /**
     * The columns of the narrow view of the summary ({@link #summaryView}): throughput, latency, retries and
     * fan-out, faults. A selection by name, so columns added to {@link #SUMMARY_COLUMNS} leave it as it is.
     */
    public static final List<String> SUMMARY_VIEW = List.of("job", "ios", "iops", "mb_per_s", "lat_mean_us",
            "lat_p99_us", "retries_mean", "visited_mean", "faults", "hangs");

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
     * overall span when that is 0). {@code spurious_retries} sums the I/Os' spurious wakeups.
     * Run-level columns (wake_calls .. woken_max, cpu_*, disk_util, faults, hangs) are filled on the
     * total row only and missing on job rows, since wake calls and CPU are not owned by one job.
     */
    public Table summary(RunTotals totals) {
        StringColumn job = StringColumn.create("job");
        LongColumn ios = LongColumn.create("ios");
        DoubleColumn iops = DoubleColumn.create("iops");
        DoubleColumn mbps = DoubleColumn.create("mb_per_s");
        DoubleColumn latMean = DoubleColumn.create("lat_mean_us");
        DoubleColumn p50 = DoubleColumn.create("lat_p50_us");
        DoubleColumn p90 = DoubleColumn.create("lat_p90_us");
        DoubleColumn p99 = DoubleColumn.create("lat_p99_us");
        DoubleColumn p999 = DoubleColumn.create("lat_p999_us");
        DoubleColumn latMax = DoubleColumn.create("lat_max_us");
        DoubleColumn retriesMean = DoubleColumn.create("retries_mean");
        LongColumn retriesMax = LongColumn.create("retries_max");
        LongColumn spurious = LongColumn.create("spurious_retries");
        DoubleColumn kicksMean = DoubleColumn.create("kicks_mean");
        LongColumn wakes = LongColumn.create("wake_calls");
        DoubleColumn visitedMean = DoubleColumn.create("visited_mean");
        LongColumn visitedMx = LongColumn.create("visited_max");
        DoubleColumn wokenMean = DoubleColumn.create("woken_mean");
        LongColumn wokenMx = LongColumn.create("woken_max");
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
            retriesMean.append(s.ios > 0 ? (double) s.retriesSum / s.ios : Double.NaN);
            retriesMax.append(s.retriesMax);
            spurious.append(s.spuriousSum);
            kicksMean.append(s.ios > 0 ? (double) s.kicksSum / s.ios : Double.NaN);
            long hm = s.cacheHits + s.cacheMisses;
            hitRatio.append(hm > 0 ? (double) s.cacheHits / hm : Double.NaN);
            if (isTotal) {
                wakes.append(wakeCalls);
                visitedMean.append(wakeCalls > 0 ? (double) visitedSum / wakeCalls : Double.NaN);
                visitedMx.append(visitedMax);
                wokenMean.append(wakeCalls > 0 ? (double) wokenSum / wakeCalls : Double.NaN);
                wokenMx.append(wokenMax);
                cpuTask.append(totals.cpuTaskNs() / 1e6);
                cpuIrq.append(totals.cpuIrqNs() / 1e6);
                cpuAio.append(totals.cpuAioWorkerNs() / 1e6);
                cpuKthread.append(totals.cpuKthreadNs() / 1e6);
                diskUtil.append(totals.durationNs() > 0 ? (double) totals.diskBusyNs() / totals.durationNs()
                        : Double.NaN);
                faultsCol.append(faultCount);
                hangs.append(totals.hangs());
            } else {
                wakes.appendMissing();
                visitedMean.appendMissing();
                visitedMx.appendMissing();
                wokenMean.appendMissing();
                wokenMx.appendMissing();
                cpuTask.appendMissing();
                cpuIrq.appendMissing();
                cpuAio.appendMissing();
                cpuKthread.appendMissing();
                diskUtil.appendMissing();
                faultsCol.appendMissing();
                hangs.appendMissing();
            }
        }
        return Figures.readable(Table.create("summary", job, ios, iops, mbps, latMean, p50, p90, p99, p999, latMax, retriesMean,
                retriesMax, spurious, kicksMean, wakes, visitedMean, visitedMx, wokenMean, wokenMx, cpuTask,
                cpuIrq, cpuAio, cpuKthread, diskUtil, hitRatio, faultsCol, hangs));
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
        long submitted;
        long ios;
        long bytes;
        long latSumNs;
        long latMaxNs;
        long retriesSum;
        long retriesMax;
        long spuriousSum;
        long kicksSum;
        long cacheHits;
        long cacheMisses;
        long firstSubmit = Long.MAX_VALUE;
        long lastComplete = Long.MIN_VALUE;

        void add(long submitNs, long completeNs, long latencyNs, int nbytes, int retries, int kicks, int spurious,
                int hits, int misses) {
            latency.recordValue(latencyNs);
            ios++;
            bytes += nbytes;
            latSumNs += latencyNs;
            latMaxNs = Math.max(latMaxNs, latencyNs);
            retriesSum += retries;
            retriesMax = Math.max(retriesMax, retries);
            spuriousSum += spurious;
            kicksSum += kicks;
            cacheHits += hits;
            cacheMisses += misses;
            firstSubmit = Math.min(firstSubmit, submitNs);
            lastComplete = Math.max(lastComplete, completeNs);
        }

        void merge(JobStats o) {
            latency.add(o.latency);
            submitted += o.submitted;
            ios += o.ios;
            bytes += o.bytes;
            latSumNs += o.latSumNs;
            latMaxNs = Math.max(latMaxNs, o.latMaxNs);
            retriesSum += o.retriesSum;
            retriesMax = Math.max(retriesMax, o.retriesMax);
            spuriousSum += o.spuriousSum;
            kicksSum += o.kicksSum;
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
