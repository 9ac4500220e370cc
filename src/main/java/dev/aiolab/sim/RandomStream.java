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
        return Math.round(-mean * Math.log(1.0 - rng.nextDouble()));
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
