package dev.aiolab.lab;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.metrics.Figures;
import dev.aiolab.metrics.Recorder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Runs an experiment template over the cartesian product of varied parameters and seeds, on a fixed
 * pool of threads (all cores by default), and tabulates one row per point and seed: the point index,
 * the parameter values, the seed, and the summary's {@code total} row. Results are placed by point
 * index, so the table is identical whatever the parallelism.
 *
 * <pre>{@code Sweep.of(experiment).vary("kernel", KernelConfig.linux2612(), KernelConfig.aioWaitBit())
 *         .vary("iodepth", 1, 8, 32).seeds(1, 2, 3).run()}</pre>
 *
 * <p>What a point means is up to the runner, a {@code Function<Point, RunResult>}: the kernel
 * integration registers the default one with {@link #setDefaultRunner}; {@link #runner} overrides it.
 */
public final class Sweep<T> {

    /**
     * One point of a sweep.
     *
     * @param index position in the sweep's order (first parameter slowest, seeds fastest)
     * @param template the experiment template the sweep varies
     * @param params parameter name to value, in {@code vary} order
     * @param seed the experiment seed
     */
    public record Point<T>(int index, T template, Map<String, Object> params, long seed) {
        /** The value of parameter {@code name}; the error lists the parameters. */
        public Object get(String name) {
            if (!params.containsKey(name)) {
                throw new IllegalArgumentException("sweep point has no parameter '" + name + "'; parameters: "
                        + params.keySet());
            }
            return params.get(name);
        }

        public <V> V get(String name, Class<V> type) {
            Object v = get(name);
            if (!type.isInstance(v)) {
                throw new IllegalArgumentException("sweep parameter '" + name + "' is " + v + " ("
                        + v.getClass().getSimpleName() + "), not a " + type.getSimpleName());
            }
            return type.cast(v);
        }

        /** {@code name=value ... seed=s}, for progress and errors. */
        public String label() {
            StringBuilder sb = new StringBuilder();
            params.forEach((k, v) -> sb.append(k).append('=').append(describe(v)).append(' '));
            return sb.append("seed=").append(seed).toString();
        }
    }

    private static volatile Function<Point<?>, RunResult> defaultRunner;

    private final T template;
    private final Map<String, List<Object>> varied = new LinkedHashMap<>();
    private long[] seeds = {1};
    private Function<? super Point<T>, RunResult> runner;
    private int threads = Runtime.getRuntime().availableProcessors();
    private ProgressListener progress;
    private boolean continueOnError;
    private List<RunResult> results = List.of();
    private Table table;
    private Table failures;

    /**
     * Thrown by {@link #run()} when a point failed (and {@link #continueOnError()} was not asked for): names the
     * first failed point with its parameters and error, and carries what was computed before the sweep stopped.
     */
    public static final class PointFailedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final transient Table table;
        private final transient Table failures;

        PointFailedException(String message, Throwable cause, Table table, Table failures) {
            super(message, cause);
            this.table = table;
            this.failures = failures;
        }

        /** The rows of the points computed, as {@link Sweep#table()}. */
        public Table table() {
            return table;
        }

        /** The failed points, as {@link Sweep#failures()}. */
        public Table failures() {
            return failures;
        }
    }

    private Sweep(T template) {
        this.template = Objects.requireNonNull(template, "sweep template must not be null");
    }

    public static <T> Sweep<T> of(T template) {
        return new Sweep<>(template);
    }

    /** Sets the runner sweeps use when none is given; the kernel integration calls this. */
    public static void setDefaultRunner(Function<Point<?>, RunResult> runner) {
        defaultRunner = runner;
    }

    /** Varies parameter {@code name} over {@code values}; parameters are crossed in the order given. */
    public Sweep<T> vary(String name, Object... values) {
        if (name == null || name.isBlank() || name.equals("point") || name.equals("seed")) {
            throw new IllegalArgumentException("sweep parameter name '" + name + "' is not accepted; accepted: a "
                    + "non-empty name other than 'point' and 'seed'");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("sweep parameter '" + name + "' has no values");
        }
        if (varied.containsKey(name)) {
            throw new IllegalArgumentException("sweep parameter '" + name + "' is varied twice");
        }
        if (Recorder.SUMMARY_COLUMNS.contains(name)) {
            throw new IllegalArgumentException("sweep parameter '" + name + "' clashes with a summary column");
        }
        for (Object v : values) {
            Objects.requireNonNull(v, () -> "sweep parameter '" + name + "' has a null value");
        }
        varied.put(name, List.of(values));
        return this;
    }

    /** Repeats every point with each seed (default: seed 1). */
    public Sweep<T> seeds(long... s) {
        if (s.length == 0) {
            throw new IllegalArgumentException("a sweep needs at least one seed");
        }
        seeds = s.clone();
        return this;
    }

    public Sweep<T> runner(Function<? super Point<T>, RunResult> r) {
        runner = Objects.requireNonNull(r);
        return this;
    }

    /** Threads to run points on (default: all cores). The result does not depend on it. */
    public Sweep<T> threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("sweep threads=" + n + " is not accepted; accepted: >= 1");
        }
        threads = n;
        return this;
    }

    public Sweep<T> progress(ProgressListener listener) {
        progress = Objects.requireNonNull(listener);
        return this;
    }

    /**
     * Runs every point even when some fail (fio's {@code continue_on_error}): {@link #run()} returns the rows
     * of the points computed and {@link #failures()} lists the others. By default the sweep stops at the first
     * failed point, keeps what it computed and throws {@link PointFailedException}.
     */
    public Sweep<T> continueOnError() {
        continueOnError = true;
        return this;
    }

    /** Every point, in order: the first varied parameter changes slowest, the seed fastest. */
    public List<Point<T>> points() {
        List<String> names = new ArrayList<>(varied.keySet());
        List<Point<T>> points = new ArrayList<>();
        int[] idx = new int[names.size()];
        while (true) {
            for (long seed : seeds) {
                Map<String, Object> p = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    p.put(names.get(i), varied.get(names.get(i)).get(idx[i]));
                }
                points.add(new Point<>(points.size(), template, Collections.unmodifiableMap(p), seed));
            }
            int d = names.size() - 1;
            while (d >= 0 && ++idx[d] == varied.get(names.get(d)).size()) {
                idx[d] = 0;
                d--;
            }
            if (d < 0) {
                return points;
            }
        }
    }

    /**
     * Runs every point and returns the table: point, parameters, seed, then the summary's total row. A failed
     * point loses nothing already computed: see {@link #continueOnError()} and {@link PointFailedException}.
     */
    public Table run() {
        Function<? super Point<T>, RunResult> r = runner;
        if (r == null) {
            Function<Point<?>, RunResult> d = defaultRunner;
            if (d == null) {
                throw new IllegalStateException("sweep: no runner; give one with runner(point -> ...) or let the "
                        + "kernel integration register one with Sweep.setDefaultRunner");
            }
            r = d::apply;
        }
        List<Point<T>> points = points();
        RunResult[] out = new RunResult[points.size()];
        RuntimeException[] failed = new RuntimeException[points.size()];
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, points.size()), runnable -> {
            Thread t = new Thread(runnable, "aiolab-sweep");
            t.setDaemon(true);
            return t;
        });
        Function<? super Point<T>, RunResult> f = r;
        ProgressListener listener = progress != null ? progress : ProgressListener.defaultFor("aiolab sweep");
        Object lock = new Object();
        int[] done = {0};
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Point<T> p : points) {
                futures.add(pool.submit(() -> {
                    if (stop.get()) {
                        return;     // a point failed: the sweep stops and keeps what it has
                    }
                    String note = "";
                    try {
                        out[p.index()] = Objects.requireNonNull(f.apply(p),
                                () -> "runner returned null for " + p.label());
                    } catch (RuntimeException e) {
                        failed[p.index()] = e;
                        stop.set(!continueOnError);
                        note = " failed";
                    }
                    synchronized (lock) {
                        done[0]++;
                        listener.progress((double) done[0] / points.size(), p.label() + note);
                    }
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("sweep: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("sweep interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<Point<T>> computed = new ArrayList<>();
        List<RunResult> res = new ArrayList<>();
        List<Point<T>> lost = new ArrayList<>();
        for (Point<T> p : points) {
            if (out[p.index()] != null) {
                computed.add(p);
                res.add(out[p.index()]);
            } else if (failed[p.index()] != null) {
                lost.add(p);
            }
        }
        results = List.copyOf(res);
        table = tabulate(computed, results);
        failures = failureTable(lost, failed);
        if (!lost.isEmpty()) {
            Point<T> first = lost.get(0);
            RuntimeException e = failed[first.index()];
            if (!continueOnError) {
                throw new PointFailedException("sweep point " + first.index() + " (" + first.label() + ") failed: "
                        + error(e) + "; the " + computed.size() + " points computed are kept (results(), table(); "
                        + "failed points in failures()); .continueOnError() runs the other points past a failure",
                        e, table, failures);
            }
            table.setName("sweep (" + lost.size() + " of " + points.size() + " points failed: see failures())");
        }
        return table;
    }

    /** The results of the last {@link #run()}, in point order; the points that failed have none. */
    public List<RunResult> results() {
        return results;
    }

    /** The table the last {@link #run()} returned, or the rows it had computed when a point failed. */
    public Table table() {
        return table;
    }

    /** The points of the last {@link #run()} that failed: point, parameters, seed and the error. */
    public Table failures() {
        return failures;
    }

    private Table failureTable(List<Point<T>> lost, RuntimeException[] failed) {
        IntColumn point = IntColumn.create("point");
        LongColumn seed = LongColumn.create("seed");
        StringColumn error = StringColumn.create("error");
        for (Point<T> p : lost) {
            point.append(p.index());
            seed.append(p.seed());
            error.append(error(failed[p.index()]));
        }
        Table t = Table.create("sweep failures", point);
        for (String name : varied.keySet()) {
            StringColumn c = StringColumn.create(name);
            lost.forEach(p -> c.append(describe(p.params().get(name))));
            t.addColumns(c);
        }
        return t.addColumns(seed, error);
    }

    private static String error(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private Table tabulate(List<Point<T>> points, List<RunResult> res) {
        Table t = Table.create("sweep");
        IntColumn point = IntColumn.create("point");
        for (Point<T> p : points) {
            point.append(p.index());
        }
        t.addColumns(point);
        for (Map.Entry<String, List<Object>> e : varied.entrySet()) {
            String name = e.getKey();
            List<Object> values = e.getValue();
            if (values.stream().allMatch(v -> v instanceof Integer || v instanceof Long || v instanceof Short)) {
                LongColumn c = LongColumn.create(name);
                points.forEach(p -> c.append(((Number) p.params().get(name)).longValue()));
                t.addColumns(c);
            } else if (values.stream().allMatch(v -> v instanceof Number)) {
                DoubleColumn c = DoubleColumn.create(name);
                points.forEach(p -> c.append(((Number) p.params().get(name)).doubleValue()));
                t.addColumns(c);
            } else {
                StringColumn c = StringColumn.create(name);
                points.forEach(p -> c.append(describe(p.params().get(name))));
                t.addColumns(c);
            }
        }
        LongColumn seed = LongColumn.create("seed");
        points.forEach(p -> seed.append(p.seed()));
        t.addColumns(seed);
        if (res.isEmpty()) {
            return t;
        }
        Table first = res.get(0).summaryFull();
        for (String name : Recorder.SUMMARY_COLUMNS) {
            if (name.equals("job")) {
                continue;
            }
            Column<?> proto = first.column(name);
            Column<?> c = proto.emptyCopy();
            for (RunResult r : res) {
                Table s = r.summaryFull();
                appendFrom(c, s.column(name), s.rowCount() - 1);
            }
            t.addColumns(c);
        }
        return Figures.readable(t);
    }

    @SuppressWarnings("unchecked")
    private static <V> void appendFrom(Column<V> to, Column<?> from, int row) {
        to.append((Column<V>) from, row);
    }

    /** How a parameter value reads in tables and labels: a kernel or disk by its name, anything else by toString. */
    static String describe(Object v) {
        if (v instanceof KernelConfig k) {
            return k.name();
        }
        if (v instanceof Disk d) {
            return d.name();
        }
        if (v instanceof Object[] a) {
            return Arrays.toString(a);
        }
        return String.valueOf(v);
    }
}
