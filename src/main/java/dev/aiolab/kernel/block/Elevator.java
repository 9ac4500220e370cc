package dev.aiolab.kernel.block;

/**
 * {@code struct elevator_type}'s operations the model needs: add a request, be told of a merge
 * that moved a request's start, and choose the next request to dispatch. Merging candidates are
 * found by the queue itself (the {@code elv_merge} hash lookups).
 */
public interface Elevator {
    /** {@code elevator_add_req_fn}; {@code now} is the queueing time (for FIFO expiry). */
    void add(Request rq, long now);

    /** {@code elevator_merged_fn}: {@code rq} grew; after a front merge its start sector moved. */
    default void merged(Request rq, long oldSector) {}

    /** {@code elevator_dispatch_fn}: remove and return the next request to dispatch, or null. */
    Request dispatch(long now);

    /** Requests held. */
    int size();

    default boolean isEmpty() {
        return size() == 0;
    }

    /** A short name ({@code noop}, {@code deadline}). */
    String name();
}
