package dev.aiolab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiolab.kernel.trace.Fault;
import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.kernel.trace.TraceRecords;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

class RecorderTest {

    /** A small synthetic run: I/Os of two jobs, wake calls, AIO events, timeline samples, one fault. */
    static void feed(Recorder r, long seed) {
        HeapFootprint.feedSynthetic(r, 5_000, seed);
        SplittableRandom rng = new SplittableRandom(seed + 1);
        for (int i = 0; i < 2_000; i++) {
            int visited = 1 + rng.nextInt(40);
            int woken = rng.nextInt(visited + 1);
            boolean keyed = rng.nextBoolean();
            r.wakeCall(TraceRecords.wake(i * 1_000L, rng.nextInt(256), keyed ? rng.nextInt(1000) : 0,
                    keyed ? rng.nextInt(32) : -1, visited, woken, visited - woken,
                    rng.nextBoolean() ? Probe.WalkStop.END_OF_LIST : Probe.WalkStop.EXCLUSIVE_DONE,
                    visited * 100L + woken * 1_500L));
            r.aioRetry(i * 1_000L, 1, i, i % 3 == 0 ? Probe.RetryReason.WAKE : Probe.RetryReason.SELF_KICK, i % 5 != 0, true);
            r.aioKick(i * 1_000L, 1, i, true);
        }
        for (int t = 0; t < 100; t++) {
            r.sample(t * r.timelineIntervalNs(), t % 32, t % 4, (t % 10) / 10.0, 1000 + t, t);
        }
        r.fault(new Fault(123_456, "RETRY_LIMIT", "fio/1", "1/7", "aio_run_iocb", "gave up", ""));
    }

    static String csv(Table t) {
        StringWriter w = new StringWriter();
        t.write().csv(w);
        return w.toString();
    }

    @Test
    void sameEventsTwiceGiveByteIdenticalIosAndWakeupsCsv() {
        Recorder a = Recorder.full();
        Recorder b = Recorder.full();
        feed(a, 7);
        feed(b, 7);
        assertThat(a.ios().rowCount()).isEqualTo(5_000);
        assertThat(a.wakeups().rowCount()).isEqualTo(2_000);
        assertThat(csv(a.ios())).isEqualTo(csv(b.ios()));
        assertThat(csv(a.wakeups())).isEqualTo(csv(b.wakeups()));
        assertThat(csv(a.timeline())).isEqualTo(csv(b.timeline()));
    }

    @Test
    void tablesPrintRoundedFiguresAndWriteFullPrecisionToCsv() {
        Recorder r = Recorder.full();
        feed(r, 3);
        Table summary = r.summary(new RunTotals(7_654_321_987L, 1_234_567, 76_543, 5_432_109, 0, 3_333_333_333L, 0));
        assertThat(PrintedFigures.noisy(summary.printAll())).as(summary.printAll()).isFalse();
        // instants keep the nanosecond: 3 decimals of a microsecond at most
        // (the wakeups' key column holds addresses in hex, which may well contain an 'e')
        for (Table t : new Table[] {r.ios(), r.wakeups().removeColumns("key"), r.timeline(), r.faults()}) {
            assertThat(t.print(40)).as(t.name()).doesNotContainPattern("\\.\\d{4,}").doesNotContainPattern("\\d[eE]-?\\d");
        }
        double iops = summary.doubleColumn("iops").get(summary.rowCount() - 1);
        assertThat(summary.printAll()).contains(Figures.format(iops));
        assertThat(csv(summary)).contains(Double.toString(iops));
    }

    @Test
    void tablesHaveTheDocumentedColumns() {
        Recorder r = Recorder.full();
        feed(r, 1);
        assertThat(r.ios().columnNames()).containsExactly("job", "task", "op", "engine", "offset", "bytes",
                "submit_us", "complete_us", "latency_us", "slat_us", "retries", "kicks", "wakeups",
                "spurious_wakeups", "lost_wakeups", "worker_wait_us", "cache_hits", "cache_misses", "result");
        assertThat(r.wakeups().columnNames()).containsExactly("time_us", "queue", "key", "visited", "woken",
                "kicked", "filtered", "exclusive_stop", "cpu_us", "queue_waiters", "key_waiters", "table_waiters",
                "table_buckets", "expected_waiters");
        assertThat(r.timeline().columnNames()).containsExactly("time_us", "in_flight", "disk_queue_depth",
                "cpu_busy", "cache_pages", "dirty_pages");
        assertThat(r.summary(RunTotals.ofDuration(1)).columnNames()).containsExactlyElementsOf(
                Recorder.SUMMARY_COLUMNS);
        assertThat(r.faults().rowCount()).isEqualTo(1);
    }

