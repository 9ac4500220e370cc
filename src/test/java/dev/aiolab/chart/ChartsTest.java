package dev.aiolab.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.lab.RunResult;
import dev.aiolab.lab.Sweep;
import dev.aiolab.lab.SyntheticRuns;
import dev.aiolab.metrics.HeapFootprint;
import dev.aiolab.metrics.Recorder;
import dev.aiolab.metrics.RunTotals;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
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
import org.knowm.xchart.internal.chartpart.Chart;
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
                chart("latency CDF", () -> Charts.latencyCdf(plain, patched), "Latency CDF",
                        "latency (us, log scale)"),
                chart("latency CDF from tables", () -> Charts.latencyCdf(Map.of("a", plain.ios())), "Latency CDF",
                        "latency (us, log scale)"),
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

    @Test
    void badRequestsAreExplained() {
        assertThatThrownBy(() -> Charts.save(Charts.cpuByContext(plain), Path.of("x.gif")))
                .hasMessageContaining("accepted extensions: .png, .svg");
        assertThatThrownBy(() -> Charts.sweepPlot(sweep, "bs", "iops", "kernel")).hasMessageContaining("no column 'bs'");
        assertThatThrownBy(() -> Charts.sweepPlot(sweep, "kernel", "iops", "iodepth"))
                .hasMessageContaining("numeric columns");
        assertThat(Charts.label("cpu_task_ms")).isEqualTo("cpu task (ms)");
        assertThat(Charts.label("mb_per_s")).isEqualTo("bandwidth (MB/s)");
    }
}
