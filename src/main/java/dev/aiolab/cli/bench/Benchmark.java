package dev.aiolab.cli.bench;

/**
 * One row of {@code aiolab bench}: a named measurement with a unit, and optionally the same
 * measurement on the peer engine. Adding a row is one class implementing this plus one line in
 * {@link Benchmarks#ALL}.
 */
public interface Benchmark {
    /** The row name, used by {@code --rows} and in the CSV ({@code hold-1000}). */
    String name();

    /** What the figure counts ({@code events/s}). */
    String unit();

    /** Measures the row within {@code budget}; allocation and JIT warm-up are the row's business. */
    Result run(Budget budget);
}
