package dev.aiolab.kernel.sched;

import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.kernel.trace.WakeRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wait_queue_head_t}: a lock and a doubly linked list of {@link WaitQueueEntry}. Wakeups
 * follow 2.6.12 {@code __wake_up_common} exactly; the lock is modelled as the interval of simulated
 * time during which a CPU holds it, so a CPU that wants it meanwhile spins, and the spin is charged
 * and reported.
 */
public final class WaitQueueHead {
    /** Wake modes ({@code TASK_INTERRUPTIBLE}, {@code TASK_UNINTERRUPTIBLE}, both). */
    public static final int TASK_INTERRUPTIBLE = 1;
    public static final int TASK_UNINTERRUPTIBLE = 2;
    public static final int TASK_NORMAL = TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE;

    private final Sched sched;
    private final int id;
    private final String name;
    /** List sentinel: {@code sentinel.next} is the head of the list, {@code sentinel.prev} the tail. */
    private final WaitQueueEntry sentinel = new WaitQueueEntry(null, null, null);
    private int size;
    /** The hashed table this queue is a bucket of, or null for a queue of its own. */
    WaitTable table;
    private long lockedUntil = Long.MIN_VALUE;
    private long wakeCalls;

    WaitQueueHead(Sched sched, int id, String name) {
        this.sched = sched;
        this.id = id;
        this.name = name;
        sentinel.next = sentinel;
        sentinel.prev = sentinel;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Entries on the queue. */
    public int size() {
        return size;
    }

    /** Wake calls made on this queue. */
    public long wakeCalls() {
        return wakeCalls;
    }

    /** include/linux/wait.h waitqueue_active: the lockless "is anyone queued" test. */
    public boolean waitqueueActive() {
        return size != 0;
    }

    /** The entries head to tail (a copy, for tests and reports). */
    public List<WaitQueueEntry> entries() {
        List<WaitQueueEntry> l = new ArrayList<>(size);
        for (WaitQueueEntry e = sentinel.next; e != sentinel; e = e.next) {
            l.add(e);
        }
        return l;
    }

    // ---- list primitives (include/linux/wait.h) ----

    // models include/linux/wait.h: __add_wait_queue (insert at the head)
    private void addHead(WaitQueueEntry w) {
        insertAfter(sentinel, w);
    }

    // models include/linux/wait.h: __add_wait_queue_tail
    private void addTail(WaitQueueEntry w) {
        insertAfter(sentinel.prev, w);
    }

    private void insertAfter(WaitQueueEntry pos, WaitQueueEntry w) {
        if (w.head != null) {
            throw new IllegalStateException("wait entry " + w + " is already on " + w.head.name);
        }
        w.prev = pos;
        w.next = pos.next;
        pos.next.prev = w;
        pos.next = w;
        w.head = this;
        size++;
        if (table != null) {
            table.waiters++;
        }
    }

    /** {@code list_del_init(&wait->task_list)}; the caller holds the lock (wake functions). */
    public void listDelInit(WaitQueueEntry w) {
        if (w.head != this) {
            return;
        }
        w.prev.next = w.next;
        w.next.prev = w.prev;
        w.prev = null;
        w.next = null;
        w.head = null;
        size--;
        if (table != null) {
            table.waiters--;
        }
    }

    // ---- the lock ----

    /** Takes the lock at the current CPU's local time, spinning while another CPU holds it. */
    private void lock() {
        long t = sched.now();
        if (lockedUntil > t) {
            long spin = lockedUntil - t;
            sched.chargeCurrent(spin);
            sched.probe().lockContention(t, id, spin);
        }
    }

    private void unlock() {
        lockedUntil = sched.now();
    }

    private void lockedOp() {
        lock();
        sched.chargeCurrent(sched.lockNs);
        unlock();
    }

    // ---- kernel/wait.c ----

    // models kernel/wait.c: add_wait_queue
    public void addWaitQueue(WaitQueueEntry wait) {
        wait.flags &= ~WaitQueueEntry.WQ_FLAG_EXCLUSIVE;
        lockedOp();
        addHead(wait);
    }

    // models kernel/wait.c: add_wait_queue_exclusive
    public void addWaitQueueExclusive(WaitQueueEntry wait) {
        wait.flags |= WaitQueueEntry.WQ_FLAG_EXCLUSIVE;
        lockedOp();
        addTail(wait);
    }

    // models kernel/wait.c: remove_wait_queue
    public void removeWaitQueue(WaitQueueEntry wait) {
        lockedOp();
        listDelInit(wait);
    }

    // models kernel/wait.c: prepare_to_wait
    /**
     * Clears EXCLUSIVE and queues the entry at the head if it is not queued; sets the current task's
     * state only for a synchronous entry ("don't alter the task state if this is just going to
     * queue an async wait queue callback").
     */
    public void prepareToWait(WaitQueueEntry wait, TaskState state) {
        wait.flags &= ~WaitQueueEntry.WQ_FLAG_EXCLUSIVE;
        lockedOp();
        if (wait.head == null) {
            addHead(wait);
        }
        setSleeping(wait, state);
    }

    // models kernel/wait.c: prepare_to_wait_exclusive
    public void prepareToWaitExclusive(WaitQueueEntry wait, TaskState state) {
        wait.flags |= WaitQueueEntry.WQ_FLAG_EXCLUSIVE;
        lockedOp();
        if (wait.head == null) {
            addTail(wait);
        }
        setSleeping(wait, state);
    }

    private void setSleeping(WaitQueueEntry wait, TaskState state) {
        if (WaitQueueEntry.isSyncWait(wait)) {
            Task cur = sched.current() != null ? sched.current() : wait.task;
            if (cur != null) {
                cur.setState(state);
                cur.sleepingOn = wait;
            }
        }
    }

    // models kernel/wait.c: finish_wait
    /** Sets the current task running and unlinks the entry if it is still queued. */
    public void finishWait(WaitQueueEntry wait) {
        Task cur = sched.current() != null ? sched.current() : wait.task;
        if (cur != null && WaitQueueEntry.isSyncWait(wait)) {
            cur.setState(TaskState.RUNNING);
        }
        if (wait.head == this) {
            lockedOp();
            listDelInit(wait);
        }
    }

    // models kernel/sched.c: __wake_up
    /** Wakes with the queue lock held; {@code nrExclusive == 0} wakes everyone. Returns the nonzero wake-function returns. */
    public int wakeUp(int mode, int nrExclusive, WaitBitKey key) {
        return wakeUpCommon(mode, nrExclusive, 0, key);
    }

    /** {@code wake_up(q)}: one exclusive waiter and every non-exclusive one. */
    public int wakeUp() {
        return wakeUp(TASK_NORMAL, 1, null);
    }

    /** {@code wake_up_all(q)}. */
    public int wakeUpAll() {
        return wakeUp(TASK_NORMAL, 0, null);
    }

    // models kernel/sched.c: __wake_up_common
    /**
     * Walks head to tail calling each entry's wake function. A nonzero return on an EXCLUSIVE entry
     * decrements {@code nr_exclusive}; at 0 the walk stops. Charges the lock, each entry visited
     * (wakeups charge themselves in {@code try_to_wake_up}) and reports the call to the probe.
     */
    private int wakeUpCommon(int mode, int nrExclusive, int sync, WaitBitKey key) {
        final Sched s = sched;
        final long start = s.now();
        final int waiters = size;
        final int tableWaiters = table != null ? table.waiters() : -1;
        final FlagsWord keyWord = key != null ? key.word : null;
        final int keyBit = key != null ? key.bitNr : -1;
        lock();
        s.chargeCurrent(s.lockNs);
        int visited = 0;
        int counted = 0;
        int keyWaiters = 0;
        final long actionsBefore = s.wakeActions;
        final long kicksBefore = s.wakeKicks;
        Probe.WalkStop stop = Probe.WalkStop.END_OF_LIST;
        WaitQueueEntry curr = sentinel.next;
        while (curr != sentinel) {
            WaitQueueEntry next = curr.next;
            int flags = curr.flags;
            visited++;
            if (curr.waitedWord == keyWord && curr.waitedBit == keyBit) {
                keyWaiters++;
            }
            s.chargeCurrent(s.walkEntryNs);
            if (s.bookmarks && visited % s.bookmarkBatch == 0) {
                // 4.13 bookmarks: drop and retake the lock so other CPUs can get in
                unlock();
                lock();
                s.chargeCurrent(s.lockNs);
            }
            if (curr.func.wake(curr, mode, sync, key) != 0) {
                counted++;
                if ((flags & WaitQueueEntry.WQ_FLAG_EXCLUSIVE) != 0 && --nrExclusive == 0) {
                    stop = Probe.WalkStop.EXCLUSIVE_DONE;
                    curr = next;
                    break;
                }
            }
            curr = next;
        }
        unlock();
        wakeCalls++;
        WakeRecord w = s.wakeRecord;
        if (keyWord != null) {
            // the key's waiters the walk did not reach, for the report only (no CPU charged)
            for (; curr != sentinel; curr = curr.next) {
                if (curr.waitedWord == keyWord && curr.waitedBit == keyBit) {
                    keyWaiters++;
                }
            }
            w.keyWord = keyWord.address();
            w.keyBit = keyBit;
            w.keyWaiters = keyWaiters;
        } else {
            w.keyWord = 0;
            w.keyBit = -1;
            w.keyWaiters = -1;
        }
        w.timeNs = start;
        w.queueId = id;
        w.visited = visited;
        // woken: entries whose wake function woke a task or kicked an iocb (aio_wake_function acts
        // but returns 0 in the seed); the exclusive count above follows the return values only
        w.woken = (int) (s.wakeActions - actionsBefore);
        w.kicked = (int) (s.wakeKicks - kicksBefore);
        w.filtered = visited - w.woken;
        w.stop = stop;
        w.cpuNs = s.now() - start;
        w.queueWaiters = waiters;
        w.tableWaiters = tableWaiters;
        w.tableBuckets = table != null ? table.size() : -1;
        s.probe().wakeCall(w);
        return counted;
    }

    @Override
    public String toString() {
        return name + "(" + size + " waiting)";
    }
}
