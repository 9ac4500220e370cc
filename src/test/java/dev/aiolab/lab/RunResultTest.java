package dev.aiolab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.metrics.Figures;
import dev.aiolab.metrics.PrintedFigures;
import dev.aiolab.metrics.Recorder;
import tech.tablesaw.api.Table;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunResultTest {

    @Test
    void manifestHoldsConfigurationSeedAndVersionInOrderAndAsJson() {
        RunResult r = SyntheticRuns.run(KernelConfig.aioWaitBit(), 8, 42, 1000, 10);
        assertThat(r.manifest().keySet()).containsExactly("aiolab_version", "seed", "machine", "jobs");
        assertThat(r.manifest().get("seed")).isEqualTo(42L);
        String json = r.manifestJson();
        assertThat(json).contains("\"aiolab_version\"").contains("\"wait_table\": \"zone_2612\"")
                .contains("\"iodepth\": \"8\"");
        Map<?, ?> back = new Gson().fromJson(json, Map.class);
        Map<?, ?> machine = (Map<?, ?>) back.get("machine");
        Map<?, ?> kernel = (Map<?, ?>) machine.get("kernel");
        @SuppressWarnings("unchecked")
        Map<String, String> params = (Map<String, String>) kernel.get("parameters");
        assertThat(KernelConfig.fromMap((String) kernel.get("name"), params)).isEqualTo(KernelConfig.aioWaitBit());
        assertThat(r.label()).isEqualTo("aioWaitBit");
        assertThat(r.labelled("patched").label()).isEqualTo("patched");
    }

    @Test
    void faultsAndHangsAreSeparateTablesAndCountedInTheSummary() {
        RunResult r = SyntheticRuns.run(KernelConfig.linux2612(), 1, 1, 100, 5);
        assertThat(r.faults().rowCount()).isEqualTo(1);
        assertThat(r.faults().stringColumn("function").get(0)).isEqualTo("aio_run_iocb");
        assertThat(r.hangs().rowCount()).isEqualTo(1);
        assertThat(r.hangs().stringColumn("wait_chain").get(0)).isEqualTo("bucket 17 key 4:0");
        assertThat(r.total().getLong("faults")).isEqualTo(1);
        assertThat(r.total().getLong("hangs")).isEqualTo(1);
        assertThat(r.toString()).contains("linux2612").contains("faults 1").contains("hangs 1");
    }

    @Test
    void htmlCardNamesTheKernelParametersChangedFromItsPreset() {
        KernelConfig k = KernelConfig.aioWaitBit().with(KernelConfig.PG_WAITERS, true);
        RunResult r = SyntheticRuns.run(k, 1, 1, 100, 3);
        assertThat(r.toHtml()).contains("aioWaitBit+ (changed from aioWaitBit: {pg_waiters=true})");
    }

    @Test
    void htmlCardShowsConfigurationHeadlineFaultsAndHangsEscaped() {
        RunResult r = SyntheticRuns.run(KernelConfig.fsAioPlainWait(), 32, 3, 2000, 20);
        String html = r.toHtml();
        assertThat(html).startsWith("<div class=\"aiolab-run\"").contains("aiolab run: fsAioPlainWait")
                .contains("<th style=\"text-align:left;padding:1px 12px 1px 0;vertical-align:top\">seed</th><td>3</td>")
                .contains("job reader").contains("IOPS").contains("p99").contains("Faults: 1").contains("Hangs: 1")
                .contains("kiocb &lt;gave up&gt; after 3 retries").doesNotContain("<gave up>")
                .contains("bucket 17 key 4:0")
                .contains("<td>hdd7200: rpm=7,200, avg_seek_ms=8.5, track_to_track_ms=1, full_stroke_ms=20, "
                        + "transfer_mb_s=60, queue_depth=1, capacity_gb=160</td>");
    }

    @Test
    void htmlCardAndTextGiveFiguresGroupedAndRounded() {
        RunResult r = SyntheticRuns.run(KernelConfig.aioWaitBit(), 8, 5, 5000, 20);
        double iops = r.total().getDouble("iops");
        double mean = r.total().getDouble("lat_mean_us");
        assertThat(iops).isGreaterThan(1000);
        assertThat(r.toHtml()).contains("5,000 (" + Figures.format(iops) + " IOPS").contains("mean "
                + Figures.format(mean) + " us");
        assertThat(PrintedFigures.noisy(r.toHtml())).isFalse();
        assertThat(r.toString()).contains("5,000 I/Os, " + Figures.format(iops) + " IOPS");
    }

    @Test
    void summaryIsANarrowViewOfTheNamedColumnsAndTheFullOneIsACallAway() {
        RunResult r = SyntheticRuns.run(KernelConfig.aioWaitBit(), 8, 5, 2000, 20);
        assertThat(r.summary().columnNames()).containsExactlyElementsOf(Recorder.SUMMARY_VIEW);
        assertThat(r.summaryFull().columnNames()).containsExactlyElementsOf(Recorder.SUMMARY_COLUMNS);
        // a third of the full view, which is about 470 wide
        assertThat(r.summary().print().lines().mapToInt(String::length).max().orElseThrow()).isLessThanOrEqualTo(150);
        assertThat(r.summary().doubleColumn("iops").get(1)).isEqualTo(r.summaryFull().doubleColumn("iops").get(1));
        assertThat(r.total().getDouble("cpu_task_ms")).isEqualTo(20.0);
    }

    @Test
    void theNarrowViewToleratesColumnsItDoesNotName() {
        RunResult r = SyntheticRuns.run(KernelConfig.aioWaitBit(), 8, 5, 200, 20);
        Table full = r.summaryFull().copy();
        full.insertColumn(3, tech.tablesaw.api.DoubleColumn.create("a_later_column", full.rowCount()));
        assertThat(Recorder.summaryView(full).columnNames()).containsExactlyElementsOf(Recorder.SUMMARY_VIEW);
    }
}
