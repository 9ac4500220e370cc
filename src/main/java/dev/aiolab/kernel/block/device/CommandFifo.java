package dev.aiolab.kernel.block.device;

import java.util.Arrays;

/** A growable ring of references in arrival order; allocation-free once it has grown. */
final class CommandFifo<T> {
    private Object[] ring = new Object[16];
    private int head;
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void add(T item) {
        if (size == ring.length) {
            Object[] bigger = new Object[ring.length << 1];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + size) & (ring.length - 1)] = item;
        size++;
    }

    @SuppressWarnings("unchecked")
    T poll() {
        T item = (T) ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        size--;
        return item;
    }

    void clear() {
        Arrays.fill(ring, null);
        head = 0;
        size = 0;
    }
}
