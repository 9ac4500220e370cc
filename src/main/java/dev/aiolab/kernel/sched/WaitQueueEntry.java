package dev.aiolab.kernel.sched;

/**
 * {@code wait_queue_t}: flags, the private task (null for an asynchronous entry such as a kiocb's),
 * the wake function, and the list links. {@link #owner} plays the part of {@code container_of}.
 */
public class WaitQueueEntry {
    /** include/linux/wait.h WQ_FLAG_EXCLUSIVE. */
    public static final int WQ_FLAG_EXCLUSIVE = 0x01;

    public int flags;
    /** {@code wait->task}; null marks an asynchronous wait ({@code is_sync_wait} is false). */
    public final Task task;
    /** The object embedding this entry (a kiocb), or null. */
    public final Object owner;
    public WakeFunction func;

    /**
     * What the entry last waited for, recorded by the bit-wait loops for every entry, keyed or not.
     * Observation only (a plain 2.6.12 entry has no key and is never filtered by it): metrics use it
     * to tell a retry that moved on from one that waits again for the same bit.
     */
    public FlagsWord waitedWord;
    public int waitedBit = -1;

    WaitQueueEntry prev;
    WaitQueueEntry next;
    /** The queue this entry is on; null when {@code list_empty(&wait->task_list)}. */
    WaitQueueHead head;

    public WaitQueueEntry(Task task, Object owner, WakeFunction func) {
        this.task = task;
        this.owner = owner;
        this.func = func;
    }

    /** A synchronous entry for {@code task} with {@code autoremove_wake_function} ({@code DEFINE_WAIT}). */
    public static WaitQueueEntry defineWait(Task task) {
        return new WaitQueueEntry(task, null, WakeFunction.AUTOREMOVE);
    }

    /** Whether the entry is on a wait queue. */
    public final boolean isQueued() {
        return head != null;
    }

    /** The queue the entry is on, or null. */
    public final WaitQueueHead queue() {
        return head;
    }

    public final boolean isExclusive() {
        return (flags & WQ_FLAG_EXCLUSIVE) != 0;
    }

    /** include/linux/wait.h is_sync_wait: a NULL entry or one with a task is synchronous. */
    public static boolean isSyncWait(WaitQueueEntry wait) {
        return wait == null || wait.task != null;
    }

    /** The key this entry waits for, or null if the entry cannot carry one. */
    public WaitBitKey key() {
        return null;
    }

    @Override
    public String toString() {
        String who = task != null ? task.toString() : String.valueOf(owner);
        return who + (isExclusive() ? " (exclusive)" : "");
    }
}
