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

    private static void checkBlocks(long blocks) {
        if (blocks <= 0) {
            throw new IllegalArgumentException("an access pattern needs at least one block, got " + blocks);
        }
    }
}
