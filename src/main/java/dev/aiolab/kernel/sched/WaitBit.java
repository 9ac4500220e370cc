package dev.aiolab.kernel.sched;

import static dev.aiolab.kernel.Errno.EIOCBRETRY;
import static dev.aiolab.kernel.Errno.SCHEDULE;

/**
 * kernel/wait.c bit waits with the seed's changes: the action routine takes the wait entry, and the
 * loops skip {@code finish_wait} on {@code -EIOCBRETRY} so an async entry stays queued.
 *
 * <p>A synchronous waiter that sleeps returns {@link dev.aiolab.kernel.Errno#SCHEDULE} out of the
 * loop; its caller calls the same loop again when the task is woken, which continues the kernel's
 * loop where {@code schedule()} returned (prepare, test, and for the lock variant
 * {@code test_and_set_bit}).
 */
public final class WaitBit {
    private WaitBit() {}

    private static void initKey(WaitQueueEntry wait, FlagsWord word, int bit) {
        wait.waitedWord = word;
        wait.waitedBit = bit;
        if (wait instanceof WaitBitQueue q) {
            q.initWaitBitKey(word, bit);
        }
    }

    // models kernel/wait.c: __wait_on_bit
    public static int waitOnBit(WaitQueueHead wq, WaitQueueEntry wait, FlagsWord word, int bit,
            BitAction action, TaskState mode) {
        initKey(wait, word, bit);
        int ret = 0;
        do {
            wq.prepareToWait(wait, mode);
            if (word.testBit(bit)) {
                ret = action.act(word, wait);
                if (ret == SCHEDULE) {
                    return SCHEDULE;
                }
            }
        } while (word.testBit(bit) && ret == 0);
        // AIO retries require the wait queue entry to remain queued for async notification
        if (ret != -EIOCBRETRY) {
            wq.finishWait(wait);
        }
        return ret;
    }

    // models kernel/wait.c: __wait_on_bit_lock
    public static int waitOnBitLock(WaitQueueHead wq, WaitQueueEntry wait, FlagsWord word, int bit,
            BitAction action, TaskState mode) {
        initKey(wait, word, bit);
        int ret = 0;
        do {
            wq.prepareToWaitExclusive(wait, mode);
            if (word.testBit(bit)) {
                ret = action.act(word, wait);
                if (ret == SCHEDULE) {
                    return SCHEDULE;
                }
                if (ret != 0) {
                    break;
                }
            }
        } while (word.testAndSetBit(bit));
        // AIO retries require the wait queue entry to remain queued for async notification
        if (ret != -EIOCBRETRY) {
            wq.finishWait(wait);
        }
        return ret;
    }

    // models kernel/wait.c: __wake_up_bit
    /** Wakes waiters of (word, bit) on {@code wq}; takes no lock when the queue is empty. */
    public static void wakeUpBit(WaitQueueHead wq, FlagsWord word, int bit, Sched sched) {
        if (wq.waitqueueActive()) {
            wq.wakeUp(WaitQueueHead.TASK_NORMAL, 1, sched.scratchKey.set(word, bit));
        }
    }

    // models kernel/sched.c (seed): io_wait_schedule
    /** Sleep only if the wait context is synchronous; an async one returns {@code -EIOCBRETRY}. */
    public static int ioWaitSchedule(WaitQueueEntry wait) {
        if (!WaitQueueEntry.isSyncWait(wait)) {
            return -EIOCBRETRY;
        }
        return SCHEDULE;
    }
}
