package dev.aiolab.chart;

import dev.aiolab.lab.RunResult;
import dev.aiolab.metrics.Recorder;
import java.awt.BasicStroke;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The lab's figures, built with XChart from {@link RunResult}s or their Tablesaw tables. Every chart
 * has a title and axis titles with units; several runs overlay as series named by
 * {@link RunResult#label()}. {@link #save} writes PNG or SVG by the file's extension.
 */
public final class Charts {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;
    /** Histograms with more distinct values than this group them into equal-width bins. */
    static final int MAX_BINS = 40;
    /** Points drawn per CDF or time series; longer series are thinned evenly. */
    static final int MAX_POINTS = 1000;

    private Charts() {}

    // ------------------------------------------------------------------ retries and fan-out

    /** Histogram of retries per I/O (runs of the retry method after the first), one series per run. */
    public static CategoryChart retriesHistogram(RunResult... runs) {
        Map<String, int[]> data = new LinkedHashMap<>();
        for (RunResult r : runs) {
            data.put(r.label(), r.ios().intColumn("retries").asIntArray());
        }
        return histogram("Retries per I/O", "retries per I/O", "I/Os", data);
    }

    /** Histogram of the {@code retries} column of an {@code ios()} table. */
    public static CategoryChart retriesHistogram(String label, Table ios) {
        return histogram("Retries per I/O", "retries per I/O", "I/Os",
                Map.of(label, ios.intColumn("retries").asIntArray()));
    }

    /** Wait-queue entries visited and woken per wake call ({@code __wake_up_common}), one run. */
    public static CategoryChart fanOutHistogram(RunResult run) {
        return fanOutHistogram(run.label(), run.wakeups());
    }

    /** Entries visited and woken per wake call from a {@code wakeups()} table. */
    public static CategoryChart fanOutHistogram(String label, Table wakeups) {
        Map<String, int[]> data = new LinkedHashMap<>();
        data.put("visited", wakeups.intColumn("visited").asIntArray());
        data.put("woken", wakeups.intColumn("woken").asIntArray());
        return histogram("Wake-up fan-out: " + label, "wait-queue entries per wake call", "wake calls", data);
    }

    private static CategoryChart histogram(String title, String xTitle, String yTitle, Map<String, int[]> data) {
        int max = 0;
        for (int[] v : data.values()) {
            for (int x : v) {
                max = Math.max(max, x);
            }
        }
        int width = (max + 1 + MAX_BINS - 1) / MAX_BINS;
        int bins = (max + width) / width;
        List<String> labels = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            labels.add(width == 1 ? Integer.toString(b) : (b * width) + "-" + (b * width + width - 1));
        }
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(width == 1 ? xTitle : xTitle + " (bins of " + width + ")").yAxisTitle(yTitle).build();
        // side by side: overlapped bars of equal runs hide one another
        c.getStyler().setOverlapped(false);
        c.getStyler().setXAxisLabelRotation(width == 1 ? 0 : 45);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE).setLegendVisible(data.size() > 1);
        for (Map.Entry<String, int[]> e : data.entrySet()) {
            double[] counts = new double[bins];
            for (int x : e.getValue()) {
                counts[x / width]++;
            }
            List<Double> y = new ArrayList<>(bins);
            for (double d : counts) {
                y.add(d);
            }
            c.addSeries(e.getKey(), labels, y);
        }
        return readable(c);
    }

    // ------------------------------------------------------------------ latency

    /**
     * Latency CDF with a logarithmic latency axis, several runs overlaid. Uses every I/O when the run
     * kept rows, else the run's HdrHistogram (3 significant digits).
     */
    public static XYChart latencyCdf(RunResult... runs) {
        XYChart c = cdfChart();
        for (RunResult r : runs) {
            if (r.recorder().mode() == Recorder.Mode.FULL) {
                addCdf(c, r.label(), r.ios().doubleColumn("latency_us").asDoubleArray());
            } else {
                addCdf(c, r.label(), r.recorder().latencyHistogram());
            }
        }
        return cdfAxes(c);
    }

    /** Latency CDF from {@code ios()} tables, by legend name. */
    public static XYChart latencyCdf(Map<String, Table> iosByLabel) {
        XYChart c = cdfChart();
        iosByLabel.forEach((label, ios) -> addCdf(c, label, ios.doubleColumn("latency_us").asDoubleArray()));
        return cdfAxes(c);
    }

    private static XYChart cdfChart() {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Latency CDF")
                .xAxisTitle("latency (us)").yAxisTitle("fraction of I/Os completed within").build();
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setLegendPosition(Styler.LegendPosition.InsideSE)
                .setMarkerSize(0);
        return c;
    }

    /** A logarithmic latency axis when the latencies span two decades or more; a linear one otherwise. */
    private static XYChart cdfAxes(XYChart c) {
        if (spansDecades(c.getSeriesMap().values())) {
            c.getStyler().setXAxisLogarithmic(true);
            c.setXAxisTitle("latency (us, log scale)");
        }
        return readable(c);
    }

    private static void addCdf(XYChart c, String label, double[] latencyUs) {
        double[] v = Arrays.stream(latencyUs).filter(x -> x > 0).sorted().toArray();
        if (v.length == 0) {
            throw new IllegalArgumentException("latency CDF of '" + label + "': no I/O with a latency above 0");
        }
        int points = Math.min(v.length, MAX_POINTS);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            int idx = points == v.length ? i : (int) Math.round((double) i * (v.length - 1) / (points - 1));
            x[i] = v[idx];
            y[i] = (idx + 1.0) / v.length;
        }
        c.addSeries(label, x, y).setMarker(SeriesMarkers.NONE);
    }

    private static void addCdf(XYChart c, String label, Histogram h) {
        if (h.getTotalCount() == 0) {
            throw new IllegalArgumentException("latency CDF of '" + label + "': no I/O recorded");
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (HistogramIterationValue v : h.recordedValues()) {
            double us = h.highestEquivalentValue(v.getValueIteratedTo()) / 1e3;
            if (us > 0) {
                x.add(us);
                y.add((double) v.getTotalCountToThisValue() / h.getTotalCount());
            }
        }
        c.addSeries(label + " (histogram)", x, y).setMarker(SeriesMarkers.NONE);
    }

    /** Mean latency of the I/Os completing in each time bin, several runs overlaid. */
    public static XYChart latencyOverTime(RunResult... runs) {
        XYChart c = timeChart("Latency over time", "mean latency (us)");
        for (RunResult r : runs) {
            double[][] s = binned(r.ios(), true);
            c.addSeries(r.label(), s[0], s[1]).setMarker(SeriesMarkers.NONE);
        }
        return readable(c);
    }

    /** I/Os completed per second in each time bin, several runs overlaid. */
    public static XYChart throughputOverTime(RunResult... runs) {
        XYChart c = timeChart("Throughput over time", "throughput (IOPS)");
        for (RunResult r : runs) {
            double[][] s = binned(r.ios(), false);
            c.addSeries(r.label(), s[0], s[1]).setMarker(SeriesMarkers.NONE);
        }
        return readable(c);
    }

    /** Latency (left axis) and throughput (right axis) of one run over time. */
    public static XYChart latencyAndThroughputOverTime(RunResult run) {
        XYChart c = timeChart("Latency and throughput over time: " + run.label(), "mean latency (us)");
        double[][] lat = binned(run.ios(), true);
        double[][] iops = binned(run.ios(), false);
        c.addSeries("mean latency (us)", lat[0], lat[1]).setMarker(SeriesMarkers.NONE);
        XYSeries t = c.addSeries("throughput (IOPS)", iops[0], iops[1]);
        t.setMarker(SeriesMarkers.NONE);
        t.setYAxisGroup(1);
        c.setYAxisGroupTitle(1, "throughput (IOPS)");
        c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        c.getStyler().putYAxisGroupDecimalPatternMap(1, "#,##0");
        return readable(c);
    }

    private static XYChart timeChart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("simulated time (ms)")
                .yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE).setMarkerSize(0);
        return c;
    }

    /** Bins of completion time (100 bins over the run): {time_ms[], mean latency us[] or IOPS[]}. */
    static double[][] binned(Table ios, boolean latency) {
        double[] complete = ios.doubleColumn("complete_us").asDoubleArray();
        double[] lat = ios.doubleColumn("latency_us").asDoubleArray();
        if (complete.length == 0) {
            throw new IllegalArgumentException("no I/O completed; nothing to plot over time");
        }
        double end = Arrays.stream(complete).max().orElse(0);
        int bins = 100;
        double width = Math.max(end / bins, 1e-3);
        double[] sum = new double[bins];
        double[] count = new double[bins];
        for (int i = 0; i < complete.length; i++) {
            int b = Math.min(bins - 1, (int) (complete[i] / width));
            sum[b] += lat[i];
            count[b]++;
        }
        List<double[]> pts = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            double t = (b + 0.5) * width / 1e3;
            if (latency) {
                if (count[b] > 0) {
                    pts.add(new double[] {t, sum[b] / count[b]});
                }
            } else {
                pts.add(new double[] {t, count[b] / (width / 1e6)});
            }
        }
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }

    // ------------------------------------------------------------------ CPU

    /** CPU time by context (task, interrupt, aio workers, kernel threads), one bar series per run. */
    public static CategoryChart cpuByContext(RunResult... runs) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("CPU time by context")
                .xAxisTitle("context").yAxisTitle("CPU time (ms)").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        List<String> contexts = List.of("task", "irq", "aio worker", "kthread");
        for (RunResult r : runs) {
            Row t = r.total();
            c.addSeries(r.label(), contexts, List.of(t.getDouble("cpu_task_ms"), t.getDouble("cpu_irq_ms"),
                    t.getDouble("cpu_aio_worker_ms"), t.getDouble("cpu_kthread_ms")));
        }
        return readable(c);
    }

    // ------------------------------------------------------------------ sweeps

    /**
     * A sweep's {@code metric} against numeric {@code parameter}, one series per value of
     * {@code variant} (e.g. the kernel), averaged over seeds. The parameter axis is logarithmic when the
     * parameter spans two decades or more.
     */
    public static XYChart sweepPlot(Table sweep, String parameter, String metric, String variant) {
        String call = "sweepPlot(sweep, parameter, metric, variant)";
        return sweepPlot(sweep, parameter, metric, column(sweep, variant, call, "variant"), call);
    }

    /** A sweep's {@code metric} against numeric {@code parameter}, averaged over seeds: a sweep of one parameter. */
    public static XYChart sweepPlot(Table sweep, String parameter, String metric) {
        return sweepPlot(sweep, parameter, metric, null, "sweepPlot(sweep, parameter, metric)");
    }

    private static XYChart sweepPlot(Table sweep, String parameter, String metric, Column<?> variant, String call) {
        NumericColumn<?> xs = numeric(sweep, parameter, call, "parameter");
        NumericColumn<?> ys = numeric(sweep, metric, call, "metric");
        Map<String, TreeMap<Double, double[]>> series = new LinkedHashMap<>();
        for (int i = 0; i < sweep.rowCount(); i++) {
            double y = ys.getDouble(i);
            if (Double.isNaN(y)) {
                continue;
            }
            String name = variant == null ? label(metric) : variant.name() + "=" + variant.getString(i);
            double[] acc = series.computeIfAbsent(name, k -> new TreeMap<>())
                    .computeIfAbsent(xs.getDouble(i), k -> new double[2]);
            acc[0] += y;
            acc[1]++;
        }
        if (series.isEmpty()) {
            throw new IllegalArgumentException(call + ": no row has a value of metric '" + metric + "'");
        }
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(label(metric) + " against " + label(parameter)).xAxisTitle(label(parameter))
                .yAxisTitle(label(metric)).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW).setMarkerSize(7)
                .setLegendVisible(variant != null);
        for (Map.Entry<String, TreeMap<Double, double[]>> e : series.entrySet()) {
            List<Double> x = new ArrayList<>(e.getValue().keySet());
            List<Double> y = new ArrayList<>();
            e.getValue().values().forEach(a -> y.add(a[0] / a[1]));
            c.addSeries(e.getKey(), x, y);
        }
        c.getStyler().setXAxisLogarithmic(spansDecades(c.getSeriesMap().values()));
        return readable(c);
    }

    /** Column {@code name} of {@code t} in the role {@code role} of {@code call}, which must be numeric. */
    private static NumericColumn<?> numeric(Table t, String name, String call, String role) {
        Column<?> c = column(t, name, call, role);
        if (!(c instanceof NumericColumn<?> n)) {
            List<String> numeric = t.columns().stream().filter(x -> x instanceof NumericColumn<?>)
                    .map(Column::name).toList();
            throw new IllegalArgumentException(call + ": " + role + " '" + name + "' is " + c.type()
                    + "; accepted: numeric columns such as " + String.join(", ", numeric));
        }
        return n;
    }

    private static Column<?> column(Table t, String name, String call, String role) {
        if (!t.columnNames().contains(name)) {
            throw new IllegalArgumentException(call + ": " + role + " '" + name + "': table '" + t.name()
                    + "' has no column '" + name + "'; columns: " + t.columnNames());
        }
        return t.column(name);
    }

    /** An axis title for a column name, with its unit: {@code lat_p99_us} reads "lat p99 (us)". */
    public static String label(String column) {
        return switch (column) {
            case "iops" -> "IOPS (I/Os per second)";
            case "mb_per_s" -> "bandwidth (MB/s)";
            case "disk_util" -> "disk utilisation (fraction of time busy)";
            case "cache_hit_ratio" -> "cache hit ratio (fraction)";
            case "iodepth" -> "iodepth (I/Os in flight)";
            default -> {
                String base = column;
                String unit = "";
                for (String u : new String[] {"us", "ms", "ns", "s"}) {
                    if (column.endsWith("_" + u)) {
                        base = column.substring(0, column.length() - u.length() - 1);
                        unit = " (" + u + ")";
                        break;
                    }
                }
                yield base.replace('_', ' ') + unit;
            }
        };
    }

    // ------------------------------------------------------------------ reading

    /** Line styles given to the series of an overlay in turn, so that equal curves stay visible. */
    private static final BasicStroke[] LINES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT,
        SeriesLines.DASH_DOT};

    /** Whether the x values of {@code series} span two decades or more (all positive). */
    private static boolean spansDecades(Iterable<XYSeries> series) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (XYSeries s : series) {
            min = Math.min(min, s.getXMin());
            max = Math.max(max, s.getXMax());
        }
        return min > 0 && max / min >= 100;
    }

    /**
     * Finishes an overlay for reading: each series its own line style and width, a legend that says which series equal
     * an earlier one, and axis labels written in full ("0.0825", "1,000"; never ".0825" or "1E3") with as
     * many decimals as the axis's span needs.
     */
    private static XYChart readable(XYChart c) {
        List<XYSeries> series = new ArrayList<>(c.getSeriesMap().values());
        double[] x = {Double.MAX_VALUE, -Double.MAX_VALUE};
        double[] y = {Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < series.size(); i++) {
            XYSeries s = series.get(i);
            if (series.size() > 1) {
                // later series are drawn over earlier ones: each a thinner line of another pattern, so an
                // earlier curve still shows around a later one that lies on it
                BasicStroke pattern = LINES[i % LINES.length];
                s.setLineStyle(new BasicStroke(1.5f + 2f * (series.size() - 1 - i), BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_ROUND, 10f, pattern.getDashArray(), 0f));
            }
            for (int j = 0; j < i; j++) {
                if (Arrays.equals(s.getXData(), series.get(j).getXData())
                        && Arrays.equals(s.getYData(), series.get(j).getYData())) {
                    s.setLabel(s.getName() + " (same as " + series.get(j).getName() + ")");
                    break;
                }
            }
            x[0] = Math.min(x[0], s.getXMin());
            x[1] = Math.max(x[1], s.getXMax());
            if (s.getYAxisGroup() == 0) {
                y[0] = Math.min(y[0], s.getYMin());
                y[1] = Math.max(y[1], s.getYMax());
            }
        }
        c.getStyler().setXAxisDecimalPattern(c.getStyler().isXAxisLogarithmic() ? decimalPattern(x[0])
                : decimalPattern(x[1] - x[0]));
        c.getStyler().setYAxisDecimalPattern(decimalPattern(y[1] - y[0]));
        return c;
    }

    /** {@link #readable(XYChart)} for bar charts: the legend notes equal series and the value axis reads. */
    private static CategoryChart readable(CategoryChart c) {
        List<CategorySeries> series = new ArrayList<>(c.getSeriesMap().values());
        double max = 0;
        for (int i = 0; i < series.size(); i++) {
            CategorySeries s = series.get(i);
            for (int j = 0; j < i; j++) {
                if (List.copyOf(s.getYData()).equals(List.copyOf(series.get(j).getYData()))) {
                    s.setLabel(s.getName() + " (same as " + series.get(j).getName() + ")");
                    break;
                }
            }
            max = Math.max(max, s.getYMax());
        }
        c.getStyler().setYAxisDecimalPattern(decimalPattern(max));
        return c;
    }

    /** A decimal pattern for axis labels over {@code span}: three significant digits of the span, grouped. */
    static String decimalPattern(double span) {
        int decimals = span > 0 && Double.isFinite(span) ? Math.max(0, 2 - (int) Math.floor(Math.log10(span))) : 3;
        return decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals);
    }

    // ------------------------------------------------------------------ output

    /** Writes {@code chart} to {@code path} as PNG ({@code .png}) or SVG ({@code .svg}); creates parent folders. */
    public static void save(Chart<?, ?> chart, Path path) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new IllegalArgumentException("cannot save a chart as '" + path.getFileName()
                    + "'; accepted extensions: .png, .svg");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(path)) {
            if (name.endsWith(".png")) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            } else {
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            }
        }
    }

    /** {@link #save(Chart, Path)} by file name. */
    public static void save(Chart<?, ?> chart, String path) throws IOException {
        save(chart, Path.of(path));
    }
}
