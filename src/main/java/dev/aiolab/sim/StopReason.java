package dev.aiolab.sim;

/** Why a call to one of the {@code Simulation.run*} methods returned. */
public enum StopReason {
    /** No event is left but daemons (see {@link Event#daemon}). */
    EMPTY,
    /** The requested end time was reached. */
    TIME_LIMIT,
    /** The requested condition became true. */
    CONDITION,
    /** {@link Simulation#stop()} was called from an event. */
    STOPPED,
    /** The running thread was interrupted; its interrupt flag is set again on return. */
    INTERRUPTED
}
