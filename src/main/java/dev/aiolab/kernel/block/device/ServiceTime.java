package dev.aiolab.kernel.block.device;

import dev.aiolab.sim.RandomStream;

/**
 * The service-time distribution of a {@link ServiceTimeDevice}: draws one command's service time
 * from the device's own random stream. Any lambda will do; the factories name the distributions
 * that queueing theory has closed forms for (M/M/1, M/D/1).
 */
@FunctionalInterface
public interface ServiceTime {
    /** The service time of {@code cmd} in ns, drawn from {@code rng}. */
    long sampleNs(RandomStream rng, DiskCommand cmd);

    /** A short description for manifests. */
    default String describe() {
        return "custom";
    }

    /** Exponential with mean {@code meanNs} (the "M" of M/M/1). */
    static ServiceTime exponential(double meanNs) {
        if (!(meanNs > 0)) {
            throw new IllegalArgumentException("mean service time must be > 0 ns, got " + meanNs);
        }
        return new ServiceTime() {
            @Override
            public long sampleNs(RandomStream rng, DiskCommand cmd) {
                return rng.exponential(meanNs);
            }

            @Override
            public String describe() {
                return "exponential(mean=" + meanNs + " ns)";
            }
        };
    }

    /** Always {@code ns} (the "D" of M/D/1); draws nothing from the stream. */
    static ServiceTime deterministic(long ns) {
        if (ns < 0) {
            throw new IllegalArgumentException("service time must be >= 0 ns, got " + ns);
        }
        return new ServiceTime() {
            @Override
            public long sampleNs(RandomStream rng, DiskCommand cmd) {
                return ns;
            }

            @Override
            public String describe() {
                return "deterministic(" + ns + " ns)";
            }
        };
    }
}
