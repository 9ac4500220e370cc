package dev.aiolab.cli;

import dev.aiolab.chart.Charts;
import dev.aiolab.chart.Report;
import dev.aiolab.lab.Flagship;
import dev.aiolab.lab.RunResult;
import dev.aiolab.lab.TextProgressBar;
import dev.aiolab.metrics.TextTable;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/** {@code aiolab demo}: the flagship experiment, its summary on the terminal and its report on disk. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the flagship experiment: buffered AIO readers sharing the page wait table, "
                + "under mainline 2.6.12, plain-entry filesystem AIO and the seed's wait-bit AIO.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("out", "demo");

    @Option(names = "--ios", description = "AIO reads per run (default: ${DEFAULT-VALUE}).")
    int ios = 4000;

    /** Columns shown on the terminal. */
    static final List<String> COLUMNS = List.of("kernel", "iodepth", "iops", "lat_mean_us", "lat_p99_us",
            "slat_mean_us", "retries_per_aio_io", "kicks_per_aio_io", "spurious_retries", "lost_wakeups",
            "bucket_waiters_mean", "bucket_waiters_expected", "kicks_per_wake", "hangs");

    @Override
    public Integer call() throws Exception {
        if (ios < 100) {
            System.err.println("aiolab demo: --ios " + ios + " is not accepted; accepted: 100 or more");
            return 2;
        }
        long t0 = System.nanoTime();
        Files.createDirectories(out);
        System.out.println("aiolab demo: " + Flagship.kernels().size() + " kernels x " + Flagship.IODEPTHS.length
                + " AIO queue depths, " + ios + " buffered 4 KiB AIO reads per run, 2 sync readers beside");
        Flagship.Results r = Flagship.run(ios, new TextProgressBar());
        Table sweep = r.sweep();
        Table shown = shown(sweep);
        System.out.print(TextTable.of(shown));

        Files.writeString(out.resolve("summary.csv"), csv(sweep));
        for (RunResult run : r.deepest()) {
            String k = run.label();
            Files.writeString(out.resolve("ios-" + k + ".csv"), csv(run.ios()));
            Files.writeString(out.resolve("wakeups-" + k + ".csv"), csv(run.wakeups()));
        }
        RunResult[] deepest = r.deepest().toArray(RunResult[]::new);
        var retries = Charts.retriesHistogram(deepest);
        var cdf = Charts.latencyCdf(deepest);
        var fanOut = Charts.fanOutHistogram(deepest[1]);
        var fanOutBit = Charts.fanOutHistogram(deepest[2]);
        var sweepRetries = Charts.sweepPlot(sweep, "iodepth", "retries_per_aio_io", "kernel");
        var sweepKicks = Charts.sweepPlot(sweep, "iodepth", "kicks_per_aio_io", "kernel");
        var sweepLat = Charts.sweepPlot(sweep, "iodepth", "lat_mean_us", "kernel");
        var cpu = Charts.cpuByContext(deepest);
        Charts.save(retries, out.resolve("retries.png"));
        Charts.save(cdf, out.resolve("latency-cdf.png"));
        Charts.save(fanOut, out.resolve("fanout-fsAioPlainWait.png"));
        Charts.save(fanOutBit, out.resolve("fanout-aioWaitBit.png"));
        Charts.save(sweepRetries, out.resolve("sweep-retries.png"));
        Charts.save(sweepKicks, out.resolve("sweep-kicks.png"));
        Charts.save(sweepLat, out.resolve("sweep-latency.png"));
        Charts.save(cpu, out.resolve("cpu-by-context.png"));
        Charts.save(sweepRetries, out.resolve("sweep-retries.svg"));

        int deepestDepth = Flagship.IODEPTHS[Flagship.IODEPTHS.length - 1];
        Report rep = new Report("aiolab flagship: filtered wakeups for buffered AIO");
        rep.paragraph("Buffered 4 KiB random AIO reads (one io_submit task, queue depths "
                + java.util.Arrays.toString(Flagship.IODEPTHS) + ") and two synchronous random readers on a "
                + "1 GiB file, 2 CPUs, 64 MiB of memory (a 64-bucket 2.6.12 page wait table), a 7200 rpm disk. "
                + "Kernels: mainline 2.6.12 (buffered AIO blocks in io_submit), filesystem AIO with a plain "
                + "kiocb wait entry (fsAioPlainWait), and the seed's wait-bit filtered AIO (aioWaitBit).")
                .heading("Summary").table(shown)
                .heading("Retries and kicks per AIO read as the queue depth grows").chart(sweepRetries)
                .chart(sweepKicks).chart(sweepLat)
                .heading("At queue depth " + deepestDepth).chart(retries).chart(cdf).chart(fanOut).chart(fanOutBit)
                .chart(cpu)
                .heading("Manifest of the aioWaitBit run at queue depth " + deepestDepth)
                .paragraph(deepest[2].manifestJson());
        rep.write(out.resolve("report.html"));
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("wrote %s (report.html, summary.csv, ios-*.csv, wakeups-*.csv, *.png) in %.1f s%n",
                out.toAbsolutePath(), secs);
        return 0;
    }

    /** The terminal's and the report's table: {@link #COLUMNS} of the sweep, figures rounded as they print. */
    static Table shown(Table sweep) {
        return sweep.selectColumns(COLUMNS.toArray(String[]::new)).setName("flagship summary (total row of each run)");
    }

    private static String csv(Table t) {
        Writer w = new StringWriter();
        t.write().csv(w);
        return w.toString();
    }
}
