package dev.aiolab.cli.bench;

/**
 * How long a row may measure: JIT warm-up per engine, then {@code trials} timed trials per engine,
 * interleaved (ours, peer, ours, peer, ...) so that machine noise hits both alike. A row reports
 * the best trial: noise from other processes only ever slows a trial down.
 */
public record Budget(long warmupNanos, long trialNanos, int trials) {
    /** The default: 1.5 s warm-up, best of 3 trials of 1 s. */
    public static final Budget FULL = new Budget(1_500_000_000L, 1_000_000_000L, 3);
    /** A smoke run: checks every row works, figures meaningless. */
    public static final Budget QUICK = new Budget(20_000_000L, 20_000_000L, 1);

    /** Whether this is a smoke-run budget such as {@link #QUICK}: a row then runs a small workload. */
    public boolean isQuick() {
        return trialNanos < 100_000_000L;
    }

    /** The budget for a short trial, such as choosing the peer's fastest event list. */
    public Budget trial() {
        return new Budget(warmupNanos / 3, trialNanos / 2, 1);
    }
}
