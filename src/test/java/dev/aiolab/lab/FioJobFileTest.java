package dev.aiolab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FioJobFileTest {

    @Test
    void globalOptionsApplyToTheJobsThatFollowAndJobsOverrideThem() {
        String text = """
                ; the seed's buffered AIO read test
                [global]
                ioengine=libaio
                bs=4k
                size=64M
                direct

                [reader]
                rw=randread
                iodepth=32
                random_distribution=zipf:1.1

                # a synchronous writer
                [writer]
                ioengine=sync
                direct=0
                rw=write
                fsync=8
                """;
        List<Job> jobs = FioJobFile.parse(text);
        assertThat(jobs).hasSize(2);
        Job r = jobs.get(0);
        assertThat(r.name()).isEqualTo("reader");
        assertThat(r.engine()).isEqualTo(Job.Engine.LIBAIO);
        assertThat(r.direct()).isTrue();
        assertThat(r.iodepth()).isEqualTo(32);
        assertThat(r.size()).isEqualTo(64L << 20);
        Job w = jobs.get(1);
        assertThat(w.engine()).isEqualTo(Job.Engine.SYNC);
        assertThat(w.direct()).isFalse();
        assertThat(w.fsync()).isEqualTo(8);
        assertThat(FioJobFile.parse(FioJobFile.format(jobs))).extracting(Job::toMap)
                .containsExactlyElementsOf(jobs.stream().map(Job::toMap).toList());
    }

    @Test
    void unknownOptionsAreRejectedAllNamedWithTheirLines() {
        String text = "[global]\nbs=4k\nnorandommap\n[j]\nsize=1M\ntime_based=1\n";
        assertThatThrownBy(() -> FioJobFile.parse(text))
                .hasMessageContaining("unknown options 'norandommap' (line 3), 'time_based' (line 6)")
                .hasMessageContaining("accepted: ioengine");
    }

    @Test
    void badValuesNameTheLineTheOptionAndTheValue() {
        assertThatThrownBy(() -> FioJobFile.parse("[j]\nsize=1M\nbs=huge\n"))
                .hasMessageContaining("line 3").hasMessageContaining("bs=huge");
        assertThatThrownBy(() -> FioJobFile.parse("[j]\nioengine=mmap\nsize=1M\n"))
                .hasMessageContaining("[j]").hasMessageContaining("ioengine=mmap");
        assertThatThrownBy(() -> FioJobFile.parse("[j]\nrw=read\n"))
                .hasMessageContaining("job [j]").hasMessageContaining("size, number_ios and runtime");
        assertThatThrownBy(() -> FioJobFile.parse("bs=4k\n[j]\n")).hasMessageContaining("outside any section");
        assertThatThrownBy(() -> FioJobFile.parse("[global]\nbs=4k\n")).hasMessageContaining("no job section");
    }
}
