package dev.aiolab.workload;

import dev.aiolab.sim.RandomStream;

/** Mixed reads and writes: each I/O is a read with probability {@code rwmixread}% (fio {@code rwmixread}). */
public final class OpMix {
    private final int rwmixread;
    private final RandomStream rng;

    public OpMix(int rwmixread, RandomStream rng) {
        if (rwmixread < 0 || rwmixread > 100) {
            throw new IllegalArgumentException("rwmixread must be 0..100, got " + rwmixread);
        }
        this.rwmixread = rwmixread;
        this.rng = rng;
    }

    public boolean nextIsRead() {
        return rng.nextInt(100) < rwmixread;
    }
}
