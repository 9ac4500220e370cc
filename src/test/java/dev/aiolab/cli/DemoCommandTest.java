package dev.aiolab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.lab.Flagship;
import dev.aiolab.lab.Sweep;
import dev.aiolab.lab.SyntheticRuns;
import dev.aiolab.metrics.PrintedFigures;
import dev.aiolab.metrics.TextTable;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class DemoCommandTest {

    /** A sweep shaped like the flagship's, from synthetic runs: kernel, iodepth, then the summary's columns. */
    static Table flagshipShapedSweep() {
        return Sweep.of("t").vary("kernel", Flagship.kernels().toArray())
                .vary("iodepth", 1, 8, 32, 128).threads(2)
                .runner(p -> SyntheticRuns.run(p.get("kernel", KernelConfig.class), p.get("iodepth", Integer.class),
                        p.seed(), 300 + 7 * p.get("iodepth", Integer.class), 5))
                .run();
    }

    @Test
    void theTerminalTableShowsRoundedFiguresAndFitsAWideTerminal() {
        String printed = TextTable.of(DemoCommand.shown(flagshipShapedSweep()));
        assertThat(PrintedFigures.noisy(printed)).as(printed).isFalse();
        assertThat(printed.lines().mapToInt(String::length).max().orElseThrow()).as(printed).isLessThanOrEqualTo(132);
    }
}
