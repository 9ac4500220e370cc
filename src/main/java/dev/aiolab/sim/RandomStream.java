package dev.aiolab.sim;

import java.util.SplittableRandom;

/** One seeded stream of random numbers, with the draws the models need. */
public final class RandomStream {
    private final SplittableRandom rng;

    public RandomStream(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return rng.nextDouble();
    }

    /** Uniform in [0, bound). */
    public long nextLong(long bound) {
        return rng.nextLong(bound);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return rng.nextInt(bound);
    }

    /** Exponentially distributed with the given mean, rounded to whole nanoseconds. */
    public long exponential(double mean) {
        return round(-mean * Math.log(1.0 - rng.nextDouble()));
    }

    /**
     * {@link Math#round(double)}, bit for bit, with a fast path for the usual 0.5 <= x < 2^52: there
     * {@code x + 0.5} either is exact or rounds to a value with the same integer part, so truncating
     * it is the floor of the exact sum. (Below 0.5 the sum can round up to 1.0, as it does for the
     * largest double below 0.5; from 2^52 on, x is whole and the sum may round to the even neighbour.)
     */
    static long round(double x) {
        if (x >= 0.5 && x < 0x1p52) {
            return (long) (x + 0.5);
        }
        return Math.round(x);
    }

    /** Exponentially distributed with the given mean, unrounded. */
    public double exponentialDouble(double mean) {
        return -mean * Math.log(1.0 - rng.nextDouble());
    }

    /** Standard normal, by the Box-Muller transform. */
    public double gaussian() {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
