package dev.aiolab.cli.bench;


/**
 * A pairing heap (Fredman, Sedgewick, Sleator, Tarjan 1986) with the two-pass merge: O(1) insert,
 * O(log n) amortised delete-min and remove. Ties go by sequence number, so equal times pop in
 * scheduling order.
 */
final class PairingHeapSet extends PendingSet {
    private Node root;
    private int size;

    @Override
    String name() {
        return "pairing heap";
    }

    @Override
    int size() {
        return size;
    }

    /** Links two roots; the loser becomes the first child of the winner. */
    private static Node meld(Node a, Node b) {
        if (less(b.time, b.seq, a.time, a.seq)) {
            Node t = a;
            a = b;
            b = t;
        }
        Node c = a.child;
        b.sibling = c;
        b.prev = a;
        if (c != null) {
            c.prev = b;
        }
        a.child = b;
        a.sibling = null;
        a.prev = null;
        return a;
    }

    @Override
    void add(Node n) {
        n.child = null;
        n.sibling = null;
        n.prev = null;
        n.index = 0;
        root = root == null ? n : meld(root, n);
        size++;
    }

    @Override
    Node poll() {
        Node top = root;
        root = mergePairs(top.child);
        top.child = null;
        top.index = -1;
        size--;
        return top;
    }

    /** Two-pass pairing of a sibling list: meld pairs left to right, then fold right to left. */
    private static Node mergePairs(Node first) {
        if (first == null) {
            return null;
        }
        first.prev = null;
        // pass 1: pair up, building a stack of the results linked through sibling (reversed)
        Node stack = null;
        Node a = first;
        while (a != null) {
            Node b = a.sibling;
            if (b == null) {
                a.sibling = stack;
                stack = a;
                break;
            }
            Node next = b.sibling;
            a.sibling = null;
            b.sibling = null;
            Node m = meld(a, b);
            m.sibling = stack;
            stack = m;
            a = next;
        }
        // pass 2: fold the pairs from right (top of the stack) to left
        Node result = stack;
        stack = stack.sibling;
        result.sibling = null;
        while (stack != null) {
            Node next = stack.sibling;
            stack.sibling = null;
            result = meld(result, stack);
            stack = next;
        }
        result.prev = null;
        return result;
    }

    @Override
    void remove(Node n) {
        if (n == root) {
            poll();
            return;
        }
        // unlink n from its parent's child list
        Node p = n.prev;
        if (p.child == n) {
            p.child = n.sibling;
        } else {
            p.sibling = n.sibling;
        }
        if (n.sibling != null) {
            n.sibling.prev = p;
        }
        n.sibling = null;
        n.prev = null;
        Node sub = mergePairs(n.child);
        n.child = null;
        n.index = -1;
        size--;
        if (sub != null) {
            root = meld(root, sub);
        }
    }
}
