package dev.aiolab.lab;

import com.google.gson.GsonBuilder;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.trace.Fault;
import dev.aiolab.metrics.Figures;
import dev.aiolab.metrics.Recorder;
import dev.aiolab.metrics.RunTotals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * What one run produced: the per-I/O, per-wake-call and timeline tables, the summary, the faults and
 * hangs, and the manifest (configuration, seed, aiolab version) that repeats it. Tables are built from
 * the {@link Recorder} on first use and kept. {@link #toHtml()} is the notebook's rendering.
 */
public final class RunResult {
    private final Map<String, Object> manifest;
    private final Recorder recorder;
    private final RunTotals totals;
    private Table summary;
    private Table ios;
    private Table wakeups;

    /**
     * @param manifest the run's configuration, usually from {@link #manifest(Machine, List, long)}
     * @param recorder the probe the run reported to
     * @param totals the run loop's run-level figures
     */
    public RunResult(Map<String, Object> manifest, Recorder recorder, RunTotals totals) {
        this.manifest = Collections.unmodifiableMap(new LinkedHashMap<>(manifest));
        this.recorder = recorder;
        this.totals = totals;
    }

    /**
     * The manifest of a run: aiolab version, seed, machine (with disk and kernel parameters) and jobs,
     * in that order, every value in text form.
     */
    public static Map<String, Object> manifest(Machine machine, List<Job> jobs, long seed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("aiolab_version", Version.get());
        m.put("seed", seed);
        m.put("machine", machine.toMap());
        List<Map<String, String>> j = new ArrayList<>();
        for (Job job : jobs) {
            j.add(job.toMap());
        }
        m.put("jobs", j);
        return m;
    }

    public Map<String, Object> manifest() {
        return manifest;
    }

    /** The manifest as pretty-printed JSON, keys in manifest order. */
    public String manifestJson() {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(manifest);
    }

    /** A short name for legends: the manifest's {@code label}, else the kernel variant's name. */
    @SuppressWarnings("unchecked")
    public String label() {
        Object l = manifest.get("label");
        if (l != null) {
            return l.toString();
        }
        Object machine = manifest.get("machine");
        if (machine instanceof Map<?, ?> m && m.get("kernel") instanceof Map<?, ?> k && k.get("name") != null) {
            return k.get("name").toString();
        }
        return "run";
    }

    /** This result under another legend name. */
    public RunResult labelled(String label) {
        Map<String, Object> m = new LinkedHashMap<>(manifest);
        m.put("label", label);
        RunResult r = new RunResult(m, recorder, totals);
        r.summary = summary;
        r.ios = ios;
        r.wakeups = wakeups;
        return r;
    }

    public Recorder recorder() {
        return recorder;
    }

    public RunTotals totals() {
        return totals;
    }

    /** One row per I/O; see {@link Recorder#ios()}. Throws when the run kept aggregates only. */
    public Table ios() {
        if (ios == null) {
            requireRows("ios()");
            ios = recorder.ios();
        }
        return ios;
    }

    /** One row per wake call; see {@link Recorder#wakeups()}. Throws when the run kept aggregates only. */
    public Table wakeups() {
        if (wakeups == null) {
            requireRows("wakeups()");
            wakeups = recorder.wakeups();
        }
        return wakeups;
    }

    /** The recorder's own message names its mode; a script knows the experiment's calls. */
    private void requireRows(String table) {
        if (recorder.mode() != Recorder.Mode.FULL) {
            throw new IllegalStateException(table + " was not kept: this run kept aggregates only "
                    + "(.aggregatesOnly()); summary(), summaryFull(), timeline(), faults() and hangs() are available. "
                    + "Run the experiment with .fullRecords() (the default) to keep one row per I/O and per wake call.");
        }
    }

    public Table timeline() {
        return recorder.timeline();
    }

    /**
     * One row per job and a {@code total} row, narrow: the columns {@link Recorder#SUMMARY_VIEW} names (IOPS,
     * MB/s, mean and p99 latency, retries, fan-out, faults, hangs). {@link #summaryFull()} has every column.
     */
    public Table summary() {
        return Recorder.summaryView(summaryFull());
    }

    /** Every column of the summary, {@link Recorder#SUMMARY_COLUMNS}; see {@link Recorder#summary(RunTotals)}. */
    public Table summaryFull() {
        if (summary == null) {
            summary = recorder.summary(totals);
        }
        return summary;
    }

    /** The {@code total} row of the full summary. */
    public Row total() {
        Table s = summaryFull();
        return s.row(s.rowCount() - 1);
    }

    /** Faults other than hangs: time_us, kind, task, kiocb, function, explanation, wait_chain. */
    public Table faults() {
        return Recorder.faultTable("faults", recorder.faultList().stream().filter(f -> !isHang(f)).toList());
    }

    /** Hang records (kind {@code HANG}): each waiter left asleep with the queue and key it sleeps on. */
    public Table hangs() {
        return Recorder.faultTable("hangs", recorder.faultList().stream().filter(RunResult::isHang).toList());
    }

    private static boolean isHang(Fault f) {
        return "HANG".equals(f.kind());
    }

    /** An HTML summary card: configuration, headline figures, faults and hangs. */
    public String toHtml() {
        StringBuilder h = new StringBuilder();
        h.append("<div class=\"aiolab-run\" style=\"font-family:sans-serif;border:1px solid #ccc;border-radius:6px;"
                + "padding:8px 12px;max-width:56em\">\n");
        h.append("<h3 style=\"margin:4px 0\">aiolab run: ").append(esc(label())).append("</h3>\n");
        h.append("<table style=\"border-collapse:collapse\">\n");
        row(h, "seed", String.valueOf(manifest.get("seed")));
        row(h, "aiolab", String.valueOf(manifest.get("aiolab_version")));
        if (manifest.get("machine") instanceof Map<?, ?> m) {
            row(h, "machine", m.get("cpus") + " CPU, memory " + m.get("memory") + ", files " + m.get("files"));
            row(h, "disk", m.get("disk") instanceof Map<?, ?> d ? diskDescription(d) : String.valueOf(m.get("disk")));
            if (m.get("kernel") instanceof Map<?, ?> k) {
                row(h, "kernel", kernelDescription(k));
            }
        }
        if (manifest.get("jobs") instanceof List<?> jobs) {
            for (Object j : jobs) {
                if (j instanceof Map<?, ?> jm) {
                    Map<Object, Object> rest = new LinkedHashMap<>(jm);
                    Object name = rest.remove("name");
                    row(h, "job " + name, rest.toString());
                }
            }
        }
        h.append("</table>\n");

        Row t = total();
        h.append("<h4 style=\"margin:8px 0 4px\">Headline</h4>\n<table style=\"border-collapse:collapse\">\n");
        row(h, "I/Os", fmt(t.getLong("ios")) + " (" + fmt(t.getDouble("iops")) + " IOPS, "
                + fmt(t.getDouble("mb_per_s")) + " MB/s)");
        row(h, "latency", "mean " + fmt(t.getDouble("lat_mean_us")) + " us, p50 " + fmt(t.getDouble("lat_p50_us"))
                + " us, p99 " + fmt(t.getDouble("lat_p99_us")) + " us, p99.9 " + fmt(t.getDouble("lat_p999_us"))
                + " us, max " + fmt(t.getDouble("lat_max_us")) + " us");
        if (t.getLong("aio_ios") > 0) {
            row(h, "AIO I/Os", fmt(t.getLong("aio_ios")) + ": submission latency mean " + fmt(t.getDouble("slat_mean_us"))
                    + " us, p99 " + fmt(t.getDouble("slat_p99_us")) + " us; kicked, waited for the aio worker "
                    + fmt(t.getDouble("worker_wait_mean_us")) + " us per I/O");
            row(h, "retries per AIO I/O", "mean " + fmt(t.getDouble("retries_per_aio_io")) + ", max "
                    + fmt(t.getLong("retries_max")) + ", spurious " + fmt(t.getLong("spurious_retries")) + ", kicks "
                    + fmt(t.getDouble("kicks_per_aio_io")) + ", lost wakeups " + fmt(t.getLong("lost_wakeups")));
        }
        row(h, "wake calls", fmt(t.getLong("wake_calls")) + ", visited mean " + fmt(t.getDouble("visited_mean"))
                + " (max " + fmt(t.getLong("visited_max")) + "), woken mean " + fmt(t.getDouble("woken_mean"))
                + " (max " + fmt(t.getLong("woken_max")) + ")");
        if (!Double.isNaN(t.getDouble("bucket_waiters_mean"))) {
            row(h, "wait-table buckets", "waiters on a woken bucket " + fmt(t.getDouble("bucket_waiters_mean"))
                    + " (balls in bins: " + fmt(t.getDouble("bucket_waiters_expected")) + "), kicks per wake "
                    + fmt(t.getDouble("kicks_per_wake")));
        }
        row(h, "CPU", "task " + fmt(t.getDouble("cpu_task_ms")) + " ms, irq " + fmt(t.getDouble("cpu_irq_ms"))
                + " ms, aio workers " + fmt(t.getDouble("cpu_aio_worker_ms")) + " ms, kthreads "
                + fmt(t.getDouble("cpu_kthread_ms")) + " ms");
        row(h, "disk utilisation", fmt(t.getDouble("disk_util") * 100) + " %");
        row(h, "cache hit ratio", fmt(t.getDouble("cache_hit_ratio")));
        h.append("</table>\n");

        List<Fault> faults = recorder.faultList().stream().filter(f -> !isHang(f)).toList();
        List<Fault> hangs = recorder.faultList().stream().filter(RunResult::isHang).toList();
        long faultCount = t.getLong("faults");
        h.append("<h4 style=\"margin:8px 0 4px\">Faults: ").append(faultCount).append("</h4>\n");
        list(h, faults, faultCount);
        long hangCount = Math.max(t.getLong("hangs"), hangs.size());
        h.append("<h4 style=\"margin:8px 0 4px\">Hangs: ").append(hangCount).append("</h4>\n");
        list(h, hangs, hangs.size());
        h.append("</div>\n");
        return h.toString();
    }

    /** The disk with every parameter, a changed one with its default; the map as it is if it does not read. */
    @SuppressWarnings("unchecked")
    private static String diskDescription(Map<?, ?> d) {
        try {
            return Disk.fromMap((Map<String, ?>) d).toString();
        } catch (RuntimeException e) {
            return d.toString();
        }
    }

    /** The kernel's name and, when it started from a preset, the parameters changed from it. */
    @SuppressWarnings("unchecked")
    private static String kernelDescription(Map<?, ?> k) {
        String name = String.valueOf(k.get("name"));
        String base = name.endsWith("+") ? name.substring(0, name.length() - 1) : name;
        if (!(k.get("parameters") instanceof Map<?, ?> params) || !(KernelConfig.presets().containsKey(base)
                || KernelConfig.ablations().containsKey(base))) {
            return name;
        }
        try {
            Map<String, String> diff = KernelConfig.fromMap(name, (Map<String, String>) params)
                    .diff(KernelConfig.preset(base));
            return diff.isEmpty() ? name : name + " (changed from " + base + ": " + diff + ")";
        } catch (RuntimeException e) {
            return name;
        }
    }

    private static void list(StringBuilder h, List<Fault> faults, long count) {
        if (faults.isEmpty()) {
            return;
        }
        h.append("<ul style=\"margin:0\">\n");
        int shown = 0;
        for (Fault f : faults) {
            if (shown++ == 10) {
                break;
            }
            h.append("<li><code>").append(esc(f.toString())).append("</code></li>\n");
        }
        if (count > 10) {
            h.append("<li>... and ").append(count - 10).append(" more (see faults())</li>\n");
        }
        h.append("</ul>\n");
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th style=\"text-align:left;padding:1px 12px 1px 0;vertical-align:top\">").append(esc(k))
                .append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "-" : Figures.format(d);
    }

    private static String fmt(long n) {
        return Figures.format(n);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        Row t = total();
        return "RunResult[" + label() + ": " + fmt(t.getLong("ios")) + " I/Os, " + fmt(t.getDouble("iops"))
                + " IOPS, p99 " + fmt(t.getDouble("lat_p99_us")) + " us, faults " + t.getLong("faults") + ", hangs "
                + t.getLong("hangs") + "]";
    }
}
