package dev.aiolab.cli.bench;

/** A model ready to run: runs for at least {@code wallNanos} of wall time and returns the events done. */
@FunctionalInterface
public interface Workload {
    long runFor(long wallNanos);
}
