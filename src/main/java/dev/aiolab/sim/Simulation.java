package dev.aiolab.sim;

import java.util.function.BooleanSupplier;

/**
 * The discrete-event engine. Simulated time is a {@code long} of nanoseconds that only moves
 * forward; events at equal times run in the order they were scheduled, so a run is a pure function
 * of its configuration and seed. Model code never reads a wall clock.
 *
 * <p>The engine polls {@link Thread#interrupted()} every {@value #INTERRUPT_POLL_EVENTS} events, so
 * a notebook user can interrupt a long run; the run then stops cleanly with
 * {@link StopReason#INTERRUPTED}.
 */
public final class Simulation {
    /** Events between two checks of the thread's interrupt flag. */
    public static final int INTERRUPT_POLL_EVENTS = 4096;

    private final EventQueue queue = new EventQueue();
    private final RandomStreams random;
    private long now;
    private long nextSeq;
    private long fired;
    /** Pending daemon events; the others keep the run alive. */
    private int daemons;
    /** Pending events in lanes behind their lane's earliest (which the lane's queue entry stands for). */
    private int laneWaiting;
    private boolean stopRequested;

    public Simulation(long seed) {
        this.random = new RandomStreams(seed);
    }

    /** The current simulated time in nanoseconds. */
    public long now() {
        return now;
    }

    /** The seeded random streams of this run. */
    public RandomStreams random() {
        return random;
    }

    /** Number of events fired so far. */
    public long eventsFired() {
        return fired;
    }

    /** Number of events pending. */
    public int pending() {
        return queue.size() + laneWaiting;
    }

    /** Number of pending events that are not daemons; when 0 the run has nothing left to do. */
    public int pendingLive() {
        return pending() - daemons;
    }

    /** Schedules {@code e} {@code delay} nanoseconds from now. */
    public void schedule(Event e, long delay) {
        if (delay < 0) {
            throw new IllegalArgumentException("delay must be >= 0 ns, got " + delay);
        }
        enqueue(e, now + delay);
    }

    /** Schedules {@code e} at absolute time {@code time}, which must not be in the past. */
    public void scheduleAt(Event e, long time) {
        checkNotPast(time);
        enqueue(e, time);
    }

    private void checkNotPast(long time) {
        if (time < now) {
            throw new IllegalArgumentException("time " + time + " ns is before now (" + now + " ns)");
        }
    }

    private static void checkNotPending(Event e) {
        if (e.index >= 0) {
            throw new IllegalStateException("event is already pending at " + e.time + " ns");
        }
    }

    private void enqueue(Event e, long time) {
        checkNotPending(e);
        e.time = time;
        e.seq = nextSeq++;
        queue.add(e);
        if (e.daemon) {
            daemons++;
        }
    }

    /** Marks an event that waits in a lane: pending, but not in the queue itself. */
    private static final int IN_LANE = Integer.MAX_VALUE;

    /**
     * Schedules {@code e} at {@code time} in {@code lane}: it fires exactly when it would if
     * scheduled with {@link #scheduleAt(Event, long)}, but stands in the event queue only as the
     * lane's entry once the lane's earlier events have fired. {@code time} must not be before the
     * lane's last pending event; {@code e} must not be a daemon.
     */
    public void scheduleAt(Event e, long time, Lane lane) {
        checkNotPast(time);
        checkNotPending(e);
        if (e.daemon) {
            throw new IllegalArgumentException("lane " + lane.name() + ": a daemon event cannot join a lane");
        }
        if (!lane.accepts(time)) {
            throw new IllegalArgumentException("lane " + lane.name() + ": time " + time
                    + " ns is before its last pending event (" + lane.events.peekLast().time
                    + " ns); a lane's times must not decrease");
        }
        if (lane.sim != this) {
            if (lane.sim != null && !lane.events.isEmpty()) {
                throw new IllegalStateException("lane " + lane.name() + " has events pending in another simulation");
            }
            lane.sim = this;
        }
        e.time = time;
        e.seq = nextSeq++;
        e.index = IN_LANE;
        if (lane.events.isEmpty()) {
            lane.entry.time = time;
            lane.entry.seq = e.seq;
            queue.add(lane.entry);
        } else {
            laneWaiting++;
        }
        lane.events.addLast(e);
    }

