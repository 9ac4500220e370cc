package dev.aiolab.lab;

import java.util.Objects;
import java.util.function.Function;

/**
 * Told how far a run or sweep has got: the fraction done (0..1) and a short label. 1.0 means done.
 * Runs and sweeps given no listener use the default one, which the notebook kernel sets to a
 * progress bar in the cell's output.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (fraction, label) -> {};

    void progress(double fractionDone, String label);

    /** Sets what runs and sweeps without a listener of their own use: a listener per title. */
    static void setDefault(Function<String, ProgressListener> factory) {
        Defaults.factory = Objects.requireNonNull(factory, "factory");
    }

    /** A listener from the default factory for a run or sweep called {@code title}. */
    static ProgressListener defaultFor(String title) {
        return Defaults.factory.apply(title);
    }

    /** Where the default factory is kept. */
    final class Defaults {
        private static volatile Function<String, ProgressListener> factory = title -> NONE;

        private Defaults() {}
    }
}
