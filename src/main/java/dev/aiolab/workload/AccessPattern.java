package dev.aiolab.workload;

import dev.aiolab.sim.RandomStream;

/**
 * Which block of a job's region the next I/O touches: an index in [0, blocks), where a block is one
 * I/O of the job's size ({@code bs}). Random patterns draw from their own seeded stream, one draw
 * (or, for rejection methods, an expected constant number of draws) per I/O.
 */
public interface AccessPattern {

    /** The next block index, in [0, {@link #blocks()}). */
    long next();

    /** The number of blocks in the region. */
    long blocks();

    /** Blocks 0, 1, 2, ... wrapping at the end of the region (fio {@code rw=read/write}). */
    static AccessPattern sequential(long blocks) {
        checkBlocks(blocks);
        return new AccessPattern() {
            private long i;

            @Override
            public long next() {
                long b = i;
                i = i + 1 == blocks ? 0 : i + 1;
                return b;
            }

            @Override
            public long blocks() {
                return blocks;
            }
        };
    }

    /** Every block equally likely ({@code random_distribution=random}, fio's default). */
    static AccessPattern uniform(long blocks, RandomStream rng) {
        checkBlocks(blocks);
        return new AccessPattern() {
            @Override
            public long next() {
                return rng.nextLong(blocks);
            }

            @Override
            public long blocks() {
                return blocks;
            }
        };
    }

    /** Block k (0-based) with probability proportional to (k+1)^-theta; see {@link ZipfPattern}. */
    static AccessPattern zipf(long blocks, double theta, RandomStream rng) {
        return new ZipfPattern(blocks, theta, rng);
    }

    /**
     * fio's Pareto: index = floor(blocks u^(ln h / ln(1-h))) for uniform u, so that a fraction 1-h of
     * the I/Os falls in the first h of the region ({@code pareto:0.2} is the 80/20 rule).
     */
    static AccessPattern pareto(long blocks, double h, RandomStream rng) {
        checkBlocks(blocks);
        if (!(h > 0 && h < 1)) {
            throw new IllegalArgumentException("pareto h must be in (0, 1), got " + h);
        }
        double pow = Math.log(h) / Math.log(1 - h);
        return new AccessPattern() {
            @Override
            public long next() {
                long b = (long) (blocks * Math.pow(rng.nextDouble(), pow));
                return Math.min(b, blocks - 1);
            }

            @Override
            public long blocks() {
                return blocks;
            }
        };
    }

    /**
     * Normal around the middle of the region with standard deviation {@code devPercent}% of the region;
     * draws outside the region are drawn again (a truncated normal).
     */
    static AccessPattern normal(long blocks, double devPercent, RandomStream rng) {
        checkBlocks(blocks);
        if (!(devPercent > 0 && devPercent <= 100)) {
            throw new IllegalArgumentException("normal dev% must be in (0, 100], got " + devPercent);
        }
        double mean = blocks / 2.0;
        double sd = devPercent / 100.0 * blocks;
        return new AccessPattern() {
            @Override
            public long next() {
                while (true) {
                    double x = Math.floor(mean + sd * rng.gaussian());
                    if (x >= 0 && x < blocks) {
                        return (long) x;
                    }
                }
            }

            @Override
            public long blocks() {
                return blocks;
            }
        };
    }

    /**
     * The draws of {@code ranks} moved to blocks by a fixed permutation of the region, so that the hot ranks of
     * a skewed distribution are spread over it rather than packed at its start. fio hashes its zipf, pareto
     * and normal draws for the same reason ("the spread doesn't always just favor the lower LBA range").
     * Rank r goes to block (offset + r * stride) mod blocks, the stride being the whole number nearest
     * blocks / golden ratio that is prime to blocks, and the offset drawn once from {@code rng}; each block
     * keeps exactly the probability of its rank.
     */
    static AccessPattern scattered(AccessPattern ranks, RandomStream rng) {
        long n = ranks.blocks();
        if (n <= 2) {
            return ranks;
        }
        long stride = Math.max(1, Math.round(n * 0.6180339887498949));
        while (gcd(stride, n) != 1) {
            stride++;
        }
        long step = stride;
        long offset = rng.nextLong(n);
        return new AccessPattern() {
            @Override
            public long next() {
                return (mulMod(ranks.next(), step, n) + offset) % n;
            }

            @Override
            public long blocks() {
                return n;
            }
        };
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** a * b mod n for a, b in [0, n), without overflow. */
    private static long mulMod(long a, long b, long n) {
        if (n <= 3_037_000_499L) {
            return a * b % n;
        }
        long r = 0;
        for (long x = a, y = b; y > 0; y >>= 1) {
            if ((y & 1) != 0) {
                r = (r + x) % n;
            }
            x = (x << 1) % n;
        }
        return r;
    }

    private static void checkBlocks(long blocks) {
        if (blocks <= 0) {
            throw new IllegalArgumentException("an access pattern needs at least one block, got " + blocks);
        }
    }
}
