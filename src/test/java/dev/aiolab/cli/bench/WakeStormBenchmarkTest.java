package dev.aiolab.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.kernel.trace.WakeRecord;
import org.junit.jupiter.api.Test;

/** The storm does what its row claims: every wake visits the whole bucket and wakes exactly one waiter. */
class WakeStormBenchmarkTest {

    private static final class Counts implements Probe {
        long calls;
        long visited;
        long woken;
        long filtered;
        long wrongQueue;
        int queueId = -1;

        @Override
        public void wakeCall(WakeRecord w) {
            if (queueId >= 0 && w.queueId != queueId) {
                wrongQueue++;
            }
            calls++;
            visited += w.visited;
            woken += w.woken;
            filtered += w.filtered;
        }
    }

    @Test
    void everyWakeOnTheSharedBucketVisitsAllWaitersFiltersAllButOneAndKeepsTheBucketFull() {
        Counts counts = new Counts();
        WakeStormBenchmark.Storm storm = new WakeStormBenchmark.Storm(16, counts);
        counts.queueId = storm.bucket.id();
        assertThat(storm.table.size()).isEqualTo(4096);

        storm.runFor(0);

        long n = WakeStormBenchmark.BATCH;
        assertThat(storm.calls).isEqualTo(n);
        assertThat(counts.calls).isEqualTo(n);
        assertThat(counts.wrongQueue).isZero();
        assertThat(counts.visited).isEqualTo(16 * n);
        assertThat(counts.woken).isEqualTo(n);
        assertThat(counts.filtered).isEqualTo(15 * n);
        assertThat(storm.bucket.size()).isEqualTo(16);
        assertThat(storm.waiter.wakeups()).isEqualTo(n);
        assertThat(storm.cpu.busyNs()).as("the walk charges CPU time").isPositive();
    }
}
