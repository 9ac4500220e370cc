package dev.aiolab.cli.bench;

import java.util.List;

/**
 * What a {@link Benchmark} measured: our figure, the peer's figure when the row has one
 * ({@code peer} is then the peer's name, else null), and derived figures printed beneath it.
 */
public record Result(double aiolab, String peer, double peerValue, List<Derived> derived) {

    /** A further figure from the same measurement, e.g. entries visited per second of a wake storm. */
    public record Derived(String name, String unit, double aiolab) {}

    public static Result ours(double aiolab, Derived... derived) {
        return new Result(aiolab, null, Double.NaN, List.of(derived));
    }

    public static Result against(double aiolab, String peer, double peerValue) {
        return new Result(aiolab, peer, peerValue, List.of());
    }

    public boolean hasPeer() {
        return peer != null;
    }
}
