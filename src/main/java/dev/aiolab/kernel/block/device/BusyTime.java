package dev.aiolab.kernel.block.device;

/**
 * Utilisation bookkeeping shared by the device models: the device is busy while at least one
 * command it accepted has not completed, whether in service or queued inside it (every model here
 * is work-conserving, so a queued command means a busy server).
 */
final class BusyTime {
    private long accumulated;
    private long since;
    private int outstanding;

    /** A command was accepted at {@code t}. */
    void begin(long t) {
        if (outstanding++ == 0) {
            since = t;
        }
    }

    /** A command completed at {@code t}. */
    void end(long t) {
        if (--outstanding == 0) {
            accumulated += t - since;
        }
    }

    int outstanding() {
        return outstanding;
    }

    /** Busy time up to {@code now}, counting the busy period in progress. */
    long busyNs(long now) {
        return outstanding > 0 ? accumulated + Math.max(0, now - since) : accumulated;
    }
}
