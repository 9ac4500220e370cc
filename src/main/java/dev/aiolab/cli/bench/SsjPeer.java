package dev.aiolab.cli.bench;

import java.util.List;
import java.util.function.Function;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.simevents.eventlist.BinaryTree;
import umontreal.ssj.simevents.eventlist.DoublyLinked;
import umontreal.ssj.simevents.eventlist.EventList;
import umontreal.ssj.simevents.eventlist.Henriksen;
import umontreal.ssj.simevents.eventlist.RedblackTree;
import umontreal.ssj.simevents.eventlist.SplayTree;

/**
 * The peer engine, SSJ's {@code umontreal.ssj.simevents}, with one of its event lists: a named one,
 * or by default ({@value #FASTEST}) the one that is fastest on the row, chosen by a short trial of
 * each. Each list runs in its own class loader ({@link Isolated}), so SSJ's loop stays monomorphic.
 */
public final class SsjPeer {
    /** Try every list on each row and keep the fastest. */
    public static final String FASTEST = "fastest";
    /** SSJ's event lists, by class name. */
    public static final List<String> LISTS = List.of("SplayTree", "Henriksen", "BinaryTree", "RedblackTree",
            "DoublyLinked");
    /** DoublyLinked inserts in O(n): not worth a trial above this many pending events. */
    static final int DOUBLY_LINKED_MAX_PENDING = 100;

    private final String list;

    public SsjPeer(String list) {
        if (!list.equals(FASTEST) && !LISTS.contains(list)) {
            throw new IllegalArgumentException("unknown SSJ event list " + list + "; one of " + LISTS
                    + " or " + FASTEST);
        }
        this.list = list;
    }

    /** The name printed in the peer column and CSV for {@code list}. */
    public static String name(String list) {
        return "ssj-3.3.2/" + list;
    }

    /** The list setting: a list name or {@value #FASTEST}. */
    public String list() {
        return list;
    }

    /** A peer workload and the list it runs on. */
    public record Choice(String list, Workload workload) {}

    /**
     * The peer workload for a row with {@code pending} events pending: {@code make} builds one for a
     * list; with {@value #FASTEST}, every list is tried for {@link Budget#trial()} and the fastest is
     * built afresh for the measurement.
     */
    public Choice choose(Budget budget, int pending, Function<String, Workload> make) {
        if (!list.equals(FASTEST)) {
            return new Choice(list, make.apply(list));
        }
        String best = null;
        double bestRate = -1;
        for (String l : LISTS) {
            if (l.equals("DoublyLinked") && pending > DOUBLY_LINKED_MAX_PENDING) {
                continue;
            }
            double r = Meter.rate(make.apply(l), budget.trial());
            if (r > bestRate) {
                bestRate = r;
                best = l;
            }
        }
        return new Choice(best, make.apply(best));
    }

    /** A fresh simulator on a fresh event list of type {@code list}. */
    static Simulator newSimulator(String list) {
        EventList l = switch (list) {
            case "SplayTree" -> new SplayTree();
            case "Henriksen" -> new Henriksen();
            case "BinaryTree" -> new BinaryTree();
            case "RedblackTree" -> new RedblackTree();
            case "DoublyLinked" -> new DoublyLinked();
            default -> throw new IllegalArgumentException("unknown SSJ event list " + list);
        };
        Simulator sim = new Simulator(l);
        sim.init();
        return sim;
    }

    /**
     * Runs {@code sim} in chunks of {@code chunk} simulated time until {@code wallNanos} have passed;
     * each chunk ends on a stop event, SSJ's way to end a run at a time.
     */
    static void runChunks(Simulator sim, double chunk, long wallNanos) {
        Event stop = new Event(sim) {
            @Override
            public void actions() {
                simulator().stop();
            }
        };
        long end = System.nanoTime() + wallNanos;
        do {
            stop.schedule(chunk);
            sim.start();
        } while (System.nanoTime() < end);
    }
}
