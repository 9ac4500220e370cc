package dev.aiolab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiolab.workload.Distribution;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobTest {

    private static Arguments bad(String option, UnaryOperator<Job.Builder> setup, String... fragments) {
        return Arguments.of(option, setup, fragments);
    }

    /** One bad value per option, then one case per rule that relates options; each names what it rejects. */
    static Stream<Arguments> badJobs() {
        return Stream.of(
                bad("ioengine", b -> b.option("ioengine", "posixaio"), "ioengine=posixaio", "accepted: libaio"),
                bad("rw", b -> b.rw("randomread"), "rw=randomread", "accepted: read, write, randread"),
                bad("rwmixread", b -> b.rw("randrw").rwmixread(101), "rwmixread=101", "accepted: 0..100"),
                bad("rwmixwrite", b -> b.option("rwmixwrite", "-1"), "rwmixwrite=-1", "accepted: 0..100"),
                bad("syncmix", b -> b.syncmix(101), "syncmix=101", "accepted: 0..100"),
                bad("bs (form)", b -> b.bs("4x"), "bs=4x", "not a size", "accepted: a whole number of bytes"),
                bad("bs (alignment)", b -> b.bs("100"), "bs=100", "multiple of 512"),
                bad("size", b -> b.size("0"), "size=0", "accepted: a value greater than zero"),
                bad("number_ios", b -> b.option("number_ios", "lots"), "number_ios=lots", "accepted: a whole number"),
                bad("runtime", b -> b.runtime("10parsecs"), "runtime=10parsecs", "not a duration",
                        "a bare number is in s"),
                bad("iodepth", b -> b.iodepth(0), "iodepth=0", "accepted: 1..65536"),
                bad("iodepth_batch_submit", b -> b.iodepthBatchSubmit(-1), "iodepth_batch_submit=-1", "accepted: 0.."),
                bad("iodepth_batch_complete_min", b -> b.option("iodepth_batch_complete_min", "x"),
                        "iodepth_batch_complete_min=x", "accepted: 0.."),
                bad("direct", b -> b.option("direct", "maybe"), "direct=maybe", "accepted: 0 or 1"),
                bad("sync", b -> b.option("sync", "2"), "sync=2", "accepted: 0 or 1"),
                bad("fsync", b -> b.fsync(-1), "fsync=-1", "accepted: 0.."),
                bad("numjobs", b -> b.numjobs(0), "numjobs=0", "accepted: 1..1024"),
                bad("thinktime", b -> b.thinktime("5 days"), "thinktime=5 days", "a bare number is in us"),
                bad("random_distribution", b -> b.randomDistribution("zipf:0"), "random_distribution=zipf:0",
                        "accepted: random"),
                bad("offset", b -> b.offset("-5"), "offset=-5", "not a size"),
                bad("rate_iops", b -> b.rateIops(0), "rate_iops=0", "accepted: 1.."),
                bad("rate_process", b -> b.rateIops(100).rateProcess("bursty"), "rate_process=bursty",
                        "accepted: linear"),
                bad("filename", b -> b.file("a b"), "filename=a b", "accepted: a file name"),
                bad("unknown option", b -> b.option("blocksizes", "4k"), "unknown option 'blocksizes'",
                        "accepted: ioengine, rw"),
                // rules relating options, checked by build()
                bad("size/number_ios/runtime", b -> Job.aio("j").rw("read"), "size, number_ios and runtime",
                        "accepted: at least one"),
                bad("iodepth with sync", b -> Job.sync("j").size("1M").iodepth(32), "iodepth=32 with ioengine=sync",
                        "accepted: iodepth=1"),
                bad("iodepth_batch_submit > iodepth", b -> b.iodepth(4).iodepthBatchSubmit(8),
                        "iodepth_batch_submit=8 exceeds iodepth=4", "accepted: 0..4"),
                bad("iodepth_batch_complete_min > iodepth", b -> b.iodepth(4).iodepthBatchCompleteMin(5),
                        "iodepth_batch_complete_min=5 exceeds iodepth=4"),
                bad("rwmixread without a mix", b -> b.rw("randread").rwmixread(70), "rwmixread=70 with rw=randread",
                        "accepted: rw=randrw"),
                bad("distribution when sequential", b -> b.rw("read").randomDistribution("zipf:1.2"),
                        "random_distribution=zipf:1.2 with rw=read", "accepted: rw=randread"),
                bad("fsync without writes", b -> b.rw("randread").fsync(8), "fsync=8 with rw=randread",
                        "accepted: fsync with rw=write"),
                bad("rate_process without rate_iops", b -> b.rateProcess("poisson"), "rate_process=poisson without "
                        + "rate_iops"),
                bad("size < bs", b -> b.size("4k").bs("64k"), "size=4k is smaller than bs=64k"),
                bad("direct offset alignment", b -> b.direct(true).offset("100"), "offset=100 with direct=1",
                        "multiple of 512"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJobs")
    void badOptionIsRejectedBeforeTheRunNamingOptionValueAndAcceptedForms(String option,
            UnaryOperator<Job.Builder> setup, String[] fragments) {
        assertThatThrownBy(() -> setup.apply(Job.aio("j").size("1M")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("job 'j'")
                .hasMessageContainingAll(fragments);
    }

    @Test
    void everyOptionHasARejectionCase() {
        List<String> covered = badJobs().map(a -> ((String) a.get()[0]).split(" ")[0]).toList();
        assertThat(covered).containsAll(Job.OPTIONS);
    }

    @Test
    void aFullJobKeepsEveryOption() {
        Job j = Job.aio("mixed").rw("randrw").rwmixread(70).bs("16k").size("1G").ios(1000).runtime("2s").iodepth(32)
                .iodepthBatchSubmit(8).iodepthBatchCompleteMin(4).direct(true).sync(true).fsync(16).numjobs(2)
                .thinktime("10us").randomDistribution("zipf:1.2").offset("1M").rateIops(5000)
                .rateProcess("poisson").file("data").build();
        assertThat(j.engine()).isEqualTo(Job.Engine.LIBAIO);
        assertThat(j.rw()).isEqualTo(Job.Rw.RANDRW);
        assertThat(j.rwmixread()).isEqualTo(70);
        assertThat(j.bs()).isEqualTo(16384);
        assertThat(j.size()).isEqualTo(1L << 30);
        assertThat(j.ios()).isEqualTo(1000);
        assertThat(j.runtimeNs()).isEqualTo(2_000_000_000L);
        assertThat(j.iodepth()).isEqualTo(32);
        assertThat(j.iodepthBatchSubmit()).isEqualTo(8);
        assertThat(j.iodepthBatchCompleteMin()).isEqualTo(4);
        assertThat(j.direct()).isTrue();
        assertThat(j.osync()).isTrue();
        assertThat(j.fsync()).isEqualTo(16);
        assertThat(j.numjobs()).isEqualTo(2);
        assertThat(j.thinktimeNs()).isEqualTo(10_000);
        assertThat(j.distribution()).isEqualTo(new Distribution(Distribution.Kind.ZIPF, 1.2));
        assertThat(j.offset()).isEqualTo(1L << 20);
        assertThat(j.rateIops()).isEqualTo(5000);
        assertThat(j.rateProcess()).isEqualTo(Job.RateProcess.POISSON);
        assertThat(j.file()).isEqualTo("data");
        assertThat(j.toMap()).containsEntry("ioengine", "libaio").containsEntry("bs", "16k")
                .containsEntry("random_distribution", "zipf:1.2");
    }

    @Test
    void genericOptionsAndAliasesMapOntoTheBuilder() {
        Job j = Job.sync("s").option("readwrite", "write").option("blocksize", "8k").option("ios", "10")
                .option("sync", "1").option("fsync", "4").build();
        assertThat(j.engine()).isEqualTo(Job.Engine.SYNC);
        assertThat(j.rw()).isEqualTo(Job.Rw.WRITE);
        assertThat(j.bs()).isEqualTo(8192);
        assertThat(j.ios()).isEqualTo(10);
        assertThat(j.osync()).isTrue();
        assertThat(j.file()).isEqualTo("s");
        assertThat(j.regionBytes(1 << 20)).isEqualTo(1 << 20);
        assertThat(j.opMix(new dev.aiolab.sim.RandomStream(1)).nextIsRead()).isFalse();
        assertThat(j.arrivals(new dev.aiolab.sim.RandomStream(1))).isNull();
    }

    /** The README lists fio names: option() takes each with the value as Java writes it, number or boolean. */
    @Test
    void everyFioNameIsAnOptionTakingNumbersAndBooleansAsTheyAre() {
        Job j = Job.aio("j").option("rw", "randread").option("rate_iops", 5000).option("rate_process", "poisson")
                .option("random_distribution", "zipf:1.2").option("direct", true).option("iodepth", 16)
                .option("thinktime", "10us").option("number_ios", 1000L).build();
        assertThat(j.rateIops()).isEqualTo(5000);
        assertThat(j.rateProcess()).isEqualTo(Job.RateProcess.POISSON);
        assertThat(j.direct()).isTrue();
        assertThat(j.iodepth()).isEqualTo(16);
        assertThat(j.ios()).isEqualTo(1000);
        assertThat(j.toMap()).containsEntry("rate_iops", "5000").containsEntry("direct", "1");
        assertThatThrownBy(() -> Job.aio("j").option("rate_iops", 2.5)).hasMessageContaining("rate_iops=2.5");
        assertThatThrownBy(() -> Job.aio("j").option("rateIops", 5)).hasMessageContaining("unknown option "
                + "'rateIops'").hasMessageContaining("rate_iops");
    }

    @Test
    void jobNamesAreChecked() {
        assertThatThrownBy(() -> Job.aio("two words")).hasMessageContaining("job name 'two words'");
    }
}
