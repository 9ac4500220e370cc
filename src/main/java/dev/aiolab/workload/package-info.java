/**
 * Workload mechanics that need no kernel: access patterns (sequential, uniform, zipf, pareto, normal),
 * the read/write mix and rate-limited arrivals, all drawing from seeded {@link dev.aiolab.sim.RandomStream}s.
 */
package dev.aiolab.workload;
