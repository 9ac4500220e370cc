package dev.aiolab.kernel.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SectorSortListTest {

    /**
     * Random adds, removals and re-sorts after a front merge, over few sectors so that ties are
     * common, agree with a TreeSet ordered by (sector, seq): first, higher and size at every step.
     */
    @Test
    void agreesWithATreeSetOrderedBySectorThenAllocation() {
        SectorSortList list = new SectorSortList();
        TreeSet<Request> ref = new TreeSet<>(Comparator.<Request>comparingLong(r -> r.sector)
                .thenComparingLong(r -> r.seq));
        List<Request> queued = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(5);
        long seq = 0;
        for (int step = 0; step < 20_000; step++) {
            int op = rnd.nextInt(4);
            if (op < 2 || queued.isEmpty()) {
                Request rq = new Request(seq++, new Bio(false, rnd.nextLong(64) * 8, 4096, new Object[0],
                        (b, e) -> { }), 0);
                list.add(rq);
                ref.add(rq);
                queued.add(rq);
            } else if (op == 2) {
                Request rq = queued.remove(rnd.nextInt(queued.size()));
                assertThat(list.remove(rq)).isTrue();
                ref.remove(rq);
                assertThat(list.remove(rq)).as("a request no longer there").isFalse();
            } else {
                // a front merge moves the request to a lower sector: take it out under its old key
                Request rq = queued.get(rnd.nextInt(queued.size()));
                list.remove(rq);
                ref.remove(rq);
                rq.sector = Math.max(0, rq.sector - 8);
                list.add(rq);
                ref.add(rq);
            }
            assertThat(list.size()).isEqualTo(ref.size());
            assertThat(list.first()).isSameAs(ref.isEmpty() ? null : ref.first());
            if (!queued.isEmpty()) {
                Request probe = queued.get(rnd.nextInt(queued.size()));
                assertThat(list.higher(probe)).isSameAs(ref.higher(probe));
            }
        }
    }
}
