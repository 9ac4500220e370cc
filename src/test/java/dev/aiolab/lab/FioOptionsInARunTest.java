package dev.aiolab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiolab.kernel.KernelConfig;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * What each fio option the README lists does to a run, on a disk whose every command takes 100 us
 * (served one at a time), so that the times in the I/O table can be read off by hand.
 */
class FioOptionsInARunTest {
    static final double SERVICE_US = 100;

    static Machine machine() {
        return Machine.builder().cpus(1).memory("64M").disk(Disk.deterministic(100_000)).file("data", "64M")
                .file("small", "4M").kernel(KernelConfig.aioWaitBit()).build();
    }

    static Table ios(Job.Builder job) {
        return ios(job, "data");
    }

    static Table ios(Job.Builder job, String file) {
        return Experiment.on(machine()).seed(3).job(job.file(file)).run().ios();
    }

    static double[] col(Table t, String name) {
        return t.doubleColumn(name).asDoubleArray();
    }

    /** I/Os submitted before I/O {@code i} and completing after its submission. */
    static int inFlightAt(Table t, int i) {
        double[] submit = col(t, "submit_us");
        double[] complete = col(t, "complete_us");
        int n = 0;
        for (int j = 0; j < t.rowCount(); j++) {
            if (submit[j] < submit[i] && complete[j] > submit[i]) {
                n++;
            }
        }
        return n;
    }

    /** Rows in submission order (the table is in completion order). */
    static Table bySubmission(Table t) {
        return t.sortAscendingOn("submit_us");
    }

    @Test
    void thinktimeSpacesASyncJobsSubmissionsByItsValueAfterEachCompletion() {
        Table t = bySubmission(ios(Job.sync("think").rw("randread").direct(true).thinktime("200us").ios(20)));
        double[] submit = col(t, "submit_us");
        double[] complete = col(t, "complete_us");
        for (int k = 1; k < t.rowCount(); k++) {
            // 200 us of thinking, then the task's wakeup and system call entry (a few us)
            assertThat(submit[k] - complete[k - 1]).as("gap before I/O " + k).isBetween(200.0, 210.0);
        }
    }

    /**
     * fio's thinktime_blocks defaults to 1: after every I/O fio waits for the I/Os in flight to complete
     * (io_u_quiesce), then thinks, "which effectively caps the queue depth" at 1 (fio HOWTO).
     */
    @Test
    void thinktimeWaitsForTheIosInFlightBeforeThinkingAsFioDoes() {
        Table t = bySubmission(ios(Job.aio("think").rw("randread").direct(true).iodepth(8).thinktime("200us")
                .ios(20)));
        double[] submit = col(t, "submit_us");
        double[] complete = col(t, "complete_us");
        for (int k = 1; k < t.rowCount(); k++) {
            assertThat(inFlightAt(t, k)).as("in flight when I/O " + k + " is submitted").isZero();
            assertThat(submit[k] - complete[k - 1]).as("gap before I/O " + k).isBetween(200.0, 215.0);
        }
        // without thinktime the same job keeps 8 in flight
        Table busy = bySubmission(ios(Job.aio("busy").rw("randread").direct(true).iodepth(8).ios(20)));
        assertThat(inFlightAt(busy, 7)).isEqualTo(7);
    }

    @Test
    void offsetConfinesARandomJobToItsRegionAndStartsASequentialOne() {
        Table t = ios(Job.aio("off").rw("randread").direct(true).iodepth(4).offset("16M").size("8M").ios(2_000));
        long[] offsets = t.longColumn("offset").asLongArray();
        long lo = 16L << 20;
        long hi = 24L << 20;
        assertThat(t.longColumn("offset").asList()).allSatisfy(o -> assertThat(o).isBetween(lo, hi - 4096));
        assertThat(Arrays.stream(offsets).min().orElseThrow()).isLessThan(lo + (256 << 10));
        assertThat(Arrays.stream(offsets).max().orElseThrow()).isGreaterThan(hi - (256 << 10));
        Table seq = bySubmission(ios(Job.sync("seq").rw("read").direct(true).offset("16M").size("64k")));
        assertThat(seq.longColumn("offset").asList()).containsExactly(lo, lo + 4096, lo + 8192, lo + 12288,
                lo + 16384, lo + 20480, lo + 24576, lo + 28672, lo + 32768, lo + 36864, lo + 40960, lo + 45056,
                lo + 49152, lo + 53248, lo + 57344, lo + 61440);
    }

