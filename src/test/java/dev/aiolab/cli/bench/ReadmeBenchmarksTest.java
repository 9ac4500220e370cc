package dev.aiolab.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.metrics.Figures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's account of how the rows measure, held against the budget and trial sizes in the code. */
class ReadmeBenchmarksTest {

    static String benchmarksSection() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Benchmarks");
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end).replaceAll("\\s+", " ");
    }

    /** The case: the README said every row reports the best of 3 one-second trials. */
    @Test
    void theReadmeSaysTheWholeStackRowsRunFixedSizeTrials() throws IOException {
        String text = benchmarksSection();
        assertThat(text).doesNotContain("Each row warms up, then reports the best of 3 interleaved one-second trials");
        assertThat(text).contains("warm up for " + Figures.format(Budget.FULL.warmupNanos() / 1e9) + " s, then report "
                + "the best of " + Budget.FULL.trials() + " one-second trials");
        assertThat(Budget.FULL.trialNanos()).isEqualTo(1_000_000_000L);
        assertThat(text).contains("best of " + Budget.FULL.trials() + " runs of "
                + Figures.format(StackSyncReadBenchmark.TRIAL_READS) + " synchronous reads")
                .contains("runs of " + Figures.format(StackSyncReadBenchmark.WARM_UP_READS) + " reads")
                .contains(Figures.format(AioBufferedReadBenchmark.TRIAL_IOS) + " AIO reads");
    }
}
