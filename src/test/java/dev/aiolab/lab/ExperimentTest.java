package dev.aiolab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.KernelConfig;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ExperimentTest {

    @Test
    void theIssueExampleRunsAsWritten() {
        Machine m = Machine.builder().cpus(2).memory("256M").disk(Disk.nvme())
                .file("data", "1G").kernel(KernelConfig.aioWaitBit()).build();
        RunResult r = Experiment.on(m).seed(42)
                .job(Job.aio("readers").file("data").rw("randread").bs("4k").iodepth(32).ios(10_000))
                .job(Job.sync("scan").file("data").rw("read").bs("64k").numjobs(2).runtime("1s"))
                .run();
        Table ios = r.ios();
        System.out.println(r.summary().print());
        System.out.println(r.faults().print());
        System.out.println(r.hangs().print());
        assertThat(ios.rowCount()).isGreaterThan(10_000);
        assertThat(r.wakeups().rowCount()).isGreaterThan(0);
        assertThat(r.timeline().rowCount()).isGreaterThan(10);
        assertThat(r.hangs().rowCount()).isZero();
        assertThat(r.manifest()).containsKeys("seed", "machine", "jobs", "aiolab_version");
    }
}