    /** The lane's entry fired: its earliest event is due now; the entry stays queued for the next. */
    void fireLaneHead(Lane lane) {
        Event head = lane.events.pollFirst();
        head.index = -1;
        Event next = lane.events.peekFirst();
        if (next != null) {
            laneWaiting--;
            lane.entry.time = next.time;
            lane.entry.seq = next.seq;
            queue.addAny(lane.entry);
        }
        head.fire();
    }

    /** Convenience: runs {@code action} after {@code delay} ns. Allocates; not for hot paths. */
    public Event schedule(long delay, Runnable action) {
        Event e = Event.of(action);
        schedule(e, delay);
        return e;
    }

    /** Removes a pending event; returns false if it was not pending. */
    public boolean cancel(Event e) {
        if (e.index < 0) {
            return false;
        }
        if (e.index == IN_LANE) {
            throw new IllegalStateException("an event in a lane cannot be cancelled (at " + e.time + " ns)");
        }
        queue.remove(e);
        if (e.daemon) {
            daemons--;
        }
        return true;
    }

    /** Clears every pending event. */
    public void clear() {
        queue.clear();
        laneWaiting = 0;
        daemons = 0;
    }

    /** Asks the running loop to return after the current event. */
    public void stop() {
        stopRequested = true;
    }

    /** Runs until no event remains but daemons. */
    public StopReason run() {
        return loop(Long.MAX_VALUE, null);
    }

    /**
     * Runs every event scheduled at or before {@code endTime}, then sets the clock to
     * {@code endTime} (if no event was left the clock still advances).
     */
    public StopReason runUntil(long endTime) {
        StopReason r = endTime == Long.MAX_VALUE ? loop(endTime, null) : loopUntil(endTime);
        if (r == StopReason.TIME_LIMIT || r == StopReason.EMPTY) {
            if (endTime > now && endTime != Long.MAX_VALUE) {
                now = endTime;
            }
        }
        return r;
    }

    /** Runs until {@code condition} holds (tested before the first event and after each one). */
    public StopReason runUntil(BooleanSupplier condition) {
        if (condition.getAsBoolean()) {
            return StopReason.CONDITION;
        }
        return loop(Long.MAX_VALUE, condition);
    }

    /** The time-bounded loop, the hot one of chunked runs: no condition, daemons run like any event. */
    private StopReason loopUntil(long endTime) {
        stopRequested = false;
        final EventQueue q = queue;
        int poll = INTERRUPT_POLL_EVENTS;
        long n = 0;
        try {
            while (true) {
                if (--poll == 0) {
                    poll = INTERRUPT_POLL_EVENTS;
                    if (Thread.interrupted()) {
                        Thread.currentThread().interrupt();
                        return StopReason.INTERRUPTED;
                    }
                }
                Event e = q.pollNotAfter(endTime);
                if (e == null) {
                    return q.isEmpty() ? StopReason.EMPTY : StopReason.TIME_LIMIT;
                }
                n++;
                if (e.daemon) {
                    daemons--;
                }
                now = e.time;
                e.fire();
                if (stopRequested) {
                    stopRequested = false;
                    return StopReason.STOPPED;
                }
            }
        } finally {
            fired += n;
        }
    }

    private StopReason loop(long endTime, BooleanSupplier condition) {
        stopRequested = false;
        final EventQueue q = queue;
        int poll = INTERRUPT_POLL_EVENTS;
        while (true) {
            if (q.isEmpty() || (pendingLive() == 0 && endTime == Long.MAX_VALUE)) {
                return StopReason.EMPTY;
            }
            if (q.peekTime() > endTime) {
                return StopReason.TIME_LIMIT;
            }
            if (--poll == 0) {
                poll = INTERRUPT_POLL_EVENTS;
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    return StopReason.INTERRUPTED;
                }
            }
            Event e = q.poll();
            if (e.daemon) {
                daemons--;
            }
            now = e.time;
            fired++;
            e.fire();
            if (stopRequested) {
                stopRequested = false;
                return StopReason.STOPPED;
            }
            if (condition != null && condition.getAsBoolean()) {
                return StopReason.CONDITION;
            }
        }
    }
}
