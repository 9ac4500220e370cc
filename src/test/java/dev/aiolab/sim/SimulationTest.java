package dev.aiolab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {

    private static Event recording(List<String> log, String name) {
        return Event.of(() -> log.add(name));
    }

    @Test
    void eventsAtEqualTimesFireInSchedulingOrder() {
        Simulation sim = new Simulation(1);
        List<String> log = new ArrayList<>();
        sim.scheduleAt(recording(log, "c-late"), 20);
        for (int i = 0; i < 10; i++) {
            sim.scheduleAt(recording(log, "a" + i), 10);
        }
        sim.schedule(recording(log, "b-now"), 0);
        sim.run();
        assertThat(log).containsExactly("b-now", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9",
                "c-late");
    }

    @Test
    void eventScheduledDuringAnEventAtTheSameTimeRunsAfterThoseAlreadyQueued() {
        Simulation sim = new Simulation(1);
        List<String> log = new ArrayList<>();
        sim.scheduleAt(Event.of(() -> {
            log.add("first");
            sim.schedule(recording(log, "scheduled-by-first"), 0);
        }), 5);
        sim.scheduleAt(recording(log, "second"), 5);
        sim.run();
        assertThat(log).containsExactly("first", "second", "scheduled-by-first");
    }

    @Test
    void cancelRemovesAPendingEventAndACancelledEventCanBeRescheduled() {
        Simulation sim = new Simulation(1);
        List<String> log = new ArrayList<>();
        Event e = recording(log, "e");
        sim.scheduleAt(recording(log, "other"), 10);
        sim.scheduleAt(e, 5);
        assertThat(sim.cancel(e)).isTrue();
        assertThat(e.isPending()).isFalse();
        assertThat(sim.cancel(e)).as("cancelling twice").isFalse();
        assertThat(sim.pending()).isEqualTo(1);

        sim.scheduleAt(e, 15);
        sim.run();
        assertThat(log).containsExactly("other", "e");
        assertThat(sim.now()).isEqualTo(15);
        assertThat(sim.eventsFired()).isEqualTo(2);
    }

    @Test
    void aPendingEventCannotBeScheduledTwice() {
        Simulation sim = new Simulation(1);
        Event e = Event.of(() -> { });
        sim.schedule(e, 3);
        assertThatThrownBy(() -> sim.schedule(e, 4)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already pending");
    }

    @Test
    void runUntilTimeRunsEventsAtExactlyThatTimeAndAdvancesTheClock() {
        Simulation sim = new Simulation(1);
        List<String> log = new ArrayList<>();
        sim.scheduleAt(recording(log, "at-100"), 100);
        sim.scheduleAt(recording(log, "at-101"), 101);

        assertThat(sim.runUntil(100)).isEqualTo(StopReason.TIME_LIMIT);
        assertThat(log).containsExactly("at-100");
        assertThat(sim.now()).isEqualTo(100);

        assertThat(sim.runUntil(500)).isEqualTo(StopReason.EMPTY);
        assertThat(log).containsExactly("at-100", "at-101");
        assertThat(sim.now()).as("the clock advances to the end time even with no event left").isEqualTo(500);
    }

    @Test
    void runUntilConditionStopsAfterTheEventThatMakesItHold() {
        Simulation sim = new Simulation(1);
        int[] count = new int[1];
        Event tick = new Event() {
            @Override
            public void fire() {
                count[0]++;
                sim.schedule(this, 10);
            }
        };
        sim.schedule(tick, 0);
        assertThat(sim.runUntil(() -> count[0] == 5)).isEqualTo(StopReason.CONDITION);
        assertThat(count[0]).isEqualTo(5);
        assertThat(sim.now()).isEqualTo(40);
        assertThat(sim.runUntil(() -> true)).as("tested before the first event").isEqualTo(StopReason.CONDITION);
        assertThat(count[0]).isEqualTo(5);
    }

    @Test
    void stopFromAnEventEndsTheRunAfterThatEvent() {
        Simulation sim = new Simulation(1);
        List<String> log = new ArrayList<>();
        sim.scheduleAt(Event.of(() -> {
            log.add("stopper");
            sim.stop();
        }), 1);
        sim.scheduleAt(recording(log, "later"), 2);
        assertThat(sim.run()).isEqualTo(StopReason.STOPPED);
        assertThat(log).containsExactly("stopper");
        assertThat(sim.run()).isEqualTo(StopReason.EMPTY);
        assertThat(log).containsExactly("stopper", "later");
    }

    @Test
    void schedulingInThePastIsRejectedWithAMessage() {
        Simulation sim = new Simulation(1);
        sim.runUntil(1_000);
        assertThatThrownBy(() -> sim.scheduleAt(Event.of(() -> { }), 999))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("999 ns is before now (1000 ns)");
        assertThatThrownBy(() -> sim.schedule(Event.of(() -> { }), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delay must be >= 0");
    }

    @Test
    void interruptedRunStopsWithinThePollIntervalAndKeepsTheInterruptFlag() {
        Simulation sim = new Simulation(1);
        long[] fired = new long[1];
        long interruptAt = 10_000;
        Event tick = new Event() {
            @Override
            public void fire() {
                if (++fired[0] == interruptAt) {
                    Thread.currentThread().interrupt();
                }
                sim.schedule(this, 1);
            }
        };
        sim.schedule(tick, 0);
        StopReason r;
        try {
            r = sim.run();
        } finally {
            assertThat(Thread.interrupted()).as("interrupt flag still set (and now cleared)").isTrue();
        }
        assertThat(r).isEqualTo(StopReason.INTERRUPTED);
        assertThat(fired[0]).isBetween(interruptAt, interruptAt + Simulation.INTERRUPT_POLL_EVENTS);
        assertThat(tick.isPending()).as("the run can go on later").isTrue();
    }

    @Test
    void aThreadInterruptedFromOutsideGetsInterrupted() throws InterruptedException {
        Simulation sim = new Simulation(1);
        Event tick = new Event() {
            @Override
            public void fire() {
                sim.schedule(this, 1);
            }
        };
        sim.schedule(tick, 0);
        StopReason[] reason = new StopReason[1];
        boolean[] flag = new boolean[1];
        Thread t = new Thread(() -> {
            reason[0] = sim.run();
            flag[0] = Thread.currentThread().isInterrupted();
        });
        t.start();
        while (sim.eventsFired() == 0) {
            Thread.onSpinWait();
        }
        t.interrupt();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(reason[0]).isEqualTo(StopReason.INTERRUPTED);
        assertThat(flag[0]).isTrue();
    }
}
