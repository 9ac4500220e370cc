package dev.aiolab.lab;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.block.device.Device;
import dev.aiolab.kernel.boot.Kernel;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.fs.Inode;
import dev.aiolab.kernel.sched.Context;
import dev.aiolab.kernel.trace.Fault;
import dev.aiolab.metrics.Recorder;
import dev.aiolab.metrics.RunTotals;
import dev.aiolab.metrics.TimelineSampler;
import dev.aiolab.sim.Event;
import dev.aiolab.sim.RandomStream;
import dev.aiolab.sim.StopReason;
import dev.aiolab.workload.AioDriver;
import dev.aiolab.workload.IoSink;
import dev.aiolab.workload.JobDriver;
import dev.aiolab.workload.JobSpec;
import dev.aiolab.workload.SyncDriver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of jobs on a machine: boots the modelled kernel, starts a task per job clone, runs the
 * simulation until every job is done (or nothing is left to happen, or a limit is reached), and
 * returns the {@link RunResult}. The same machine, jobs and seed give the same result, bit for bit.
 *
 * <pre>{@code
 * RunResult r = Experiment.on(machine).seed(42)
 *     .job(Job.aio("readers").file("data").rw("randread").bs("4k").iodepth(32).ios(10_000))
 *     .run();
 * }</pre>
 */
public final class Experiment {
    static {
        DiskModels.register();
        Sweep.setDefaultRunner(Experiment::runPoint);
    }

    private static final long DEFAULT_TIME_LIMIT_NS = 3_600_000_000_000L;
    private static final long DEFAULT_EVENT_LIMIT = 2_000_000_000L;

    private final Machine machine;
    private final List<Job> jobs = new ArrayList<>();
    private long seed = 1;
    private Recorder.Mode mode = Recorder.Mode.FULL;
    private long timelineIntervalNs = 10_000_000L;
    private long timeLimitNs = DEFAULT_TIME_LIMIT_NS;
    private long eventLimit = DEFAULT_EVENT_LIMIT;
    private String label;
    private ProgressListener progress;

    private Experiment(Machine machine) {
        this.machine = Objects.requireNonNull(machine, "machine");
    }

    /** An experiment on {@code machine}. */
    public static Experiment on(Machine machine) {
        return new Experiment(machine);
    }

    private Experiment copy() {
        Experiment e = new Experiment(machine);
        return e.copyFrom(this);
    }

    private Experiment copyFrom(Experiment o) {
        jobs.addAll(o.jobs);
        seed = o.seed;
        mode = o.mode;
        timelineIntervalNs = o.timelineIntervalNs;
        timeLimitNs = o.timeLimitNs;
        eventLimit = o.eventLimit;
        label = o.label;
        progress = o.progress;
        return this;
    }

    /** The same experiment on another machine. */
    public Experiment withMachine(Machine m) {
        return new Experiment(m).copyFrom(this);
    }

    public Machine machine() {
        return machine;
    }

    public List<Job> jobs() {
        return List.copyOf(jobs);
    }

    public long seed() {
        return seed;
    }

    /** The experiment seed: every random stream of the run derives from it. */
    public Experiment seed(long s) {
        this.seed = s;
        return this;
    }

    public Experiment job(Job job) {
        jobs.add(Objects.requireNonNull(job, "job"));
        return this;
    }

    public Experiment job(Job.Builder job) {
        return job(job.build());
    }

    /** Replaces the jobs. */
    public Experiment jobs(List<Job> js) {
        jobs.clear();
        js.forEach(this::job);
        return this;
    }

    /** Keep only exact aggregates (for runs of tens of millions of I/Os); per-row tables are not kept. */
    public Experiment aggregatesOnly() {
        this.mode = Recorder.Mode.AGGREGATES_ONLY;
        return this;
    }

    /** Keep one row per I/O and per wake call (the default). */
    public Experiment fullRecords() {
        this.mode = Recorder.Mode.FULL;
        return this;
    }

