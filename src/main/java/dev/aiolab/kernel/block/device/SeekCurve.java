package dev.aiolab.kernel.block.device;

/**
 * Seek time as a function of distance in cylinders, of the form Ruemmler and Wilkes use for the HP
 * 97560 ("An introduction to disk drive modeling", IEEE Computer 27(3), 1994):
 * {@code a + b*sqrt(d)} for short seeks (the arm accelerates for half the way and decelerates for
 * the other half) and {@code c + e*d} for long ones (the arm coasts at full speed), zero for d = 0.
 *
 * <p><b>Fit.</b> The five unknowns a, b, c, e and the boundary d0 are fixed by five conditions:
 * <ol>
 *   <li>{@code seek(1) = trackToTrack}: a + b = T1;</li>
 *   <li>{@code seek(D) = fullStroke}, D = cylinders - 1: c + e*D = TF;</li>
 *   <li>continuity at d0: a + b*sqrt(d0) = c + e*d0;</li>
 *   <li>equal slopes at d0 (the arm reaches coasting speed smoothly): e = b / (2 sqrt(d0));</li>
 *   <li>the mean over random seeks equals {@code average}: with start and end cylinders independent
 *       and uniform, the normalised distance x = d/D has density 2(1 - x), so
 *       TA = integral over [0,1] of 2(1-x) seek(xD) dx (closed form below).</li>
 * </ol>
 * Conditions 1-4 give, for a given d0: b = (TF - T1) / (sqrt(d0)/2 + D/(2 sqrt(d0)) - 1), a = T1 - b,
 * e = b/(2 sqrt(d0)), c = a + b sqrt(d0)/2. With x0 = d0/D, B = b sqrt(D), E = e D the mean is
 * a(2x0 - x0^2) + 2B(2/3 x0^(3/2) - 2/5 x0^(5/2)) + c(1 - x0)^2 + 2E(1/6 - x0^2/2 + x0^3/3),
 * which grows monotonically from T1 + (TF - T1)/3 (all linear, x0 -> 0) to T1 + 8/15 (TF - T1)
 * (all square root, x0 -> 1); d0 is found by bisection. The average must lie between those two.
 *
 * <p>For {@link HddParams#barracuda7200()} (T1 = 1 ms, TA = 8.5 ms, TF = 20 ms, 71,431 cylinders):
 * a = 0.9573 ms, b = 0.04266 ms/sqrt(cyl), c = 2.8524 ms, e = 0.0002401 ms/cyl, d0 = 7,894 cylinders
 * (11 % of the stroke). The seek over a third of the stroke (the mean distance) is then 8.57 ms, so
 * "average over random seeks" and "seek over 1/3 of the stroke" agree within 1 %.
 */
public final class SeekCurve {
    private final long maxDistance;
    private final double a;
    private final double b;
    private final double c;
    private final double e;
    private final double boundary;

    private SeekCurve(long maxDistance, double a, double b, double c, double e, double boundary) {
        this.maxDistance = maxDistance;
        this.a = a;
        this.b = b;
        this.c = c;
        this.e = e;
        this.boundary = boundary;
    }

    /** Fits the curve to the three anchor figures (ns) on a disk of {@code cylinders} cylinders. */
    public static SeekCurve fit(long cylinders, double trackToTrackNs, double averageNs, double fullStrokeNs) {
        double dMax = cylinders - 1;
        if (dMax < 2) {
            throw new IllegalArgumentException("a seek curve needs at least 3 cylinders, got " + cylinders);
        }
        double lo = 1.0 / dMax;
        double hi = 1.0;
        double loMean = mean(lo, dMax, trackToTrackNs, fullStrokeNs);
        double hiMean = mean(hi, dMax, trackToTrackNs, fullStrokeNs);
        if (!(trackToTrackNs < averageNs && averageNs < fullStrokeNs) || averageNs < loMean || averageNs > hiMean) {
            throw new IllegalArgumentException(String.format(
                    "no seek curve of the Ruemmler-Wilkes form has track-to-track %.0f ns, full stroke %.0f ns "
                    + "and average %.0f ns: the average must lie in [%.0f, %.0f] ns",
                    trackToTrackNs, fullStrokeNs, averageNs, loMean, hiMean));
        }
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (mean(mid, dMax, trackToTrackNs, fullStrokeNs) < averageNs) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double[] k = constants(0.5 * (lo + hi) * dMax, dMax, trackToTrackNs, fullStrokeNs);
        return new SeekCurve((long) dMax, k[0], k[1], k[2], k[3], k[4]);
    }

    /** {a, b, c, e, d0} for boundary d0 under conditions 1-4. */
    private static double[] constants(double d0, double dMax, double t1, double tf) {
        double r = Math.sqrt(d0);
        double b = (tf - t1) / (r / 2 + dMax / (2 * r) - 1);
        double a = t1 - b;
        double e = b / (2 * r);
        double c = a + b * r / 2;
        return new double[] {a, b, c, e, d0};
    }

    /** Mean seek over independent uniform start and end cylinders, for boundary x0 = d0/D. */
    private static double mean(double x0, double dMax, double t1, double tf) {
        double[] k = constants(x0 * dMax, dMax, t1, tf);
        double bigB = k[1] * Math.sqrt(dMax);
        double bigE = k[3] * dMax;
        double shortPart = k[0] * (2 * x0 - x0 * x0)
                + 2 * bigB * (2.0 / 3 * Math.pow(x0, 1.5) - 2.0 / 5 * Math.pow(x0, 2.5));
        double longPart = k[2] * (1 - x0) * (1 - x0) + 2 * bigE * (1.0 / 6 - x0 * x0 / 2 + x0 * x0 * x0 / 3);
        return shortPart + longPart;
    }

    /** Seek time in ns over {@code distance} cylinders (0 for no movement). */
    public long seekNs(long distance) {
        if (distance <= 0) {
            return 0;
        }
        double d = Math.min(distance, maxDistance);
        return Math.round(d < boundary ? a + b * Math.sqrt(d) : c + e * d);
    }

    /** The mean seek time over independent uniform start and end cylinders, in ns. */
    public double meanRandomSeekNs() {
        double x0 = boundary / maxDistance;
        double bigB = b * Math.sqrt(maxDistance);
        double bigE = e * maxDistance;
        return a * (2 * x0 - x0 * x0) + 2 * bigB * (2.0 / 3 * Math.pow(x0, 1.5) - 2.0 / 5 * Math.pow(x0, 2.5))
                + c * (1 - x0) * (1 - x0) + 2 * bigE * (1.0 / 6 - x0 * x0 / 2 + x0 * x0 * x0 / 3);
    }

    public long maxDistance() {
        return maxDistance;
    }

    public double a() {
        return a;
    }

    public double b() {
        return b;
    }

    public double c() {
        return c;
    }

    public double e() {
        return e;
    }

    /** The distance in cylinders where the square-root part hands over to the linear part. */
    public double boundary() {
        return boundary;
    }

    @Override
    public String toString() {
        return String.format("seek(d) = %.1f + %.3f*sqrt(d) ns for d < %.0f, %.1f + %.4f*d ns beyond", a, b,
                boundary, c, e);
    }
}
