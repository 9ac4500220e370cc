package dev.aiolab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    private static long[] draw(RandomStream s, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.nextLong(Long.MAX_VALUE);
        }
        return out;
    }

    @Test
    void sameSeedAndNameGiveIdenticalSequences() {
        assertThat(draw(new RandomStreams(42).stream("disk"), 100))
                .containsExactly(draw(new RandomStreams(42).stream("disk"), 100));
    }

    @Test
    void streamIsTheSameObjectOnEveryCall() {
        RandomStreams rs = new RandomStreams(42);
        assertThat(rs.stream("disk")).isSameAs(rs.stream("disk"));
    }

    @Test
    void addingANewStreamDoesNotChangeAnotherStreamsNumbers() {
        RandomStreams alone = new RandomStreams(42);
        long[] expected = draw(alone.stream("disk"), 100);

        RandomStreams crowded = new RandomStreams(42);
        draw(crowded.stream("workload"), 50);
        draw(crowded.stream("readahead"), 10);
        RandomStream disk = crowded.stream("disk");
        draw(crowded.stream("another"), 10);
        assertThat(draw(disk, 100)).containsExactly(expected);
    }

    @Test
    void differentNamesAndDifferentSeedsGiveDifferentSequences() {
        long[] disk = draw(new RandomStreams(42).stream("disk"), 10);
        assertThat(draw(new RandomStreams(42).stream("disk2"), 10)).isNotEqualTo(disk);
        assertThat(draw(new RandomStreams(43).stream("disk"), 10)).isNotEqualTo(disk);
        assertThat(RandomStreams.derive(42, "a")).isNotEqualTo(RandomStreams.derive(42, "b"));
    }

    @Test
    void exponentialHasTheRequestedMean() {
        // mean of n exponential draws: standard error mean / sqrt(n) = 1% at n = 10,000; allow 5 sigma
        RandomStream s = new RandomStreams(7).stream("exp");
        int n = 10_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += s.exponentialDouble(1_000);
        }
        assertThat(sum / n).isBetween(950.0, 1_050.0);
    }

    @Test
    void roundIsMathRoundBitForBit() {
        double[] edge = {0, -0.0, 0.49999999999999994, 0.5, 1.5, 2.5, 0x1p52 + 1, 0x1p53, 0x1p62, 0x1p63,
            Math.nextDown(0x1p62), Math.nextUp(0.5), Math.nextDown(1.5), Math.nextDown(0x1p52), 0x1p52,
            0x1p52 - 0.5, 0x1p51 + 0.5, Math.nextDown(0x1p51 + 0.5), -0.5, -1.5, Double.NaN, Double.POSITIVE_INFINITY, 1e300};
        for (double x : edge) {
            assertThat(RandomStream.round(x)).as("round(%s)", x).isEqualTo(Math.round(x));
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 1_000_000; i++) {
            double x = r.nextDouble() * Math.scalb(1.0, r.nextInt(64));
            assertThat(RandomStream.round(x)).isEqualTo(Math.round(x));
            // next to a half: where x + 0.5 would round
            double half = Math.floor(x) + 0.5;
            for (double y : new double[] {Math.nextDown(half), half, Math.nextUp(half)}) {
                assertThat(RandomStream.round(y)).as("round(%s)", y).isEqualTo(Math.round(y));
            }
        }
    }

    @Test
    void exponentialIsTheRoundedUnroundedDraw() {
        RandomStream a = new RandomStreams(9).stream("x");
        RandomStream b = new RandomStreams(9).stream("x");
        for (int i = 0; i < 10_000; i++) {
            assertThat(a.exponential(1_000.0)).isEqualTo(Math.round(b.exponentialDouble(1_000.0)));
        }
    }
}
