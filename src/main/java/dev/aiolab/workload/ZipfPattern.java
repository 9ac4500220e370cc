package dev.aiolab.workload;

import dev.aiolab.sim.RandomStream;

/**
 * Zipf-distributed block indices by rejection-inversion (W. Hörmann and G. Derflinger, "Rejection-
 * inversion to generate variates from monotone discrete distributions", ACM TOMACS 6(3), 1996): rank k
 * in 1..n has probability k^-theta / H(n, theta). Inverts the integral of the hat function
 * h(x) = x^-theta and accepts with high probability, so a draw costs O(1) expected time and no table,
 * for any n and any theta > 0. Rank k is block k-1, so block 0 is the hottest.
 */
final class ZipfPattern implements AccessPattern {
    private final long n;
    private final double theta;
    private final RandomStream rng;
    private final double hIntegralX1;
    private final double hIntegralN;
    private final double s;

    ZipfPattern(long n, double theta, RandomStream rng) {
        if (n <= 0) {
            throw new IllegalArgumentException("an access pattern needs at least one block, got " + n);
        }
        if (!(theta > 0) || Double.isInfinite(theta)) {
            throw new IllegalArgumentException("zipf theta must be > 0, got " + theta);
        }
        this.n = n;
        this.theta = theta;
        this.rng = rng;
        this.hIntegralX1 = hIntegral(1.5) - 1.0;
        this.hIntegralN = hIntegral(n + 0.5);
        this.s = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0));
    }

    @Override
    public long next() {
        while (true) {
            double u = hIntegralN + rng.nextDouble() * (hIntegralX1 - hIntegralN);
            double x = hIntegralInverse(u);
            long k = (long) (x + 0.5);
            if (k < 1) {
                k = 1;
            } else if (k > n) {
                k = n;
            }
            // Accept at once when k is close enough to x (the squeeze), else test under the hat.
            if (k - x <= s || u >= hIntegral(k + 0.5) - h(k)) {
                return k - 1;
            }
        }
    }

    @Override
    public long blocks() {
        return n;
    }

    /** H(x) = (x^(1-theta) - 1) / (1 - theta), or ln x when theta = 1, computed stably. */
    private double hIntegral(double x) {
        double logX = Math.log(x);
        return helper2((1.0 - theta) * logX) * logX;
    }

    /** h(x) = x^-theta. */
    private double h(double x) {
        return Math.exp(-theta * Math.log(x));
    }

    private double hIntegralInverse(double x) {
        double t = x * (1.0 - theta);
        if (t < -1.0) {
            t = -1.0; // limits rounding errors near the end of the range
        }
        return Math.exp(helper1(t) * x);
    }

    /** log1p(x) / x, with its series near 0. */
    private static double helper1(double x) {
        return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
    }

    /** expm1(x) / x, with its series near 0. */
    private static double helper2(double x) {
        return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1.0 + x * 0.5 * (1.0 + x * (1.0 / 3.0) * (1.0 + 0.25 * x));
    }
}
