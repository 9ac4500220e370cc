package dev.aiolab.kernel.sched;

/**
 * The action routine of a bit wait (the seed's {@code int (*action)(void *word, wait_queue_t *wait)}):
 * called with the bit set. Returns 0 to test again, {@link dev.aiolab.kernel.Errno#SCHEDULE} when
 * the current task sleeps, {@code -EIOCBRETRY} for an async entry, or another error to give up.
 */
@FunctionalInterface
public interface BitAction {
    int act(FlagsWord word, WaitQueueEntry wait);
}