    /**
     * HdrHistogram with 3 significant digits reports, for percentile p over n samples, the highest
     * value equivalent to the sample of rank max(1, round(p/100 n)) in sorted order; equivalent values
     * span at most 2^-10 of the value (2048 sub-buckets per power of two, half of them used). So the
     * summary lies in [exact, exact (1 + 2^-10)], with exact taken at that rank from ios().
     */
    @Test
    void summaryPercentilesAgreeWithIosWithinHdrHistogramPrecision() {
        Recorder r = Recorder.full();
        feed(r, 3);
        Table ios = r.ios();
        Table summary = r.summary(RunTotals.ofDuration(0));
        for (String job : new String[] {"reader", "writer", "total"}) {
            Table rows = job.equals("total") ? ios : ios.where(ios.stringColumn("job").isEqualTo(job));
            long[] lat = new long[rows.rowCount()];
            for (int i = 0; i < lat.length; i++) {
                lat[i] = Math.round(rows.doubleColumn("latency_us").get(i) * 1e3);
            }
            Arrays.sort(lat);
            Row s = summaryRow(summary, job);
            double[] ps = {50, 90, 99, 99.9};
            String[] cols = {"lat_p50_us", "lat_p90_us", "lat_p99_us", "lat_p999_us"};
            for (int k = 0; k < ps.length; k++) {
                long rank = Math.max(1, Math.round(ps[k] / 100 * lat.length));
                double exactUs = lat[(int) rank - 1] / 1e3;
                double hdrUs = s.getDouble(cols[k]);
                assertThat(hdrUs).as(job + " " + cols[k]).isBetween(exactUs, exactUs * (1 + Math.scalb(1.0, -10)));
            }
            double mean = Arrays.stream(lat).average().orElseThrow() / 1e3;
            assertThat(s.getDouble("lat_mean_us")).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(s.getDouble("lat_max_us")).isEqualTo(lat[lat.length - 1] / 1e3);
            assertThat(s.getLong("ios")).isEqualTo(lat.length);
        }
    }

    @Test
    void aggregatesOnlyModeGivesTheSameSummaryAsFullMode() {
        Recorder full = Recorder.full();
        Recorder agg = Recorder.aggregatesOnly();
        feed(full, 11);
        feed(agg, 11);
        RunTotals totals = new RunTotals(200_000_000L, 1_000_000, 2_000_000, 3_000_000, 4_000_000, 150_000_000L, 2);
        assertThat(csv(agg.summary(totals))).isEqualTo(csv(full.summary(totals)));
        assertThat(csv(agg.timeline())).isEqualTo(csv(full.timeline()));
        assertThat(agg.counters()).isEqualTo(full.counters());
    }

    @Test
    void aggregatesOnlyModeSaysThePerRowTablesWereNotKept() {
        Recorder agg = Recorder.aggregatesOnly();
        feed(agg, 1);
        assertThatThrownBy(agg::ios).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ios() was not kept").hasMessageContaining("aggregates only");
        assertThatThrownBy(agg::wakeups).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wakeups() was not kept");
    }

