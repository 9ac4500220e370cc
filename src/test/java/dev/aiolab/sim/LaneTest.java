package dev.aiolab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Events scheduled in lanes fire exactly as if scheduled directly, and are counted as pending. */
class LaneTest {

    private static final class Recorder extends Event {
        final int id;
        final List<Integer> log;

        Recorder(int id, List<Integer> log) {
            this.id = id;
            this.log = log;
        }

        @Override
        public void fire() {
            log.add(id);
        }
    }

    /** kind 0: plain, at now + arg; 1-3: in lane kind-1, at its last time (or now) + arg; 4: cancel plain pending number arg; 5: fire one. */
    record Op(int kind, int arg) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        // small offsets, so that plain and lane events often share a time and the seq tie-break decides
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 1_000)).as((k, a) -> new Op(k, k < 4 ? a % 4 : a));
        return op.list().ofMaxSize(600);
    }

    /** Drives the same script on two engines: one puts lane events in lanes, the other schedules everything directly. */
    @Property(tries = 300)
    void laneEventsFireInTheOrderOfDirectScheduling(@ForAll("ops") List<Op> ops) {
        Simulation withLanes = new Simulation(1);
        Simulation direct = new Simulation(1);
        Lane[] lanes = {new Lane("a"), new Lane("b"), new Lane("c")};
        long[] laneLast = new long[lanes.length];
        List<Integer> logL = new ArrayList<>();
        List<Integer> logD = new ArrayList<>();
        List<Recorder> pendingL = new ArrayList<>();
        List<Recorder> pendingD = new ArrayList<>();
        int ids = 0;
        for (Op op : ops) {
            if (op.kind() < 4) {
                Recorder l = new Recorder(ids, logL);
                Recorder d = new Recorder(ids, logD);
                ids++;
                if (op.kind() == 0) {
                    withLanes.scheduleAt(l, withLanes.now() + op.arg());
                } else {
                    int k = op.kind() - 1;
                    long t = Math.max(withLanes.now(), lanes[k].size() == 0 ? 0 : laneLast[k]) + op.arg();
                    laneLast[k] = t;
                    withLanes.scheduleAt(l, t, lanes[k]);
                }
                direct.scheduleAt(d, l.time());
                if (op.kind() == 0) {
                    pendingL.add(l);
                    pendingD.add(d);
                }
            } else if (op.kind() == 4) {
                pendingL.removeIf(e -> !e.isPending());
                pendingD.removeIf(e -> !e.isPending());
                if (!pendingL.isEmpty()) {
                    int i = op.arg() % pendingL.size();
                    assertThat(withLanes.cancel(pendingL.remove(i))).isTrue();
                    assertThat(direct.cancel(pendingD.remove(i))).isTrue();
                }
            } else {
                fireOne(withLanes, logL);
                fireOne(direct, logD);
            }
            assertThat(withLanes.pending()).isEqualTo(direct.pending());
            assertThat(withLanes.now()).isEqualTo(direct.now());
        }
        withLanes.run();
        direct.run();
        assertThat(logL).isEqualTo(logD);
        assertThat(withLanes.eventsFired()).isEqualTo(direct.eventsFired());
        for (Lane lane : lanes) {
            assertThat(lane.size()).isZero();
        }
    }

    /** Recorders numbered 0, 1, ... scheduled in {@code lane} at {@code times}, in order. */
    private static Recorder[] inLane(Simulation sim, Lane lane, List<Integer> log, long... times) {
        Recorder[] rs = new Recorder[times.length];
        for (int i = 0; i < times.length; i++) {
            rs[i] = new Recorder(i, log);
            sim.scheduleAt(rs[i], times[i], lane);
        }
        return rs;
    }

    private static void fireOne(Simulation sim, List<Integer> log) {
        int before = log.size();
        sim.runUntil(() -> log.size() > before);
    }

    @Test
    void aLaneRefusesATimeBeforeItsLastPendingEvent() {
        Simulation sim = new Simulation(1);
        Lane lane = new Lane("disk.media");
        List<Integer> log = new ArrayList<>();
        sim.scheduleAt(new Recorder(0, log), 100, lane);
        assertThatThrownBy(() -> sim.scheduleAt(new Recorder(1, log), 99, lane))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lane disk.media")
                .hasMessageContaining("99 ns")
                .hasMessageContaining("100 ns");
        assertThat(sim.pending()).isEqualTo(1);
        // once the lane is empty, any time from now on is accepted
        sim.run();
        sim.scheduleAt(new Recorder(2, log), 100, lane);
        assertThat(lane.size()).isEqualTo(1);
    }

    @Test
    void eventsWaitingInALaneArePendingUntilTheyFire() {
        Simulation sim = new Simulation(1);
        Lane lane = new Lane("l");
        List<Integer> log = new ArrayList<>();
        Recorder[] rs = inLane(sim, lane, log, 10, 10, 10);
        assertThat(sim.pending()).isEqualTo(3);
        assertThat(sim.pendingLive()).isEqualTo(3);
        assertThat(rs).allMatch(Event::isPending);
        sim.runUntil(() -> log.size() == 1);
        assertThat(sim.pending()).isEqualTo(2);
        assertThat(rs[0].isPending()).isFalse();
        assertThat(lane.size()).isEqualTo(2);
    }

    @Test
    void anEventInALaneCannotBeCancelledNorADaemonJoinOne() {
        Simulation sim = new Simulation(1);
        Lane lane = new Lane("l");
        List<Integer> log = new ArrayList<>();
        Recorder[] rs = inLane(sim, lane, log, 5, 6);
        Recorder first = rs[0];
        Recorder second = rs[1];
        assertThatThrownBy(() -> sim.cancel(second)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be cancelled");
        assertThatThrownBy(() -> sim.cancel(first)).isInstanceOf(IllegalStateException.class);
        Recorder daemon = new Recorder(2, log);
        daemon.daemon(true);
        assertThatThrownBy(() -> sim.scheduleAt(daemon, 7, lane)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("daemon");
        sim.run();
        assertThat(log).containsExactly(0, 1);
    }

    @Test
    void clearForgetsTheEventsInLanes() {
        Simulation sim = new Simulation(1);
        Lane lane = new Lane("l");
        List<Integer> log = new ArrayList<>();
        Recorder[] rs = inLane(sim, lane, log, 1, 2);
        Recorder a = rs[0];
        Recorder b = rs[1];
        sim.clear();
        assertThat(sim.pending()).isZero();
        assertThat(a.isPending()).isFalse();
        assertThat(b.isPending()).isFalse();
        assertThat(lane.size()).isZero();
        // both can be scheduled again, directly or in the lane
        sim.scheduleAt(b, 3);
        sim.scheduleAt(a, 4, lane);
        sim.run();
        assertThat(log).containsExactly(1, 0);
    }
}
