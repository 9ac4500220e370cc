package dev.aiolab.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MeterTest {
    @Test
    void warmUpStopsAtTheFirstRunQuieterThanTheThreshold() {
        AtomicInteger runs = new AtomicInteger();
        // every run is quieter than an unbounded threshold
        assertThat(Meter.warmUntilJitQuiet(runs::incrementAndGet, Long.MAX_VALUE, 5)).isEqualTo(1);
        assertThat(runs).hasValue(1);
    }

    @Test
    void warmUpGivesUpAfterMaxRunsWhenNeverQuiet() {
        AtomicInteger runs = new AtomicInteger();
        // no run compiles for less than 0 ms
        assertThat(Meter.warmUntilJitQuiet(runs::incrementAndGet, 0, 4)).isEqualTo(4);
        assertThat(runs).hasValue(4);
    }

    @Test
    void aQuickBudgetWarmsUpOnceThenReportsTheBestOfItsTrials() {
        AtomicInteger warmUps = new AtomicInteger();
        AtomicInteger trials = new AtomicInteger();
        double[] rates = {3, 7, 5};
        double best = Meter.bestAfterJitSettles(new Budget(1, 1, 3), warmUps::incrementAndGet,
                () -> rates[trials.getAndIncrement()]);
        assertThat(best).isEqualTo(7);
        assertThat(warmUps).hasValue(1);
        assertThat(trials).hasValue(3);
    }
}
