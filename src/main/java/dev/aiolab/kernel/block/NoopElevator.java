package dev.aiolab.kernel.block;

import java.util.ArrayDeque;

// models drivers/block/noop-iosched.c
/** The noop elevator: one FIFO; merging only (done by the queue). */
public final class NoopElevator implements Elevator {
    private final ArrayDeque<Request> fifo = new ArrayDeque<>();

    @Override
    public void add(Request rq, long now) {
        fifo.addLast(rq);
    }

    @Override
    public Request dispatch(long now) {
        return fifo.pollFirst();
    }

    @Override
    public int size() {
        return fifo.size();
    }

    @Override
    public String name() {
        return "noop";
    }
}
