package dev.aiolab.lab;

/** Told as a sweep's points finish: the fraction done (0..1) and the label of the point just finished. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (fraction, label) -> {};

    void progress(double fractionDone, String label);
}
