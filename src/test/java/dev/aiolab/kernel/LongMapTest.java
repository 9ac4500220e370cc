package dev.aiolab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongMapTest {

    /** Random puts, putIfAbsents and removals over a small key range agree with java.util.HashMap. */
    @Test
    void everyOperationAgreesWithAHashMapThroughGrowthAndBackwardShiftDeletion() {
        LongMap<Object> map = new LongMap<>();
        Map<Long, Object> ref = new HashMap<>();
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 50_000; i++) {
            long k = r.nextLong(3000) * 8;       // strided keys, as sectors and page indexes come
            Object v = new Object();
            switch (r.nextInt(5)) {
                case 0 -> {
                    map.put(k, v);
                    ref.put(k, v);
                }
                case 1 -> {
                    map.putIfAbsent(k, v);
                    ref.putIfAbsent(k, v);
                }
                case 2 -> {
                    map.remove(k);
                    ref.remove(k);
                }
                case 3 -> {
                    Object cur = ref.get(k);
                    map.remove(k, cur);
                    if (cur != null) {
                        ref.remove(k, cur);
                    }
                }
                default -> {
                    map.remove(k, v);                // maps to another value: nothing happens
                    ref.remove(k, v);
                }
            }
        }
        assertThat(map.size()).isEqualTo(ref.size());
        for (long k = 0; k < 3000 * 8; k++) {
            assertThat(map.get(k)).isSameAs(ref.get(k));
        }
    }
}
