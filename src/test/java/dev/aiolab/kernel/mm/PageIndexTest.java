package dev.aiolab.kernel.mm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PageIndexTest {

    /**
     * Random inserts and removals of pages over a small index range, through growth and long bucket
     * chains, agree with java.util.HashMap: every index finds its page, and a taken index refuses.
     */
    @Test
    void insertsLookupsAndRemovalsAgreeWithAHashMapThroughGrowth() {
        PageIndex index = new PageIndex();
        Map<Long, Page> ref = new HashMap<>();
        List<Page> cached = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(11);
        long pfn = 0;
        for (int i = 0; i < 60_000; i++) {
            long idx = r.nextLong(4_000) * (r.nextBoolean() ? 1 : 1 << 16);
            if (r.nextInt(3) > 0 || cached.isEmpty()) {
                Page p = new Page(pfn++);
                p.index = idx;
                boolean added = index.insert(p);
                assertThat(added).isEqualTo(!ref.containsKey(idx));
                if (added) {
                    ref.put(idx, p);
                    cached.add(p);
                }
            } else {
                // remove a page from anywhere in its chain: head, middle or tail
                Page p = cached.remove(r.nextInt(cached.size()));
                index.remove(p);
                ref.remove(p.index);
            }
            long probe = r.nextLong(4_000);
            assertThat(index.get(probe)).isSameAs(ref.get(probe));
            assertThat(index.size()).isEqualTo(ref.size());
        }
        for (Map.Entry<Long, Page> e : ref.entrySet()) {
            assertThat(index.get(e.getKey())).isSameAs(e.getValue());
        }
        for (Page p : cached) {
            index.remove(p);
        }
        assertThat(index.size()).isZero();
        assertThat(ref.keySet()).allMatch(k -> index.get(k) == null);
    }
}
