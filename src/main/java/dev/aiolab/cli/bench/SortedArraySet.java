package dev.aiolab.cli.bench;

import java.util.Arrays;

/**
 * A sorted array in decreasing (time, seq) order: poll takes the last slot in O(1), add shifts the
 * events that pop earlier up by one (insertion sort), remove searches. The engine's
 * {@code EventQueue} uses this layout while at most 32 events are pending.
 */
final class SortedArraySet extends PendingSet {
    private Node[] nodes = new Node[64];
    private int size;

    @Override
    String name() {
        return "sorted array";
    }

    /** O(n) insertion: not worth measuring with 100,000 pending. */
    @Override
    int maxPending() {
        return 10_000;
    }

    @Override
    int size() {
        return size;
    }

    @Override
    void add(Node e) {
        if (size == nodes.length) {
            nodes = Arrays.copyOf(nodes, size << 1);
        }
        final Node[] ns = nodes;
        final long t = e.time;
        final long s = e.seq;
        int j = size++;
        while (j > 0) {
            Node p = ns[j - 1];
            if (p.time > t || (p.time == t && p.seq > s)) {
                break;
            }
            ns[j] = p;
            j--;
        }
        ns[j] = e;
        e.index = 0;
    }

    @Override
    Node poll() {
        Node e = nodes[--size];
        nodes[size] = null;
        e.index = -1;
        return e;
    }

    @Override
    void remove(Node e) {
        int i = size - 1;
        while (nodes[i] != e) {
            i--;
        }
        int last = --size;
        System.arraycopy(nodes, i + 1, nodes, i, last - i);
        nodes[last] = null;
        e.index = -1;
    }
}
