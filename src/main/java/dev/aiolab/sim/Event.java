package dev.aiolab.sim;

/**
 * Something that happens at a simulated instant. An event object is reusable: once it has fired or
 * been cancelled it may be scheduled again, so hot paths keep one event per actor and allocate nothing.
 */
public abstract class Event {
    long time;
    long seq;
    /** Position in the event queue, or -1 when not pending. */
    int index = -1;

    /** Runs the event. {@link Simulation#now()} equals the time it was scheduled for. */
    public abstract void fire();

    /** Whether the event is scheduled and has not yet fired or been cancelled. */
    public final boolean isPending() {
        return index >= 0;
    }

    /** The time it is (or was last) scheduled for, in simulated nanoseconds. */
    public final long time() {
        return time;
    }

    /** Wraps a {@link Runnable}; convenient where allocation per event does not matter. */
    public static Event of(Runnable action) {
        return new Event() {
            @Override
            public void fire() {
                action.run();
            }
        };
    }
}
