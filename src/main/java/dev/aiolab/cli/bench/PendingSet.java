package dev.aiolab.cli.bench;

import dev.aiolab.sim.RandomStream;

/**
 * A candidate structure for the engine's pending-event set, for {@code aiolab bench --queues}:
 * ordered by (time, seq), so equal times pop in scheduling order, with O(log n) removal of any
 * pending node. Each candidate is measured in a class loader of its own, so the hold loop's calls
 * here see one structure only and the JIT inlines them, as it does in the engine.
 */
abstract class PendingSet {
    /** A pending event: the key and whatever links a structure needs. */
    static final class Node {
        long time;
        long seq;
        int index = -1;
        Node child;
        Node sibling;
        /** Pairing heap: the previous sibling, or the parent for a first child. */
        Node prev;
    }

    long now;
    long nextSeq;

    abstract String name();

    abstract int size();

    /** The most pending events this structure is worth measuring with. */
    int maxPending() {
        return Integer.MAX_VALUE;
    }

    abstract void add(Node n);

    abstract Node poll();

    abstract void remove(Node n);

    /** Schedules {@code n} at {@code time}, taking the next sequence number. */
    final void schedule(Node n, long time) {
        n.time = time;
        n.seq = nextSeq++;
        add(n);
    }

    /** {@code events} hold steps: pop the earliest, push it again at now plus an exponential increment. */
    final void hold(long events, RandomStream rng, double mean) {
        for (long k = 0; k < events; k++) {
            Node e = poll();
            now = e.time;
            schedule(e, now + rng.exponential(mean));
        }
    }

    static boolean less(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }
}
