package dev.aiolab.kernel.sched;

/**
 * {@code wait_queue_func_t}: called by {@code __wake_up_common} for each entry visited. Nonzero means
 * "woken" (and counts against {@code nr_exclusive} for an exclusive entry); 0 means the walk goes on
 * and nothing is counted.
 */
@FunctionalInterface
public interface WakeFunction {
    int wake(WaitQueueEntry wait, int mode, int sync, WaitBitKey key);

    /** kernel/sched.c default_wake_function: {@code try_to_wake_up(wait->task)}. */
    WakeFunction DEFAULT = (wait, mode, sync, key) -> wait.task.sched().tryToWakeUp(wait.task, mode);

    /** kernel/wait.c autoremove_wake_function: unlinks the entry only when the wakeup succeeded. */
    WakeFunction AUTOREMOVE = (wait, mode, sync, key) -> {
        int ret = DEFAULT.wake(wait, mode, sync, key);
        if (ret != 0) {
            wait.head.listDelInit(wait);
        }
        return ret;
    };

    /**
     * kernel/wait.c wake_bit_function (with the seed's NULL-key allowance): 0 unless the entry's
     * (word, bit) equal the key's and the bit is clear; then {@code autoremove_wake_function}.
     */
    WakeFunction WAKE_BIT = (wait, mode, sync, key) -> {
        if (key != null && !((WaitBitQueue) wait).testWaitBitKey(key)) {
            return 0;
        }
        return AUTOREMOVE.wake(wait, mode, sync, key);
    };
}
