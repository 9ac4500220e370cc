package dev.aiolab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.KernelConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProgressDefaultTest {

    @AfterEach
    void reset() {
        ProgressListener.setDefault(title -> ProgressListener.NONE);
    }

    @Test
    void runsAndSweepsWithoutAListenerReportToTheDefaultOneAndEndAtOne() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        ProgressListener.setDefault(title -> (fraction, label) -> seen.add(title + " " + fraction));
        Machine m = Machine.builder().cpus(1).memory("32M").disk(Disk.ram()).file("f", "64M")
                .kernel(KernelConfig.aioWaitBit()).build();
        Experiment e = Experiment.on(m).job(Job.sync("s").file("f").rw("randread").bs("4k").ios(20_000));
        e.run();
        assertThat(seen).anyMatch(s -> s.startsWith("aiolab run 0.")).last().isEqualTo("aiolab run 1.0");

        seen.clear();
        e.sweep().vary("bs", "4k", "8k").run();
        // the sweep reports per point; its runs report nothing of their own
        assertThat(seen).containsExactly("aiolab sweep 0.5", "aiolab sweep 1.0");
    }
}
