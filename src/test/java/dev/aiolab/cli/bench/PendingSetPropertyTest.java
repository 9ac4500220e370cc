package dev.aiolab.cli.bench;

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

/** Every candidate structure of {@code --queues} keeps the engine's (time, seq) order, ties FIFO. */
class PendingSetPropertyTest {

    /** kind 0-2: schedule at now + arg; 3: remove the pending node number arg; 4-5: poll. */
    record Op(int kind, int arg) {}

    private static final Comparator<PendingSet.Node> BY_TIME_SEQ =
            Comparator.<PendingSet.Node>comparingLong(n -> n.time).thenComparingLong(n -> n.seq);

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 1_000)).as((k, a) -> new Op(k, k < 3 ? a % 8 : a));
        return op.list().ofMaxSize(400);
    }

    @Property(tries = 200)
    void everyStructurePollsLikeTheReference(@ForAll("ops") List<Op> ops) {
        for (var make : QueueComparison.candidates()) {
            check(make.get(), ops);
        }
    }

    private static void check(PendingSet set, List<Op> ops) {
        TreeSet<PendingSet.Node> ref = new TreeSet<>(BY_TIME_SEQ);
        List<PendingSet.Node> pending = new ArrayList<>();
        long now = 0;
        for (Op op : ops) {
            if (op.kind() < 3) {
                PendingSet.Node n = new PendingSet.Node();
                set.schedule(n, now + op.arg());
                ref.add(n);
                pending.add(n);
            } else if (op.kind() == 3) {
                if (!pending.isEmpty()) {
                    PendingSet.Node n = pending.remove(op.arg() % pending.size());
                    set.remove(n);
                    ref.remove(n);
                }
            } else if (!ref.isEmpty()) {
                PendingSet.Node n = set.poll();
                assertThat(n).as(set.name()).isSameAs(ref.pollFirst());
                pending.remove(n);
                now = n.time;
            }
            assertThat(set.size()).as(set.name()).isEqualTo(ref.size());
        }
        while (!ref.isEmpty()) {
            assertThat(set.poll()).as(set.name()).isSameAs(ref.pollFirst());
        }
    }
}
