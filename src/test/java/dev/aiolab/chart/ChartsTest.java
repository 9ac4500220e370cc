package dev.aiolab.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.lab.RunResult;
import dev.aiolab.lab.Sweep;
import dev.aiolab.lab.SyntheticRuns;
import dev.aiolab.metrics.HeapFootprint;
import dev.aiolab.kernel.trace.TraceRecords;
import dev.aiolab.metrics.Recorder;
import dev.aiolab.metrics.RunTotals;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class ChartsTest {
    static RunResult plain;
    static RunResult patched;
    static Table sweep;

    @BeforeAll
    static void runs() {
        plain = SyntheticRuns.run(KernelConfig.fsAioPlainWait(), 8, 1, 2_000, 60);
        patched = SyntheticRuns.run(KernelConfig.aioWaitBit(), 8, 1, 2_000, 4);
        sweep = Sweep.of("t").vary("kernel", KernelConfig.fsAioPlainWait(), KernelConfig.aioWaitBit())
                .vary("iodepth", 1, 4, 16).seeds(1, 2).threads(2)
                .runner(p -> SyntheticRuns.run(p.get("kernel", KernelConfig.class), p.get("iodepth", Integer.class),
                        p.seed(), 200 * p.get("iodepth", Integer.class), 5))
                .run();
    }

    static Stream<Arguments> charts() {
        return Stream.of(
                chart("retries histogram", () -> Charts.retriesHistogram(plain, patched), "Retries per I/O",
                        "retries per I/O"),
                chart("retries histogram from a table", () -> Charts.retriesHistogram("x", plain.ios()),
                        "Retries per I/O", "retries per I/O"),
                chart("fan-out histogram", () -> Charts.fanOutHistogram(plain), "Wake-up fan-out: fsAioPlainWait",
                        "wait-queue entries per wake call (bins of 2)"),
                chart("latency CDF", () -> Charts.latencyCdf(plain, patched), "Latency CDF", "latency (us)"),
                chart("latency CDF from tables", () -> Charts.latencyCdf(Map.of("a", plain.ios())), "Latency CDF",
                        "latency (us)"),
                chart("latency over time", () -> Charts.latencyOverTime(plain, patched), "Latency over time",
                        "simulated time (ms)"),
                chart("throughput over time", () -> Charts.throughputOverTime(plain), "Throughput over time",
                        "simulated time (ms)"),
                chart("latency and throughput", () -> Charts.latencyAndThroughputOverTime(plain),
                        "Latency and throughput over time: fsAioPlainWait", "simulated time (ms)"),
                chart("CPU by context", () -> Charts.cpuByContext(plain, patched), "CPU time by context", "context"),
                chart("sweep plot", () -> Charts.sweepPlot(sweep, "iodepth", "lat_p99_us", "kernel"),
                        "lat p99 (us) against iodepth (I/Os in flight)", "iodepth (I/Os in flight)"));
    }

    private static Arguments chart(String name, Supplier<Chart<?, ?>> chart, String title, String xTitle) {
        return Arguments.of(name, chart, title, xTitle);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charts")
    void chartRendersHeadlesslyToNonEmptyPngAndSvg(String name, Supplier<Chart<?, ?>> make, String title,
            String xTitle, @TempDir Path dir) throws IOException {
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
        Chart<?, ?> chart = make.get();
        assertThat(chart.getTitle()).isEqualTo(title);
        assertThat(chart.getXAxisTitle()).isEqualTo(xTitle);
        assertThat(chart.getYAxisTitle()).isNotBlank();
        Path png = dir.resolve("sub/chart.png");
        Path svg = dir.resolve("chart.svg");
        Charts.save(chart, png);
        Charts.save(chart, svg.toString());
        byte[] p = Files.readAllBytes(png);
        assertThat(p.length).isGreaterThan(1000);
        assertThat(new String(p, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        String s = Files.readString(svg);
        assertThat(s).contains("<svg").hasSizeGreaterThan(1000);
    }

    @Test
    void cdfOfAnAggregatesOnlyRunComesFromItsHistogram(@TempDir Path dir) throws IOException {
        Recorder r = Recorder.aggregatesOnly();
        HeapFootprint.feedSynthetic(r, 5_000, 9);
        RunResult agg = new RunResult(Map.of("label", "agg"), r, RunTotals.ofDuration(0));
        var chart = Charts.latencyCdf(agg, plain);
        assertThat(chart.getSeriesMap()).containsKeys("agg (histogram)", "fsAioPlainWait");
        Charts.save(chart, dir.resolve("cdf.png"));
        assertThatThrownBy(() -> Charts.retriesHistogram(agg)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ios() was not kept");
    }

    /** The tick labels XChart drew on an axis of {@code chart}, read back after painting it. */
    static List<String> tickLabels(Chart<?, ?> chart, boolean xAxis) throws ReflectiveOperationException, IOException {
        BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        Field pair = Chart.class.getDeclaredField("axisPair");
        pair.setAccessible(true);
        Object axes = pair.get(chart);
        Method axis = axes.getClass().getDeclaredMethod(xAxis ? "getXAxis" : "getYAxis");
        axis.setAccessible(true);
        Object calc = axis.invoke(axes).getClass().getMethod("getAxisTickCalculator").invoke(axis.invoke(axes));
        Method labels = calc.getClass().getMethod("getTickLabels");
        labels.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<String> l = (List<String>) labels.invoke(calc);
        return l.stream().filter(t -> t != null && !t.isBlank()).toList();
    }

    static Table latencies(double from, double to) {
        double[] lat = new double[500];
        for (int i = 0; i < lat.length; i++) {
            lat[i] = from * Math.pow(to / from, i / (lat.length - 1.0));
        }
        return Table.create("ios", DoubleColumn.create("latency_us", lat));
    }

    /** The case: a CDF over 981-1007 us drew ".0825"-style labels and "1000" beside "1E3". */
    @Test
    void aNarrowLatencyRangeGetsALinearAxisWhoseLabelsReadAsFigures() throws ReflectiveOperationException, IOException {
        XYChart narrow = Charts.latencyCdf(Map.of("run", latencies(981, 1007)));
        assertThat(narrow.getStyler().isXAxisLogarithmic()).isFalse();
        assertThat(narrow.getXAxisTitle()).isEqualTo("latency (us)");
        assertReadable(tickLabels(narrow, true));
        assertReadable(tickLabels(narrow, false));
        XYChart wide = Charts.latencyCdf(Map.of("run", latencies(50, 50_000)));
        assertThat(wide.getStyler().isXAxisLogarithmic()).isTrue();
        assertThat(wide.getXAxisTitle()).isEqualTo("latency (us, log scale)");
        assertThat(tickLabels(wide, true)).contains("1,000", "10,000");
        assertReadable(tickLabels(wide, true));
    }

    @Test
    void smallFiguresOnAValueAxisReadWithTheirLeadingZero() throws ReflectiveOperationException, IOException {
        RunResult tiny = SyntheticRuns.run(KernelConfig.aioWaitBit(), 1, 1, 100, 2);
        Recorder r = Recorder.full();
        int j = r.jobCode("j");
        int op = r.opCode("read");
        int e = r.engineCode("sync");
        for (int i = 0; i < 400; i++) {
            r.ioCompleted(TraceRecords.io(j, 0, op, e, 0, 4096, i * 1_000L, i * 1_000L + 80 + i % 5, 0, 0, 0, 0,
                    4096));
        }
        RunResult fast = new RunResult(tiny.manifest(), r, RunTotals.ofDuration(400_000));
        XYChart over = Charts.latencyOverTime(fast);
        assertReadable(tickLabels(over, false));
        assertReadable(tickLabels(Charts.cpuByContext(tiny), false));
    }

    private static void assertReadable(List<String> labels) {
        assertThat(labels).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates()
                .noneMatch(l -> l.matches(".*\\d[eE]-?\\d.*")).noneMatch(l -> l.startsWith(".") || l.startsWith("-."));
    }

    /** The case: in the demo report fsAioPlainWait hid exactly under aioWaitBit. */
    @Test
    void equalRunsStayDistinguishableAndTheLegendSaysTheyAreTheSame() {
        RunResult copy = plain.labelled("again");
        RunResult other = SyntheticRuns.run(KernelConfig.aioWaitBit(), 8, 2, 2_000, 4);
        XYChart cdf = Charts.latencyCdf(plain, copy, other);
        List<XYSeries> s = List.copyOf(cdf.getSeriesMap().values());
        assertThat(s.get(0).getLineStyle().getDashArray()).isNotEqualTo(s.get(1).getLineStyle().getDashArray());
        assertThat(s.get(1).getLineStyle().getDashArray()).isNotEqualTo(s.get(2).getLineStyle().getDashArray());
        assertThat(s.get(1).getLabel()).isEqualTo("again (same as fsAioPlainWait)");
        assertThat(s.get(2).getLabel()).isEqualTo("aioWaitBit");
        XYChart over = Charts.latencyOverTime(plain, copy);
        assertThat(List.copyOf(over.getSeriesMap().values()).get(1).getLabel()).contains("same as");
        CategoryChart retries = Charts.retriesHistogram(plain, copy);
        assertThat(retries.getStyler().isOverlapped()).isFalse();
        assertThat(List.copyOf(retries.getSeriesMap().values()).get(1).getLabel())
                .isEqualTo("again (same as fsAioPlainWait)");
    }

    @Test
    void aSweepOfOneParameterPlotsWithoutAVariantColumn() {
        Table one = Sweep.of("t").vary("iodepth", 1, 4, 16).seeds(1, 2).threads(2)
                .runner(p -> SyntheticRuns.run(KernelConfig.aioWaitBit(), p.get("iodepth", Integer.class), p.seed(),
                        100 * p.get("iodepth", Integer.class), 5))
                .run();
        XYChart c = Charts.sweepPlot(one, "iodepth", "iops");
        assertThat(c.getSeriesMap()).hasSize(1);
        XYSeries s = c.getSeriesMap().values().iterator().next();
        assertThat(s.getXData()).containsExactly(1, 4, 16);
        assertThat(s.getYData()[0]).isEqualTo(one.where(one.longColumn("iodepth").isEqualTo(1))
                .doubleColumn("iops").mean());
    }

    @Test
    void aSweepPlotErrorNamesTheArgumentsByTheirRole() {
        assertThatThrownBy(() -> Charts.sweepPlot(sweep, "kernel", "seed", "iodepth"))
                .hasMessageContaining("sweepPlot(sweep, parameter, metric, variant)")
                .hasMessageContaining("parameter 'kernel' is STRING")
                .hasMessageContaining("accepted: numeric columns such as point, iodepth, seed");
        assertThatThrownBy(() -> Charts.sweepPlot(sweep, "iodepth", "iops", "colour"))
                .hasMessageContaining("variant 'colour'").hasMessageContaining("no column");
    }

    @Test
    void badRequestsAreExplained() {
        assertThatThrownBy(() -> Charts.save(Charts.cpuByContext(plain), Path.of("x.gif")))
                .hasMessageContaining("accepted extensions: .png, .svg");
        assertThatThrownBy(() -> Charts.sweepPlot(sweep, "bs", "iops", "kernel")).hasMessageContaining("no column 'bs'");
        assertThatThrownBy(() -> Charts.sweepPlot(sweep, "kernel", "iops", "iodepth"))
                .hasMessageContaining("numeric column");
        assertThat(Charts.label("cpu_task_ms")).isEqualTo("cpu task (ms)");
        assertThat(Charts.label("mb_per_s")).isEqualTo("bandwidth (MB/s)");
    }
}
