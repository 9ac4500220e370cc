package dev.aiolab.workload;

import dev.aiolab.sim.RandomStream;

/**
 * Issue times for a rate-limited job (fio {@code rate_iops}, {@code rate_process}): the gap in ns
 * before the next I/O is issued.
 */
public interface Arrivals {

    long nextGapNs();

    /** Poisson arrivals at {@code iops} per second: exponential gaps (fio {@code rate_process=poisson}). */
    static Arrivals poisson(double iops, RandomStream rng) {
        check(iops);
        double mean = 1e9 / iops;
        return () -> rng.exponential(mean);
    }

    /**
     * Evenly spaced arrivals (fio {@code rate_process=linear}): arrival k is at round(k 1e9 / iops), so
     * rounding never accumulates into drift.
     */
    static Arrivals fixed(double iops) {
        check(iops);
        double period = 1e9 / iops;
        return new Arrivals() {
            private long k;
            private long last;

            @Override
            public long nextGapNs() {
                k++;
                long t = Math.round(k * period);
                long gap = t - last;
                last = t;
                return gap;
            }
        };
    }

    private static void check(double iops) {
        if (!(iops > 0) || Double.isInfinite(iops)) {
            throw new IllegalArgumentException("rate must be > 0 I/Os per second, got " + iops);
        }
    }
}