    /**
     * fio issues an fsync before the next write once {@code fsync} writes were issued, so 16 writes with
     * fsync=4 give fsyncs after writes 4, 8 and 12 (none after the last; that is fio's end_fsync).
     */
    @Test
    void fsyncSyncsTheFileAfterEveryNWritesAndWaitsForTheDisk() {
        for (Job.Builder job : List.of(Job.sync("w").rw("write").fsync(4).ios(16),
                Job.aio("aw").rw("write").iodepth(1).fsync(4).ios(16))) {
            Table t = bySubmission(ios(job));
            assertThat(String.join("", t.stringColumn("op").asList().stream()
                    .map(op -> op.equals("fsync") ? "F" : "w").toList())).as(job.build().name())
                    .isEqualTo("wwwwFwwwwFwwwwFwwww");
            Table fsyncs = t.where(t.stringColumn("op").isEqualTo("fsync"));
            assertThat(fsyncs.intColumn("result").asList()).as("fsync results").containsOnly(0);
            // each fsync writes the 4 dirty pages out: at least one command of the disk
            assertThat(fsyncs.doubleColumn("latency_us").asList()).allSatisfy(l -> assertThat(l).isGreaterThanOrEqualTo(SERVICE_US));
            Table writes = t.where(t.stringColumn("op").isEqualTo("write"));
            assertThat(writes.doubleColumn("latency_us").asList()).allSatisfy(l -> assertThat(l).isLessThan(SERVICE_US));
        }
    }

    @Test
    void syncMakesEachWriteWaitForTheDiskAsOSyncDoes() {
        for (String engine : List.of("sync", "libaio")) {
            Table osync = ios(Job.withEngine("o", engine).rw("write").sync(true).ios(20));
            assertThat(osync.doubleColumn("latency_us").asList()).as(engine).allSatisfy(l -> assertThat(l)
                    .isGreaterThanOrEqualTo(SERVICE_US));
            Table buffered = ios(Job.withEngine("b", engine).rw("write").ios(20));
            assertThat(buffered.doubleColumn("latency_us").asList()).as(engine).allSatisfy(l -> assertThat(l).isLessThan(SERVICE_US));
        }
    }

