package dev.aiolab.kernel.sched;

import java.util.ArrayDeque;

/**
 * A task's {@code struct io_context} (include/linux/blkdev.h, 2.6.12) as the block layer uses it:
 * the request batching of {@code ioc_batching}, and the bios the task made without a free request
 * that it still has to submit, sleeping in {@code get_request_wait} for each (held by the block
 * layer; typed loosely since this package does not know bios).
 */
public final class IoContext {
    /** {@code nr_batch_requests}: requests left in the current batch. */
    public int nrBatchRequests;
    /** {@code last_waited}: the jiffy the batch began. */
    public long lastWaited;
    /** The task went to sleep in {@code get_request_wait} and has not run since. */
    public boolean sleptForRequest;
    /** Bios still to submit, oldest first. */
    public final ArrayDeque<Object> pendingBios = new ArrayDeque<>(2);

    public boolean hasPendingBios() {
        return !pendingBios.isEmpty();
    }
}
