package dev.aiolab.sim;

import java.util.ArrayDeque;

/**
 * A lane of events whose times never decrease in the order they are scheduled, such as the
 * completions of a server that takes commands in turn and serves each for the same time. The lane
 * holds its events in order and stands in the event queue as one entry, carrying the time and
 * sequence number of its earliest event, which are those that event would have had in the queue.
 * Events therefore fire in exactly the order they would if scheduled with
 * {@link Simulation#scheduleAt(Event, long)}, and each counts as one event fired, while a device with
 * dozens of commands in flight adds one entry to the queue instead of dozens.
 *
 * <p>Schedule with {@link Simulation#scheduleAt(Event, long, Lane)}. A time before the lane's last
 * pending event is refused; so are daemon events, and an event in a lane cannot be cancelled.
 */
public final class Lane {
    private final String name;
    /** Pending events, earliest first. */
    final ArrayDeque<Event> events = new ArrayDeque<>();
    /** The lane's entry in the event queue while it has events: its earliest's time and sequence number. */
    final Entry entry = new Entry();
    /** The engine the lane is used with, fixed by its first event. */
    Simulation sim;

    public Lane(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Pending events in the lane. */
    public int size() {
        return events.size();
    }

    /** Whether an event at {@code time} may join the lane: it is empty, or its last event is not later. */
    public boolean accepts(long time) {
        Event last = events.peekLast();
        return last == null || time >= last.time;
    }

    /** Forgets every event, marking them not pending (the queue has dropped {@link #entry}). */
    void clear() {
        for (Event e : events) {
            e.index = -1;
        }
        events.clear();
    }

    @Override
    public String toString() {
        return "Lane(" + name + ", " + events.size() + " pending)";
    }

    /** Fires the lane's earliest event, leaving the entry queued for the next one. */
    final class Entry extends Event {
        Lane lane() {
            return Lane.this;
        }

        @Override
        public void fire() {
            sim.fireLaneHead(Lane.this);
        }
    }
}
