/**
 * What a run records: {@link dev.aiolab.metrics.Recorder}, the probe the kernel model reports to and
 * the sink of the workload layer's per-I/O records, kept in columnar primitive buffers and turned into
 * Tablesaw tables ({@code ios}, {@code wakeups}, {@code timeline}, {@code summary}) with HdrHistogram
 * percentiles; {@link dev.aiolab.metrics.TimelineSampler} samples the run at fixed intervals.
 */
package dev.aiolab.metrics;
