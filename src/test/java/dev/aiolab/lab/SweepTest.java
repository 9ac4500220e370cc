package dev.aiolab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiolab.kernel.KernelConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class SweepTest {

    /** Stands in for the kernel integration: a synthetic run whose size depends on the point. */
    static final Function<Sweep.Point<String>, RunResult> RUNNER = p -> SyntheticRuns.run(
            p.get("kernel", KernelConfig.class), p.get("iodepth", Integer.class), p.seed(),
            500 * p.get("iodepth", Integer.class), 5 + p.index());

    static Sweep<String> sweep() {
        return Sweep.of("template").vary("kernel", KernelConfig.linux2612(), KernelConfig.aioWaitBit())
                .vary("iodepth", 1, 8, 32).seeds(1, 2).runner(RUNNER);
    }

    static String csv(Table t) {
        StringWriter w = new StringWriter();
        t.write().csv(w);
        return w.toString();
    }

    @Test
    void pointsCrossParametersInOrderWithSeedsFastest() {
        List<Sweep.Point<String>> points = sweep().points();
        assertThat(points).hasSize(12);
        assertThat(points.get(0).label()).isEqualTo("kernel=linux2612 iodepth=1 seed=1");
        assertThat(points.get(1).label()).isEqualTo("kernel=linux2612 iodepth=1 seed=2");
        assertThat(points.get(2).label()).isEqualTo("kernel=linux2612 iodepth=8 seed=1");
        assertThat(points.get(11).label()).isEqualTo("kernel=aioWaitBit iodepth=32 seed=2");
        assertThat(points.get(11).template()).isEqualTo("template");
    }

    @Test
    void tableIsIdenticalWhateverTheParallelism() {
        String one = csv(sweep().threads(1).run());
        String four = csv(sweep().threads(4).run());
        assertThat(four).isEqualTo(one);
        Table t = sweep().threads(3).run();
        assertThat(t.rowCount()).isEqualTo(12);
        assertThat(t.columnNames()).startsWith("point", "kernel", "iodepth", "seed", "ios", "aio_ios", "iops");
        assertThat(t.stringColumn("kernel").get(6)).isEqualTo("aioWaitBit");
        assertThat(t.longColumn("iodepth").get(4)).isEqualTo(32);
        assertThat(t.longColumn("ios").get(4)).isEqualTo(500 * 32);
    }

    @Test
    void progressReachesOneAndTheTextBarDrawsIt() {
        List<Double> fractions = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextProgressBar bar = new TextProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 10);
        sweep().threads(2).progress((f, label) -> {
            fractions.add(f);
            bar.progress(f, label);
        }).run();
        assertThat(fractions).hasSize(12).isSorted().last().isEqualTo(1.0);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("[##########] 100%").endsWith("\n");
        assertThat(bar.render(0.5, "x")).isEqualTo("[#####.....]  50%  x");
    }

    @Test
    void aFailingPointIsNamedAndAMissingRunnerIsExplained() {
        Sweep<String> s = Sweep.of("t").vary("iodepth", 1, 2).runner(p -> {
            throw new IllegalStateException("boom");
        });
        assertThatThrownBy(s::run).hasMessageContaining("sweep point 0 (iodepth=1 seed=1) failed")
                .hasMessageContaining("boom");
        assertThatThrownBy(() -> Sweep.of("t").vary("x", 1).run()).hasMessageContaining("no runner");
        assertThatThrownBy(() -> Sweep.of("t").vary("x")).hasMessageContaining("no values");
        assertThatThrownBy(() -> Sweep.of("t").vary("seed", 1)).hasMessageContaining("'seed' is not accepted");
        assertThatThrownBy(() -> Sweep.of("t").vary("iops", 1)).hasMessageContaining("clashes");
        assertThatThrownBy(() -> sweep().points().get(0).get("bs")).hasMessageContaining("parameters: [kernel, "
                + "iodepth]");
    }

    @Test
    void aSweepTablePrintsRoundedFiguresAndKeepsFullPrecision() {
        Table t = Sweep.of("t").vary("ratio", 0.123456789, 2.5).vary("iodepth", 1, 8).runner(p -> SyntheticRuns.run(
                KernelConfig.aioWaitBit(), p.get("iodepth", Integer.class), p.seed(), 1000, 5)).threads(1).run();
        String printed = t.printAll();
        assertThat(printed).contains("0.1235");
        assertThat(dev.aiolab.metrics.PrintedFigures.noisy(printed)).as(printed).isFalse();
        assertThat(t.doubleColumn("ratio").get(0)).isEqualTo(0.123456789);
        assertThat(csv(t)).contains("0.123456789");
    }

    /** A runner that fails at iodepth 3 and runs the others as {@link #RUNNER} would. */
    static RunResult failingAtThree(Sweep.Point<String> p) {
        if (p.get("iodepth", Integer.class) == 3) {
            throw new IllegalStateException("boom at " + p.label());
        }
        return SyntheticRuns.run(KernelConfig.aioWaitBit(), p.get("iodepth", Integer.class), p.seed(), 100, 3);
    }

    /** The case: one failing point lost the points already computed (results() was empty). */
    @Test
    void aFailingPointKeepsTheComputedRowsAndReportsThePointWithItsParametersAndError() {
        Sweep<String> s = Sweep.of("t").vary("iodepth", 1, 2, 3, 4).threads(1).runner(SweepTest::failingAtThree);
        assertThatThrownBy(s::run).isInstanceOf(Sweep.PointFailedException.class)
                .hasMessageContaining("sweep point 2 (iodepth=3 seed=1) failed: IllegalStateException: boom")
                .hasMessageContaining("the 2 points computed are kept")
                .hasMessageContaining(".continueOnError()");
        assertThat(s.results()).hasSize(2);
        assertThat(s.table().longColumn("iodepth").asList()).containsExactly(1L, 2L);
        assertThat(s.table().longColumn("ios").asList()).containsExactly(100L, 100L);
        Table f = s.failures();
        assertThat(f.columnNames()).containsExactly("point", "iodepth", "seed", "error");
        assertThat(f.rowCount()).isEqualTo(1);
        assertThat(f.stringColumn("iodepth").get(0)).isEqualTo("3");
        assertThat(f.stringColumn("error").get(0)).isEqualTo("IllegalStateException: boom at iodepth=3 seed=1");
    }

    @Test
    void continueOnErrorRunsThePointsPastAFailure() {
        Sweep<String> s = Sweep.of("t").vary("iodepth", 1, 2, 3, 4).seeds(1, 2).threads(2).continueOnError()
                .runner(SweepTest::failingAtThree);
        Table t = s.run();
        assertThat(t.longColumn("iodepth").asList()).containsExactly(1L, 1L, 2L, 2L, 4L, 4L);
        assertThat(t.name()).isEqualTo("sweep (2 of 8 points failed: see failures())");
        assertThat(s.failures().intColumn("point").asList()).containsExactly(4, 5);
        assertThat(s.results()).hasSize(6);
    }

    @Test
    void theDefaultRunnerIsTheIntegrationsHook() {
        try {
            Sweep.setDefaultRunner(p -> SyntheticRuns.run(KernelConfig.linux2612(), 1, p.seed(), 100, 3));
            assertThat(Sweep.of("t").vary("x", 1.5, 2.5).run().doubleColumn("x").asList()).containsExactly(1.5, 2.5);
        } finally {
            Sweep.setDefaultRunner(null);
        }
    }
}
