package dev.aiolab.sim;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Named random streams derived from one experiment seed. A stream's numbers depend only on the seed
 * and its name, so adding a component (a new stream) never perturbs the others.
 */
public final class RandomStreams {
    private final long seed;
    private final Map<String, RandomStream> streams = new HashMap<>();

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The stream named {@code name}; the same object on every call with that name. */
    public RandomStream stream(String name) {
        return streams.computeIfAbsent(name, n -> new RandomStream(derive(seed, n)));
    }

    /** The seed of stream {@code name}: SplitMix64 finalisation of the seed and an FNV-1a hash of the name. */
    public static long derive(long seed, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return mix64(seed ^ mix64(h));
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