    /** The interval of the timeline samples, e.g. "10ms". */
    public Experiment timelineInterval(String d) {
        this.timelineIntervalNs = Durations.parse("timeline_interval", d);
        if (timelineIntervalNs <= 0) {
            throw new IllegalArgumentException("timeline_interval: '" + d + "' is not accepted; accepted: a "
                    + "duration > 0 such as 1ms or 10ms");
        }
        return this;
    }

    /** The longest simulated time a run may take before it is stopped and reported (default 1 hour). */
    public Experiment timeLimit(String d) {
        this.timeLimitNs = Durations.parse("time_limit", d);
        if (timeLimitNs <= 0) {
            throw new IllegalArgumentException("time_limit: '" + d + "' is not accepted; accepted: a duration > 0");
        }
        return this;
    }

    /** The most events a run may fire before it is stopped and reported (a guard against livelock). */
    public Experiment eventLimit(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("event_limit: " + n + " is not accepted; accepted: > 0");
        }
        this.eventLimit = n;
        return this;
    }

    /** A name for legends and reports. */
    public Experiment label(String l) {
        this.label = l;
        return this;
    }

    /** Receives the fraction done as the run goes. */
    public Experiment progress(ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    /** The manifest this experiment's run will carry. */
    public Map<String, Object> manifest() {
        Map<String, Object> m = RunResult.manifest(machine, jobs, seed);
        Map<String, Object> out = new LinkedHashMap<>(m);
        out.put("records", mode == Recorder.Mode.FULL ? "full" : "aggregates");
        out.put("timeline_interval", Durations.format(timelineIntervalNs));
        if (label != null) {
            out.put("label", label);
        }
        return out;
    }

    /** A run of the same configuration as a manifest describes. */
    public static Experiment fromManifest(Map<String, Object> manifest) {
        return Manifests.experiment(manifest);
    }

    /** A run of the same configuration as a manifest's JSON text describes. */
    public static Experiment fromManifest(String json) {
        return Manifests.experiment(Manifests.parse(json));
    }

    /** A sweep over this experiment's parameters ({@code kernel}, {@code iodepth}, {@code disk}, ...). */
    public Sweep<Experiment> sweep() {
        return Sweep.of(this);
    }

    /** Thrown when the running thread is interrupted; carries what was computed up to then. */
    public static final class RunInterruptedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RunResult partial;

        RunInterruptedException(RunResult partial) {
            super("the run was interrupted at " + partial.totals().durationNs() / 1e6 + " ms of simulated time; "
                    + "partial() holds what was computed", null, false, false);
            this.partial = partial;
        }

        /** The result of the run up to the interrupt. */
        public RunResult partial() {
            return partial;
        }
    }

    /** Runs the experiment. */
    public RunResult run() {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("experiment: no jobs; accepted: one or more .job(...) calls");
        }
        machine.checkJobs(jobs);
        ProgressListener listener = progress != null ? progress : ProgressListener.defaultFor("aiolab run");
        Recorder rec = new Recorder(mode, timelineIntervalNs);
        Device device = machine.disk().createDevice();
        Kernel k = Kernel.builder().cpus(machine.cpus()).memoryBytes(machine.memory()).device(device)
                .config(machine.kernel()).probe(rec).seed(seed).build();
        Map<String, Inode> files = new LinkedHashMap<>();
        machine.files().forEach((name, size) -> files.put(name, k.createFile(name, size)));

        List<JobDriver> drivers = new ArrayList<>();
        int[] finished = {0};
        int taskId = 0;
        for (Job j : jobs) {
            int jobCode = rec.jobCode(j.name());
            boolean aio = j.engine() == Job.Engine.LIBAIO;
            int engine = rec.engineCode((aio ? "libaio" : "sync") + (j.direct() ? "+direct" : ""));
            // the synchronous calls of a syncmix job are its sync engine's I/Os
            int syncEngine = j.syncmix() == 0 ? engine : rec.engineCode("sync" + (j.direct() ? "+direct" : ""));
            Inode inode = files.get(j.file());
            long fileBytes = inode.size();
            IoSink sink = io -> {
                io.engine = io.aio ? engine : syncEngine;
                rec.ioCompleted(io);
            };
            for (int clone = 0; clone < j.numjobs(); clone++) {
                String stream = "job/" + j.name() + "/" + clone;
                RandomStream patternRng = k.sim().random().stream(stream + "/pattern");
                RandomStream mixRng = k.sim().random().stream(stream + "/mix");
                RandomStream arrivalRng = k.sim().random().stream(stream + "/arrivals");
                JobSpec spec = spec(j, jobCode, fileBytes);
                int flags = (j.direct() ? File.O_DIRECT : 0) | (j.osync() ? File.O_SYNC : 0);
                File f = k.open(inode, flags);
                JobDriver d = aio
                        ? new AioDriver(spec, taskId, j.accessPattern(fileBytes, patternRng), j.opMix(mixRng),
                                j.arrivals(arrivalRng), sink, k.aio(), k.aioFile(f), j.syncmix() == 0
                                        ? AioDriver.SyncMix.NONE
                                        : new AioDriver.SyncMix(j.syncmix(),
                                                k.sim().random().stream(stream + "/syncmix"), k.syscalls(), f))
                        : new SyncDriver(spec, taskId, j.accessPattern(fileBytes, patternRng), j.opMix(mixRng),
                                j.arrivals(arrivalRng), sink, k.syscalls(), f);
                d.onFinish(() -> finished[0]++);
                drivers.add(d);
                k.spawn(j.name() + (j.numjobs() > 1 ? "." + clone : ""), taskId % machine.cpus(), d);
                taskId++;
            }
        }
        TimelineSampler.start(k.sim(), rec, new TimelineSampler.Source() {
            @Override
            public int inFlight() {
                long n = 0;
                for (JobDriver d : drivers) {
                    n += d.inFlight();
                }
                return (int) n;
            }

            @Override
            public int diskQueueDepth() {
                return k.queue().inFlight() + k.queue().queued();
            }

            @Override
            public long cpuBusyNs() {
                long b = 0;
                for (int i = 0; i < k.sched().nrCpus(); i++) {
                    b += k.sched().cpu(i).busyNs();
                }
                return b;
            }

            @Override
            public int cpus() {
                return k.sched().nrCpus();
            }

            @Override
            public long cachePages() {
                return k.pageCache().nrPages();
            }

            @Override
            public long dirtyPages() {
                return k.pageCache().nrDirty();
            }
        });

        boolean[] timedOut = {false};
        Event deadline = new Event() {
            @Override
            public void fire() {
                timedOut[0] = true;
                k.sim().stop();
            }
        }.daemon(true);
        k.sim().schedule(deadline, timeLimitNs);
        int total = drivers.size();
        long[] checks = {0};
        StopReason stop = k.sim().runUntil(() -> {
            if ((++checks[0] & 0x3FFF) == 0) {
                report(listener, drivers, k.sim().now());
                if (k.sim().eventsFired() > eventLimit) {
                    return true;
                }
            }
            return finished[0] == total;
        });

        List<Fault> stops = new ArrayList<>();
        boolean done = finished[0] == total;
        long now = k.sim().now();
        if (!done) {
            if (stop == StopReason.EMPTY) {
                k.reportHangs();
            } else if (timedOut[0]) {
                stops.add(new Fault(now, "TIME_LIMIT", "", "", "run", "the run reached its simulated time limit of "
                        + Durations.format(timeLimitNs) + " with " + (total - finished[0]) + " of " + total
                        + " job tasks unfinished", ""));
            } else if (k.sim().eventsFired() > eventLimit) {
                stops.add(new Fault(now, "EVENT_LIMIT", "", "", "run", "the run fired more than " + eventLimit
                        + " events without finishing (a livelock?)", ""));
            }
        }
        stops.forEach(rec::fault);
        int hangs = (int) rec.faultList().stream().filter(f -> f.kind().equals("HANG")).count();
        RunTotals totals = new RunTotals(now, k.sched().cpuBusyNs(Context.TASK), k.sched().cpuBusyNs(Context.IRQ),
                k.sched().cpuBusyNs(Context.AIO_WORKER), k.sched().cpuBusyNs(Context.KTHREAD), device.busyNs(),
                hangs);
        RunResult result = new RunResult(manifest(), rec, totals);
        listener.progress(1.0, "done");
        if (stop == StopReason.INTERRUPTED) {
            throw new RunInterruptedException(result);
        }
        return result;
    }

    private void report(ProgressListener listener, List<JobDriver> drivers, long nowNs) {
        double sum = 0;
        int i = 0;
        for (Job j : jobs) {
            for (int c = 0; c < j.numjobs(); c++) {
                JobDriver d = drivers.get(i++);
                double f;
                if (d.finished()) {
                    f = 1;
                } else if (j.ios() > 0) {
                    f = (double) d.completed() / j.ios();
                } else if (j.runtimeNs() > 0) {
                    f = (double) nowNs / j.runtimeNs();
                } else {
                    f = (double) d.completed() * j.bs() / Math.max(1, j.size() > 0 ? j.size() : j.bs());
                }
                sum += Math.min(1, f);
            }
        }
        listener.progress(Math.min(0.999, sum / Math.max(1, drivers.size())), "simulated "
                + Durations.format(nowNs));
    }

    private static JobSpec spec(Job j, int jobCode, long fileBytes) {
        long maxIos = j.ios() > 0 ? j.ios() : Long.MAX_VALUE;
        long maxBytes = j.size() > 0 ? j.size() : Long.MAX_VALUE;
        if (j.ios() == 0 && j.size() == 0 && j.runtimeNs() == 0) {
            maxBytes = j.regionBytes(fileBytes);
        }
        long runtime = j.runtimeNs() > 0 ? j.runtimeNs() : Long.MAX_VALUE;
        if (j.ios() == 0 && j.size() > 0 && j.runtimeNs() > 0) {
            // fio: with both size and runtime, the job loops over its region until runtime ends
            maxBytes = Long.MAX_VALUE;
        }
        int depth = Math.max(1, j.iodepth());
        int batch = j.iodepthBatchSubmit() <= 0 ? depth : j.iodepthBatchSubmit();
        int completeMin = Math.max(1, j.iodepthBatchCompleteMin());
        return new JobSpec(jobCode, j.name(), j.engine() == Job.Engine.LIBAIO, j.bs(), j.offset(), maxIos, maxBytes,
                runtime, depth, batch, completeMin, j.thinktimeNs(), j.fsync());
    }

    /** The runner sweeps use: applies a point's parameters to the template experiment and runs it. */
    static RunResult runPoint(Sweep.Point<?> p) {
        if (!(p.template() instanceof Experiment e)) {
            throw new IllegalArgumentException("sweep: the default runner runs Experiment templates; got "
                    + p.template().getClass().getSimpleName() + "; accepted: Sweep.of(experiment) or .runner(...)");
        }
        // the sweep reports its own progress: no bar per point
        Experiment x = e.copy().seed(p.seed()).progress(ProgressListener.NONE);
        Machine m = x.machine;
        for (Map.Entry<String, Object> kv : p.params().entrySet()) {
            String name = kv.getKey();
            Object v = kv.getValue();
            switch (name) {
                case "kernel" -> m = m.withKernel(v instanceof KernelConfig kc ? kc : KernelConfig.preset(v.toString()));
                case "disk" -> m = m.withDisk(v instanceof Disk dk ? dk : Disk.of(v.toString()));
                case "cpus" -> m = m.toBuilder().cpus(((Number) v).intValue()).build();
                case "memory" -> m = m.toBuilder().memory(v.toString()).build();
                default -> {
                    if (!Job.OPTIONS.contains(name)) {
                        throw new IllegalArgumentException("sweep: cannot vary '" + name + "'; accepted: kernel, "
                                + "disk, cpus, memory, or a job option (" + String.join(", ", Job.OPTIONS) + ")");
                    }
                    List<Job> js = new ArrayList<>();
                    boolean aioOnly = name.startsWith("iodepth");
                    for (Job j : x.jobs) {
                        // queue-depth options apply to the libaio jobs; a sync job has one I/O in flight
                        js.add(aioOnly && j.engine() != Job.Engine.LIBAIO ? j : j.with(name, String.valueOf(v)));
                    }
                    x.jobs.clear();
                    x.jobs.addAll(js);
                }
            }
        }
        return x.withMachine(m).label(p.label()).run();
    }
}
