package dev.aiolab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiolab.kernel.KernelConfig;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MachineTest {

    static Stream<Arguments> badMachines() {
        return Stream.of(
                Arguments.of("cpus", (UnaryOperator<Machine.Builder>) b -> b.cpus(0), "cpus=0", "accepted: 1..256"),
                Arguments.of("memory (form)", (UnaryOperator<Machine.Builder>) b -> b.memory("lots"), "memory=lots",
                        "not a size"),
                Arguments.of("memory (too small)", (UnaryOperator<Machine.Builder>) b -> b.memory("1M"), "memory=1M",
                        "at least 16M"),
                Arguments.of("disk", (UnaryOperator<Machine.Builder>) b -> b.disk(null), "disk must not be null", ""),
                Arguments.of("file (name)", (UnaryOperator<Machine.Builder>) b -> b.file("a b", "1M"),
                        "file name 'a b'", "accepted"),
                Arguments.of("file (size)", (UnaryOperator<Machine.Builder>) b -> b.file("f", "100"), "size=100",
                        "4k pages"),
                Arguments.of("file (twice)", (UnaryOperator<Machine.Builder>) b -> b.file("data", "1M"),
                        "file 'data' is added twice", ""),
                Arguments.of("kernel", (UnaryOperator<Machine.Builder>) b -> b.kernel(null), "kernel must not be null",
                        ""),
                Arguments.of("kernel (readahead)", (UnaryOperator<Machine.Builder>) b -> b.kernel(
                        KernelConfig.aioWaitBit().with(KernelConfig.READAHEAD_MIN_KB, 256)),
                        "machine: kernel aioWaitBit+: readahead_min_kb=256 exceeds readahead_max_kb=128",
                        "accepted: readahead_min_kb <= readahead_max_kb"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMachines")
    void badMachineIsRejectedNamingTheOption(String option, UnaryOperator<Machine.Builder> setup, String fragment,
            String accepted) {
        assertThatThrownBy(() -> setup.apply(Machine.builder().file("data", "1G")).build())
                .hasMessageContaining(fragment).hasMessageContaining(accepted);
    }

    @Test
    void aMachineNeedsAFileAndJobsMustFitTheirFiles() {
        assertThatThrownBy(() -> Machine.builder().build()).hasMessageContaining("no files");
        Machine m = Machine.builder().cpus(4).memory("512M").disk(Disk.nvme()).file("data", "64M")
                .kernel(KernelConfig.modernWaitTable()).build();
        assertThat(m.toMap()).containsEntry("cpus", 4).containsEntry("memory", "512M");
        assertThat(m.withKernel(KernelConfig.linux2612()).kernel()).isEqualTo(KernelConfig.linux2612());
        m.checkJobs(List.of(Job.aio("ok").size("64M").file("data").build()));
        assertThatThrownBy(() -> m.checkJobs(List.of(Job.aio("big").size("128M").file("data").build())))
                .hasMessageContaining("job 'big'").hasMessageContaining("does not fit in file 'data' of 64M");
        assertThatThrownBy(() -> m.checkJobs(List.of(Job.aio("lost").size("1M").build())))
                .hasMessageContaining("filename=lost is not a file of the machine");
        assertThatThrownBy(() -> m.checkJobs(List.of())).hasMessageContaining("no jobs");
        Job twice = Job.aio("twice").size("1M").file("data").build();
        assertThatThrownBy(() -> m.checkJobs(List.of(twice, twice))).hasMessageContaining("appears twice");
    }

    /** The cases: a file larger than its disk failed at run time; files summing past it ran silently. */
    @Test
    void filesMustFitOnTheDiskAloneAndTogether() {
        assertThatThrownBy(() -> Machine.builder().disk(Disk.ram()).file("data", "1G").build())
                .hasMessageContaining("machine: file 'data' (1G) does not fit on the disk")
                .hasMessageContaining("capacity_gb=0.06711 (64M)");
        assertThatThrownBy(() -> Machine.builder().disk(Disk.ram()).file("data", "48M").file("log", "32M").build())
                .hasMessageContaining("machine: files data (48M), log (32M) take 80M together")
                .hasMessageContaining("more than the disk's capacity_gb=0.06711 (64M)")
                .hasMessageContaining("Disk.ram().with(\"capacity_gb\", ");
        Machine.builder().disk(Disk.ram()).file("data", "32M").file("log", "32M").build();
        assertThat(Machine.builder().disk(Disk.ram().with("capacity_gb", 2)).file("data", "1G").build().files())
                .containsKey("data");
    }
}
