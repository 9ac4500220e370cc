package dev.aiolab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.sim.Simulation;
import dev.aiolab.sim.StopReason;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class TimelineSamplerTest {

    /** Two CPUs, one of them busy all the time from t = 0: the busy fraction is 0.5 in every interval. */
    static final class FakeState implements TimelineSampler.Source {
        final Simulation sim;

        FakeState(Simulation sim) {
            this.sim = sim;
        }

        @Override
        public int inFlight() {
            return 3;
        }

        @Override
        public int diskQueueDepth() {
            return 1;
        }

        @Override
        public long cpuBusyNs() {
            return sim.now();
        }

        @Override
        public int cpus() {
            return 2;
        }

        @Override
        public long cachePages() {
            return 100;
        }

        @Override
        public long dirtyPages() {
            return 7;
        }
    }

    @Test
    void samplesEveryIntervalAndLetsTheRunEndWhenOnlyTheSamplerIsLeft() {
        Simulation sim = new Simulation(1);
        Recorder r = new Recorder(Recorder.Mode.FULL, 1_000);
        sim.schedule(4_500, () -> { });
        TimelineSampler.start(sim, r, new FakeState(sim));
        StopReason reason = sim.run();
        assertThat(reason).isEqualTo(StopReason.EMPTY);
        Table t = r.timeline();
        // samples at 0, 1, 2, 3, 4 us; after the last live event (4.5 us) only the sampler, a daemon, is
        // left, so the run ends without it
        assertThat(t.doubleColumn("time_us").asList()).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
        assertThat(t.doubleColumn("cpu_busy").asList()).containsExactly(0.0, 0.5, 0.5, 0.5, 0.5);
        assertThat(t.intColumn("in_flight").asList()).containsOnly(3);
        assertThat(t.longColumn("dirty_pages").asList()).containsOnly(7L);
    }
}
