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
     * {@link Math#round(double)}, bit for bit, with a fast path for the usual 0 <= x < 2^62: the
     * integer part, plus one when twice the fraction truncates to 1 (the fraction and its double
     * are exact, and there is no branch on the coin toss of which way to round).
     */
    static long round(double x) {
        if (x >= 0 && x < 0x1p62) {
            long f = (long) x;
            return f + (long) ((x - f) * 2.0);
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
