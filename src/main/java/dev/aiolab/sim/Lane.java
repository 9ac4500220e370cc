package dev.aiolab.sim;

/**
 * A lane of events whose times never decrease in the order they are scheduled, such as the
 * completions of a server that takes commands in turn and serves each for the same time. Only the
 * lane's earliest event sits in the event queue; the others wait here in order. Each keeps the time
 * and sequence number it would have had in the queue, so events fire in exactly the order they would
 * if scheduled with {@link Simulation#scheduleAt(Event, long)}, while a device with dozens of
 * commands in flight adds one entry to the queue instead of dozens.
 *
 * <p>Schedule with {@link Simulation#scheduleAt(Event, long, Lane)}; a time before the lane's last
 * pending event is refused.
 */
public final class Lane {
    private final String name;
    /** The lane's earliest pending event, the only one in the event queue; null when the lane is empty. */
    Event queued;
    /** Events after {@link #queued}, in order, linked through {@link Event#laneNext}. */
    private Event first;
    private Event last;
    private int waiting;

    public Lane(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Pending events in the lane. */
    public int size() {
        return queued == null ? 0 : waiting + 1;
    }

    /** Whether an event at {@code time} may join the lane: it is empty, or its last event is not later. */
    public boolean accepts(long time) {
        return queued == null || time >= lastTime();
    }

    /** Time of the lane's last pending event; a new one must not be earlier. Only valid when not empty. */
    long lastTime() {
        return last != null ? last.time : queued.time;
    }

    void append(Event e) {
        e.laneNext = null;
        if (last == null) {
            first = e;
        } else {
            last.laneNext = e;
        }
        last = e;
        waiting++;
    }

    /** Takes the next waiting event, which becomes {@link #queued}; null when none waits. */
    Event promote() {
        Event e = first;
        queued = e;
        if (e != null) {
            first = e.laneNext;
            if (first == null) {
                last = null;
            }
            e.laneNext = null;
            waiting--;
        }
        return e;
    }

    /** Removes a waiting event (not {@link #queued}). */
    void unlink(Event e) {
        Event prev = null;
        for (Event x = first; x != e; x = x.laneNext) {
            prev = x;
        }
        if (prev == null) {
            first = e.laneNext;
        } else {
            prev.laneNext = e.laneNext;
        }
        if (last == e) {
            last = prev;
        }
        e.laneNext = null;
        waiting--;
    }

    /** Forgets every event, marking the waiting ones not pending (the queue resets {@link #queued}). */
    void clear() {
        for (Event e = first; e != null; ) {
            Event next = e.laneNext;
            e.laneNext = null;
            e.index = -1;
            e = next;
        }
        first = null;
        last = null;
        waiting = 0;
        queued = null;
    }

    @Override
    public String toString() {
        return "Lane(" + name + ", " + size() + " pending)";
    }
}
