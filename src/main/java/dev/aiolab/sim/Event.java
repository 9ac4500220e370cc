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
    /** A daemon event (a periodic flusher or sampler) does not by itself keep a run going. */
    boolean daemon;

    /**
     * Marks this event as a daemon: like a daemon thread, it does not keep a run alive. A run whose
     * only pending events are daemons has nothing left to do and ends with {@link StopReason#EMPTY}.
     */
    public final Event daemon(boolean on) {
        if (index >= 0) {
            throw new IllegalStateException("cannot change the daemon flag of a pending event");
        }
        daemon = on;
        return this;
    }

    public final boolean isDaemon() {
        return daemon;
    }

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
