package dev.aiolab.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A forked row runs in a child JVM with the heap options it asks for and brings its figure back. */
class ForkedRowTest {

    /** Reports the budget it was given and the child JVM's {@code MaxNewSize}, in MiB. */
    static final class BudgetEcho implements Benchmark {
        @Override
        public String name() {
            return "budget-echo";
        }

        @Override
        public String unit() {
            return "code";
        }

        @Override
        public Result run(Budget b) {
            long youngMax = Long.parseLong(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("MaxNewSize").getValue());
            return Result.ours(b.warmupNanos() * 1e6 + b.trialNanos() * 1e3 + b.trials() * 1e9
                    + Math.round(youngMax / 1048576.0) * 1e12);
        }
    }

    /** Fails in the child. */
    static final class Broken implements Benchmark {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public String unit() {
            return "none";
        }

        @Override
        public Result run(Budget b) {
            throw new IllegalStateException("broken on purpose");
        }
    }

    @Test
    void theChildGetsTheBudgetAndTheHeapOptionsAndItsFigureComesBack() {
        Result r = new ForkedRow(new BudgetEcho(), List.of("-XX:+UseParallelGC", "-Xmx256m", "-Xmn64m"))
                .run(new Budget(7, 5, 3));
        double young = Math.floor(r.aiolab() / 1e12);
        assertThat(r.aiolab() - young * 1e12).isEqualTo(7e6 + 5e3 + 3e9);
        assertThat(young).isEqualTo(64);
        assertThat(r.hasPeer()).isFalse();
    }

    @Test
    void aChildThatFailsGivesZeroAndNamesTheRowOnStandardError() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Result r;
        try {
            r = new ForkedRow(new Broken(), List.of()).run(new Budget(1, 1, 1));
        } finally {
            System.setErr(err);
        }
        assertThat(r.aiolab()).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("aiolab bench: broken failed (exit 1)");
    }
}
