package dev.aiolab.cli.bench;

import java.util.List;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.simevents.eventlist.BinaryTree;
import umontreal.ssj.simevents.eventlist.DoublyLinked;
import umontreal.ssj.simevents.eventlist.EventList;
import umontreal.ssj.simevents.eventlist.Henriksen;
import umontreal.ssj.simevents.eventlist.RedblackTree;
import umontreal.ssj.simevents.eventlist.SplayTree;

/**
 * The peer engine, SSJ's {@code umontreal.ssj.simevents}, with one of its event lists. One list
 * type per JVM: mixing types would make SSJ's own loop call sites megamorphic and slow it down.
 */
public final class SsjPeer {
    /** SSJ's event lists, by class name. */
    public static final List<String> LISTS = List.of("SplayTree", "Henriksen", "BinaryTree", "RedblackTree",
            "DoublyLinked");
    /** SSJ's fastest list in our measurements on every row (see README, Benchmarks). */
    public static final String DEFAULT_LIST = "SplayTree";

    private final String list;

    public SsjPeer(String list) {
        if (!LISTS.contains(list)) {
            throw new IllegalArgumentException("unknown SSJ event list " + list + "; one of " + LISTS);
        }
        this.list = list;
    }

    /** The name printed in the peer column and CSV. */
    public String name() {
        return "ssj-3.3.2/" + list;
    }

    /** A fresh simulator on a fresh event list of the chosen type. */
    public Simulator newSimulator() {
        EventList l = switch (list) {
            case "SplayTree" -> new SplayTree();
            case "Henriksen" -> new Henriksen();
            case "BinaryTree" -> new BinaryTree();
            case "RedblackTree" -> new RedblackTree();
            default -> new DoublyLinked();
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
