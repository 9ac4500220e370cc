package dev.aiolab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiolab.sim.RandomStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AccessPatternTest {

    /**
     * Theory: rank k of n has p_k = k^-θ / Σ_j j^-θ. With N = 200,000 draws over n = 100 blocks, the
     * chi-square statistic Σ (O_k - N p_k)^2 / (N p_k) follows χ²(99); we accept below its 0.999
     * quantile, 148.2. The hottest block's frequency is also held within 4 standard deviations.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.8, 1.0, 1.2, 2.0})
    void zipfFrequenciesMatchTheory(double theta) {
        int n = 100;
        int draws = 200_000;
        AccessPattern z = AccessPattern.zipf(n, theta, new RandomStream(12345));
        long[] counts = new long[n];
        for (int i = 0; i < draws; i++) {
            long b = z.next();
            assertThat(b).isBetween(0L, n - 1L);
            counts[(int) b]++;
        }
        double norm = 0;
        for (int k = 1; k <= n; k++) {
            norm += Math.pow(k, -theta);
        }
        double chi2 = 0;
        for (int k = 1; k <= n; k++) {
            double expected = draws * Math.pow(k, -theta) / norm;
            chi2 += Math.pow(counts[k - 1] - expected, 2) / expected;
        }
        assertThat(chi2).as("chi-square, 99 degrees of freedom").isLessThan(148.2);
        double p1 = 1 / norm;
        double sd = Math.sqrt(draws * p1 * (1 - p1));
        assertThat((double) counts[0]).isCloseTo(draws * p1, org.assertj.core.data.Offset.offset(4 * sd));
    }

    @Test
    void zipfOverAHugeRegionStaysInRangeAndFavoursBlockZero() {
        AccessPattern z = AccessPattern.zipf(1L << 40, 1.1, new RandomStream(1));
        int zeros = 0;
        for (int i = 0; i < 10_000; i++) {
            long b = z.next();
            assertThat(b).isBetween(0L, (1L << 40) - 1);
            if (b == 0) {
                zeros++;
            }
        }
        // p_1 = 1/ζ(1.1) ≈ 1/10.58 ≈ 0.0945 for an unbounded region
        assertThat(zeros / 10_000.0).isCloseTo(0.0945, org.assertj.core.data.Offset.offset(0.015));
    }

    /** fio's Pareto with h = 0.2 puts 1 - h = 80% of I/Os in the first 20% of blocks (binomial, 5 sd). */
    @Test
    void paretoPutsOneMinusHOfTheIosInTheFirstHOfTheRegion() {
        int draws = 100_000;
        AccessPattern p = AccessPattern.pareto(1000, 0.2, new RandomStream(3));
        int hot = 0;
        for (int i = 0; i < draws; i++) {
            if (p.next() < 200) {
                hot++;
            }
        }
        double sd = Math.sqrt(draws * 0.8 * 0.2);
        assertThat((double) hot).isCloseTo(0.8 * draws, org.assertj.core.data.Offset.offset(5 * sd));
    }

    /** Truncated normal, dev 10% of 1000 blocks: about 68.3% fall within one sd (±100 blocks) of 500. */
    @Test
    void normalConcentratesAroundTheMiddle() {
        int draws = 100_000;
        AccessPattern p = AccessPattern.normal(1000, 10, new RandomStream(4));
        int within = 0;
        for (int i = 0; i < draws; i++) {
            long b = p.next();
            assertThat(b).isBetween(0L, 999L);
            if (b >= 400 && b < 600) {
                within++;
            }
        }
        assertThat(within / (double) draws).isCloseTo(0.6827, org.assertj.core.data.Offset.offset(0.01));
    }

    /** Scattering moves each rank to its own block: over 1,000 blocks, ranks 0..999 land on every block once. */
    @Test
    void scatteringIsAPermutationThatSpreadsNeighbouringRanks() {
        for (long n : new long[] {3, 1000, 4096, 5_000_000_000L}) {
            AccessPattern ranks = AccessPattern.sequential(n);
            AccessPattern s = AccessPattern.scattered(ranks, new RandomStream(7));
            int draws = (int) Math.min(n, 1000);
            java.util.Set<Long> seen = new java.util.HashSet<>();
            long first = s.next();
            seen.add(first);
            long second = s.next();
            seen.add(second);
            for (int i = 2; i < draws; i++) {
                assertThat(seen.add(s.next())).isTrue();
            }
            assertThat(seen).allSatisfy(b -> assertThat(b).isBetween(0L, n - 1));
            if (n >= 1000) {
                // ranks 0 and 1 are about n / golden ratio apart
                long gap = Math.floorMod(second - first, n);
                assertThat((double) gap / n).isCloseTo(0.618, org.assertj.core.data.Offset.offset(0.01));
            }
        }
    }

    @Test
    void sequentialWrapsAndUniformCoversTheRegion() {
        AccessPattern s = AccessPattern.sequential(3);
        assertThat(new long[] {s.next(), s.next(), s.next(), s.next()}).containsExactly(0, 1, 2, 0);
        AccessPattern u = AccessPattern.uniform(10, new RandomStream(5));
        long[] counts = new long[10];
        for (int i = 0; i < 100_000; i++) {
            counts[(int) u.next()]++;
        }
        for (long c : counts) {
            assertThat((double) c).isCloseTo(10_000, org.assertj.core.data.Offset.offset(5 * Math.sqrt(9_000)));
        }
    }

    @Test
    void rwmixreadSetsTheReadFraction() {
        OpMix mix = new OpMix(70, new RandomStream(6));
        int reads = 0;
        for (int i = 0; i < 100_000; i++) {
            if (mix.nextIsRead()) {
                reads++;
            }
        }
        assertThat(reads / 100_000.0).isCloseTo(0.70, org.assertj.core.data.Offset.offset(0.01));
    }

    /** Poisson gaps are exponential: mean 1/λ and coefficient of variation 1; fixed gaps never drift. */
    @Test
    void arrivalsHaveTheirRate() {
        Arrivals p = Arrivals.poisson(1000, new RandomStream(7));
        double sum = 0;
        double sq = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double g = p.nextGapNs();
            sum += g;
            sq += g * g;
        }
        double mean = sum / n;
        double cv = Math.sqrt(sq / n - mean * mean) / mean;
        assertThat(mean).isCloseTo(1e6, org.assertj.core.data.Offset.offset(1e6 * 0.02));
        assertThat(cv).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.02));
        Arrivals f = Arrivals.fixed(3);
        long t = 0;
        for (int i = 0; i < 3_000; i++) {
            t += f.nextGapNs();
        }
        assertThat(t).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void distributionsParseFioForms() {
        assertThat(Distribution.parse("random")).isEqualTo(Distribution.UNIFORM);
        assertThat(Distribution.parse("zipf:1.2")).isEqualTo(new Distribution(Distribution.Kind.ZIPF, 1.2));
        assertThat(Distribution.parse("pareto:0.3")).isEqualTo(new Distribution(Distribution.Kind.PARETO, 0.3));
        assertThat(Distribution.parse("normal:5%")).isEqualTo(new Distribution(Distribution.Kind.NORMAL, 5));
        assertThat(Distribution.parse("gauss:5")).isEqualTo(new Distribution(Distribution.Kind.NORMAL, 5));
        assertThatThrownBy(() -> Distribution.parse("zipf:0")).hasMessageContaining("θ must be > 0");
        assertThatThrownBy(() -> Distribution.parse("pareto:1.5")).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> Distribution.parse("poisson")).hasMessageContaining("accepted: random");
    }
}
