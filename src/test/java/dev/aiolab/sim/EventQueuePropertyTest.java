package dev.aiolab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The 4-ary heap against a reference ordered set, on random interleavings of schedule, cancel and poll. */
class EventQueuePropertyTest {

    /** kind 0-2: schedule at now + arg; 3: cancel the pending event number arg; 4: peek and poll; 5: poll. */
    record Op(int kind, int arg) {}

    private static final class Probe extends Event {
        @Override
        public void fire() {}
    }

    private static final Comparator<Event> BY_TIME_SEQ =
            Comparator.<Event>comparingLong(e -> e.time).thenComparingLong(e -> e.seq);

    @Provide
    Arbitrary<List<Op>> ops() {
        // small time offsets so that many events share a time and the seq tie-break is exercised
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 1_000)).as((k, a) -> new Op(k, k < 3 ? a % 8 : a));
        return op.list().ofMaxSize(400);
    }

    @Provide
    Arbitrary<List<Op>> longOps() {
        // a random walk of the pending count long enough to cross between sorted-array and heap modes
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 1_000)).as((k, a) -> new Op(k, k < 3 ? a % 8 : a));
        return op.list().ofMinSize(500).ofMaxSize(3_000);
    }

    @Property(tries = 300)
    void pollsInTimeThenSchedulingOrderLikeTheReference(@ForAll("ops") List<Op> ops) {
        check(ops);
    }

    @Property(tries = 100)
    void staysInOrderAcrossSortedArrayAndHeapModes(@ForAll("longOps") List<Op> ops) {
        check(ops);
    }

    @Property(tries = 50)
    void growingPastTheSortedArrayAndShrinkingBackKeepsOrder(@ForAll("ops") List<Op> ops) {
        List<Op> all = new ArrayList<>();
        for (int i = 0; i < 2 * EventQueue.SMALL_MAX; i++) {
            all.add(new Op(0, i % 5));
        }
        all.addAll(ops);
        for (int i = 0; i < 3 * EventQueue.SMALL_MAX; i++) {
            all.add(new Op(5, 0));
        }
        check(all);
    }

    private static void check(List<Op> ops) {
        EventQueue q = new EventQueue();
        TreeSet<Event> ref = new TreeSet<>(BY_TIME_SEQ);
        List<Event> pending = new ArrayList<>();
        long now = 0;
        long seq = 0;
        for (Op op : ops) {
            if (op.kind() < 3) {
                Event e = new Probe();
                e.time = now + op.arg();
                e.seq = seq++;
                q.add(e);
                ref.add(e);
                pending.add(e);
                assertThat(e.isPending()).isTrue();
            } else if (op.kind() == 3) {
                if (!pending.isEmpty()) {
                    Event e = pending.remove(op.arg() % pending.size());
                    q.remove(e);
                    ref.remove(e);
                    assertThat(e.isPending()).isFalse();
                }
            } else if (!ref.isEmpty()) {
                if (op.kind() == 4) {
                    assertThat(q.peekTime()).isEqualTo(ref.first().time);
                }
                Event e = q.poll();
                assertThat(e).isSameAs(ref.pollFirst());
                assertThat(e.isPending()).isFalse();
                pending.remove(e);
                now = e.time;
            }
            assertThat(q.size()).isEqualTo(ref.size());
            assertThat(q.isEmpty()).isEqualTo(ref.isEmpty());
        }
        while (!ref.isEmpty()) {
            assertThat(q.poll()).isSameAs(ref.pollFirst());
        }
        assertThat(q.isEmpty()).isTrue();
    }

    @Property(tries = 100)
    void clearLeavesNoEventPending(@ForAll("ops") List<Op> ops) {
        EventQueue q = new EventQueue();
        List<Event> all = new ArrayList<>();
        long seq = 0;
        for (Op op : ops) {
            if (op.kind() < 4) {
                Event e = new Probe();
                e.time = op.arg();
                e.seq = seq++;
                q.add(e);
                all.add(e);
            } else if (!q.isEmpty()) {
                q.poll();
            }
        }
        q.clear();
        assertThat(q.isEmpty()).isTrue();
        assertThat(all).noneMatch(Event::isPending);
    }
}