    /**
     * Bursts of submissions (I/Os submitted less than 50 us after the one before, a tenth of a command of
     * the disk): their sizes, and the I/Os still in flight when each begins.
     */
    static List<int[]> bursts(Table bySubmission) {
        double[] submit = col(bySubmission, "submit_us");
        List<int[]> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 1; i <= submit.length; i++) {
            if (i == submit.length || submit[i] - submit[i - 1] > 50) {
                out.add(new int[] {i - start, inFlightAt(bySubmission, start)});
                start = i;
            }
        }
        return out;
    }

    /**
     * A disk that serves one command at a time completes one I/O every 100 us: with min_nr 1 the job refills
     * one slot after each, with iodepth_batch_complete_min=4 it reaps four and then refills four.
     */
    @Test
    void iodepthBatchCompleteMinMakesTheJobReapThatManyBeforeItSubmitsAgain() {
        Table one = bySubmission(ios(Job.aio("one").rw("randread").direct(true).iodepth(8).ios(64)));
        Table four = bySubmission(ios(Job.aio("four").rw("randread").direct(true).iodepth(8)
                .iodepthBatchCompleteMin(4).ios(64)));
        List<int[]> b1 = bursts(one);
        List<int[]> b4 = bursts(four);
        assertThat(b1.get(0)).containsExactly(8, 0);
        assertThat(b1.subList(1, b1.size())).allSatisfy(b -> assertThat(b).containsExactly(1, 7));
        assertThat(b4.get(0)).containsExactly(8, 0);
        assertThat(b4.subList(1, b4.size())).allSatisfy(b -> assertThat(b).containsExactly(4, 4));
    }

    /** Block popularity: the share of the I/Os that the most accessed {@code fraction} of the blocks received. */
    static double shareOfHottest(long[] offsets, long blocks, double fraction) {
        Map<Long, Integer> hits = new HashMap<>();
        for (long o : offsets) {
            hits.merge(o, 1, Integer::sum);
        }
        int[] counts = hits.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        long top = Math.round(blocks * fraction);
        long sum = 0;
        for (int i = counts.length - 1; i >= 0 && counts.length - 1 - i < top; i--) {
            sum += counts[i];
        }
        return (double) sum / offsets.length;
    }

    /**
     * zipf:1.2 over 16,384 blocks gives the hottest 1% (164 blocks) H(164, 1.2) / H(16384, 1.2) = 3.79 / 4.87,
     * about 78% of the I/Os; fio hashes the ranks so that hot blocks spread over the file instead of sitting
     * at its start ("the spread doesn't always just favor the lower LBA range", fio commit e25839d4).
     */
    @Test
    void randomDistributionSkewsTheOffsetsAndSpreadsTheHotBlocksOverTheRegion() {
        long blocks = (64L << 20) / 4096;
        long[] zipf = ios(Job.aio("z").rw("randread").direct(true).iodepth(16).randomDistribution("zipf:1.2")
                .ios(5_000)).longColumn("offset").asLongArray();
        long[] uniform = ios(Job.aio("u").rw("randread").direct(true).iodepth(16).ios(5_000))
                .longColumn("offset").asLongArray();
        assertThat(shareOfHottest(zipf, blocks, 0.01)).isCloseTo(0.78, within(0.05));
        // 5,000 uniform draws over 16,384 blocks: the hottest 1% were drawn 2 or 3 times, about 8% of the I/Os
        assertThat(shareOfHottest(uniform, blocks, 0.01)).isLessThan(0.15);
        // pareto:0.2 is the 80/20 rule: 80% of the I/Os on 20% of the blocks (here 1,024 blocks, 20,000 I/Os)
        long[] pareto = ios(Job.aio("p").rw("randread").direct(true).iodepth(16).randomDistribution("pareto:0.2")
                .ios(20_000), "small").longColumn("offset").asLongArray();
        assertThat(shareOfHottest(pareto, 1024, 0.2)).isCloseTo(0.8, within(0.03));
        assertThat(hottestBlocksSpread(zipf)).as("span of the 10 hottest blocks").isGreaterThan(32L << 20);
        assertThat(hottestBlocksSpread(pareto)).as("span of the 10 hottest blocks").isGreaterThan(2L << 20);
    }

    /** The span in bytes between the lowest and highest of the 10 most accessed offsets. */
    static long hottestBlocksSpread(long[] offsets) {
        Map<Long, Integer> hits = new HashMap<>();
        for (long o : offsets) {
            hits.merge(o, 1, Integer::sum);
        }
        long[] hottest = hits.entrySet().stream().sorted(Map.Entry.<Long, Integer>comparingByValue().reversed())
                .limit(10).mapToLong(Map.Entry::getKey).toArray();
        return Arrays.stream(hottest).max().orElseThrow() - Arrays.stream(hottest).min().orElseThrow();
    }

    @Test
    void rateProcessLinearIssuesAtExactlyEvenIntervalsAndPoissonAtRandomOnes() {
        double[] linear = col(bySubmission(ios(Job.aio("lin").rw("randread").direct(true).iodepth(4)
                .rateIops(1_000).rateProcess("linear").ios(50))), "submit_us");
        for (int k = 1; k < linear.length; k++) {
            assertThat(linear[k] - linear[k - 1]).isCloseTo(1_000.0, within(1e-6));
        }
        double[] poisson = col(bySubmission(ios(Job.aio("poi").rw("randread").direct(true).iodepth(4)
                .rateIops(1_000).rateProcess("poisson").ios(400))), "submit_us");
        double[] gaps = new double[poisson.length - 1];
        for (int k = 1; k < poisson.length; k++) {
            gaps[k - 1] = poisson[k] - poisson[k - 1];
        }
        double mean = Arrays.stream(gaps).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).average().orElseThrow());
        // exponential gaps: mean 1 ms and a coefficient of variation of 1 (400 samples: about 5% error)
        assertThat(mean).isCloseTo(1_000.0, within(150.0));
        assertThat(sd / mean).isCloseTo(1.0, within(0.2));
    }
}