    @Test
    void totalRowCarriesRunLevelFiguresAndJobRowsLeaveThemMissing() {
        Recorder r = Recorder.full();
        int j = r.jobCode("j");
        int e = r.engineCode("libaio");
        r.ioSubmitted(j, 1, Recorder.OP_READ, e, 0, 4096, 0);
        assertThat(r.inFlight()).isEqualTo(1);
        r.ioCompleted(TraceRecords.aio(j, 1, Recorder.OP_READ, e, 0, 4096, 0, 1_000_000, 40_000, 3, 2, 4, 1, 1,
                3_000_000, 1, 0, 4096));
        assertThat(r.inFlight()).isZero();
        r.wakeCall(TraceRecords.wake(10, 5, 1, 2, 10, 1, 9, Probe.WalkStop.END_OF_LIST, 2_500));
        r.wakeCall(TraceRecords.wake(20, 5, 1, 2, 30, 3, 27, Probe.WalkStop.END_OF_LIST, 2_500));
        r.fault(new Fault(5, "OOPS", "t", "", "__lock_page", "NULL io_wait", ""));
        Table s = r.summary(new RunTotals(2_000_000, 1_500_000, 250_000, 0, 0, 1_000_000, 1));
        Row job = summaryRow(s, "j");
        Row total = summaryRow(s, "total");
        assertThat(job.getDouble("iops")).isEqualTo(1000.0);
        assertThat(job.getDouble("mb_per_s")).isCloseTo(4.096, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(job.getLong("retries_max")).isEqualTo(3);
        assertThat(job.getLong("spurious_retries")).isEqualTo(1);
        assertThat(job.getLong("aio_ios")).isEqualTo(1);
        assertThat(job.getDouble("retries_per_aio_io")).isEqualTo(3.0);
        assertThat(job.getDouble("kicks_per_aio_io")).isEqualTo(2.0);
        assertThat(job.getLong("lost_wakeups")).isEqualTo(1);
        assertThat(job.getDouble("slat_mean_us")).isEqualTo(40.0);
        assertThat(job.getDouble("worker_wait_mean_us")).isEqualTo(3_000.0);
        assertThat(job.getDouble("cache_hit_ratio")).isEqualTo(1.0);
        assertThat(s.longColumn("wake_calls").isMissing(job.getRowNumber())).isTrue();
        assertThat(total.getDouble("iops")).isEqualTo(500.0);
        assertThat(total.getLong("wake_calls")).isEqualTo(2);
        assertThat(total.getDouble("visited_mean")).isEqualTo(20.0);
        assertThat(total.getLong("visited_max")).isEqualTo(30);
        assertThat(total.getLong("woken_max")).isEqualTo(3);
        assertThat(total.getDouble("cpu_task_ms")).isEqualTo(1.5);
        assertThat(total.getDouble("disk_util")).isEqualTo(0.5);
        assertThat(total.getLong("faults")).isEqualTo(1);
        assertThat(total.getLong("hangs")).isEqualTo(1);
    }

    @Test
    void aioRetriesAreCountedByReasonAndProgress() {
        Recorder r = Recorder.aggregatesOnly();
        r.aioRetry(1, 1, 1, Probe.RetryReason.WAKE, false, true);
        r.aioRetry(2, 1, 1, Probe.RetryReason.WAKE, true, false);
        r.aioRetry(3, 1, 2, Probe.RetryReason.SELF_KICK, true, false);
        r.aioRetry(4, 1, 3, Probe.RetryReason.FIRST, true, true);
        r.aioReap(4, 1, 0, 2);
        assertThat(r.counters()).containsEntry("aio_retries", 3L).containsEntry("aio_retries_no_progress", 1L)
                .containsEntry("aio_retries.WAKE", 2L).containsEntry("aio_retries.SELF_KICK", 1L)
                .containsEntry("aio_reaped", 2L);
    }

    @Test
    void largeCountsSurviveTheTwoByteColumnsExactly() {
        Recorder r = Recorder.full();
        int j = r.jobCode("j");
        int e = r.engineCode("libaio");
        r.ioCompleted(TraceRecords.aio(j, 1, Recorder.OP_READ, e, 0, 4096, 0, 10, 0, 65_535, 70_000, 1 << 30,
                65_534, 0, 0, 3, 0, 4096));
        Row row = r.ios().row(0);
        assertThat(row.getInt("retries")).isEqualTo(65_535);
        assertThat(row.getInt("kicks")).isEqualTo(70_000);
        assertThat(row.getInt("wakeups")).isEqualTo(1 << 30);
        assertThat(row.getInt("spurious_wakeups")).isEqualTo(65_534);
    }

    @Test
    void badRecordsAreRejected() {
        Recorder r = Recorder.full();
        assertThatThrownBy(() -> r.ioCompleted(TraceRecords.io(0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0)))
                .hasMessageContaining("unknown job code 0");
        int j = r.jobCode("j");
        int e = r.engineCode("sync");
        assertThatThrownBy(() -> r.ioCompleted(TraceRecords.io(j, 1, 0, e, 0, 1, 10, 5, 0, 0, 0, 0, 0)))
                .hasMessageContaining("before its submission");
        r.sample(10, 0, 0, 0, 0, 0);
        assertThatThrownBy(() -> r.sample(5, 0, 0, 0, 0, 0)).hasMessageContaining("back in time");
    }

    /** Prints the heap figure for the record; benchmarks print, tests do not assert on it. */
    @Test
    void heapPerIoIsMeasuredAndPrinted() {
        // 500k keeps the suite fast on two cores; HeapFootprint.main (aiolab bench) measures 1M by default
        System.out.println(HeapFootprint.report(500_000, Recorder.Mode.FULL));
        System.out.println(HeapFootprint.report(500_000, Recorder.Mode.AGGREGATES_ONLY));
    }

    static Row summaryRow(Table summary, String job) {
        for (Row row : summary) {
            if (row.getString("job").equals(job)) {
                return row;
            }
        }
        throw new AssertionError("no summary row " + job);
    }
}
