package dev.aiolab.kernel.mm;

import static dev.aiolab.kernel.Errno.EIOCBRETRY;
import static dev.aiolab.kernel.Errno.SCHEDULE;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.KernelOops;
import dev.aiolab.kernel.sched.BitAction;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.TaskState;
import dev.aiolab.kernel.sched.WaitBit;
import dev.aiolab.kernel.sched.WaitQueueEntry;
import dev.aiolab.kernel.sched.WaitQueueHead;

/**
 * Page lock and page bit waits of mm/filemap.c and include/linux/pagemap.h with the seed's
 * changes: every wait takes the wait entry ({@code __lock_page(page, wait)},
 * {@code wait_on_page_bit(page, bit, wait)}) and returns 0, {@code -EIOCBRETRY} (an async entry
 * stays queued), or {@link dev.aiolab.kernel.Errno#SCHEDULE} (the current task sleeps; call the
 * same function again when it is woken, which continues the kernel's wait loop).
 *
 * <p>A NULL entry where the seed's code does {@code container_of(wait)} throws {@link KernelOops}
 * (the {@code io_wait} NULL bug of the thread).
 *
 * <p>Variants: {@link KernelConfig#PG_WAITERS} makes {@code wake_up_page} skip pages without
 * waiters. {@link KernelConfig#PAGE_LOCK_HANDOFF} (5.9+ {@code folio_wait_bit_common}): a
 * synchronous lock waiter that has had the lock stolen {@code sysctl_page_lock_unfairness} = 5
 * times asks the waker to take the lock for it ({@code WQ_FLAG_CUSTOM}); it then waits on a
 * {@code wait_page_queue} entry of its own rather than {@code current->__wait}. Async entries
 * keep the seed's path.
 */
public final class PageWaits {
    private final Sched sched;
    private final PageAlloc alloc;
    private final PageCache cache;
    private final boolean pgWaiters;
    private final boolean lockHandoff;
    private final java.util.IdentityHashMap<dev.aiolab.kernel.sched.Task, HandoffWaiter> handoffWaiters =
            new java.util.IdentityHashMap<>();
    private long handoffs;
    private final BitAction syncPage = this::syncPage;
    private long unlocks;
    private long wakeCallsSkipped;

    public PageWaits(Sched sched, PageCache cache, KernelConfig config) {
        this.sched = sched;
        this.alloc = cache.alloc();
        this.cache = cache;
        this.pgWaiters = config.is(KernelConfig.PG_WAITERS);
        this.lockHandoff = config.is(KernelConfig.PAGE_LOCK_HANDOFF);
    }

    // models mm/filemap.c: page_waitqueue
    public WaitQueueHead pageWaitqueue(Page page) {
        return alloc.pageWaitqueue(page);
    }

    // models mm/filemap.c: sync_page (seed: takes the wait entry, returns io_wait_schedule(wait))
    private int syncPage(dev.aiolab.kernel.sched.FlagsWord word, WaitQueueEntry wait) {
        Page page = (Page) word;
        AddressSpace mapping = page.mapping;
        if (mapping != null && mapping.aops != null) {
            mapping.aops.syncPage(page);
        }
        return WaitBit.ioWaitSchedule(wait);
    }

    // models include/linux/pagemap.h (seed): __lock_page
    /** Locks the page, or queues {@code wait} exclusively and returns SCHEDULE / -EIOCBRETRY. */
    public int lockPage(Page page, WaitQueueEntry wait) {
        if (lockHandoff && wait != null && wait.task != null) {
            HandoffWaiter h = handoffWaiters.get(wait.task);
            if (h != null && h.page == page) {
                // the task was woken inside folio_wait_bit_common: continue there
                return lockPageHandoff(page, wait.task, h);
            }
            if (h != null) {
                abandonHandoff(wait.task, h);
            }
        }
        if (!page.testAndSetBit(Page.PG_locked)) {
            finishIfWoken(page, wait);
            return 0;
        }
        return lockPageSlow(page, wait);
    }

    // models mm/filemap.c (seed): lock_page_slow
    private int lockPageSlow(Page page, WaitQueueEntry wait) {
        if (wait == null) {
            throw new KernelOops("__lock_page", "lock_page_slow(page, NULL): container_of(NULL, struct "
                    + "wait_bit_queue, wait) dereferenced by init_wait_bit_key (current->io_wait is NULL)");
        }
        if (lockHandoff && wait.task != null) {
            return lockPageHandoff(page, wait.task, null);
        }
        WaitQueueHead wq = pageWaitqueue(page);
        int ret = WaitBit.waitOnBitLock(wq, wait, page, Page.PG_locked, syncPage, TaskState.UNINTERRUPTIBLE);
        markWaiters(page, ret);
        return ret;
    }

    // models include/linux/pagemap.h (seed): lock_page(page) = __lock_page(page, &current->__wait.wait)
    /** Locks the page on the current task's own entry; 0 or SCHEDULE. */
    public int lockPage(Page page) {
        dev.aiolab.kernel.sched.Task cur = sched.current();
        return lockPage(page, cur != null ? cur.wait : null);
    }

    /** {@code TestSetPageLocked}: true if the lock was taken. */
    public boolean trylockPage(Page page) {
        return !page.testAndSetBit(Page.PG_locked);
    }

    // models mm/filemap.c: unlock_page
    /** Clears PG_locked and wakes the page's bucket for PG_locked (one exclusive waiter). */
    public void unlockPage(Page page) {
        if (!page.testAndClearBit(Page.PG_locked)) {
            throw new IllegalStateException("unlock_page of an unlocked page " + page);
        }
        unlocks++;
        wakeUpPage(page, Page.PG_locked);
    }

    // models mm/filemap.c: end_page_writeback
    public void endPageWriteback(Page page) {
        if (!cache.testClearPageWriteback(page)) {
            throw new IllegalStateException("end_page_writeback of a page not under writeback " + page);
        }
        wakeUpPage(page, Page.PG_writeback);
    }

    // models mm/filemap.c: wake_up_page (__wake_up_bit on page_waitqueue)
    public void wakeUpPage(Page page, int bit) {
        if (pgWaiters && !page.testBit(Page.PG_waiters)) {
            wakeCallsSkipped++;
            return;
        }
        WaitQueueHead wq = pageWaitqueue(page);
        WaitBit.wakeUpBit(wq, page, bit, sched);
        if (pgWaiters && !hasWaitersFor(wq, page)) {
            page.clearBit(Page.PG_waiters);
        }
    }

    private static boolean hasWaitersFor(WaitQueueHead wq, Page page) {
        if (!wq.waitqueueActive()) {
            return false;
        }
        for (WaitQueueEntry e : wq.entries()) {
            if (e.key() == null || e.key().word == page) {
                return true;
            }
        }
        return false;
    }

    private void markWaiters(Page page, int ret) {
        if (pgWaiters && (ret == SCHEDULE || ret == -EIOCBRETRY)) {
            page.setBit(Page.PG_waiters);
        }
    }

    /**
     * A synchronous waiter re-entering after its sleep found the bit clear at once: leave the wait
     * as the kernel's loop would ({@code finish_wait}) if the wakeup did not unlink the entry.
     */
    private void finishIfWoken(Page page, WaitQueueEntry wait) {
        if (wait != null && wait.task != null && wait.isQueued()) {
            wait.queue().finishWait(wait);
        }
    }

    // models mm/filemap.c (seed): wait_on_page_bit
    public int waitOnPageBit(Page page, int bit, WaitQueueEntry wait) {
        if (!page.testBit(bit)) {
            finishIfWoken(page, wait);
            return 0;
        }
        if (wait == null) {
            throw new KernelOops("wait_on_page_bit", "container_of(NULL, struct wait_bit_queue, wait) "
                    + "dereferenced by init_wait_bit_key (current->io_wait is NULL)");
        }
        int ret = WaitBit.waitOnBit(pageWaitqueue(page), wait, page, bit, syncPage, TaskState.UNINTERRUPTIBLE);
        markWaiters(page, ret);
        return ret;
    }

    // models include/linux/pagemap.h (seed): __wait_on_page_locked
    public int waitOnPageLocked(Page page, WaitQueueEntry wait) {
        return waitOnPageBit(page, Page.PG_locked, wait);
    }

    // models include/linux/pagemap.h (seed): __wait_on_page_writeback
    public int waitOnPageWriteback(Page page, WaitQueueEntry wait) {
        return waitOnPageBit(page, Page.PG_writeback, wait);
    }

    // ---- 5.9+ page lock handoff ----

    /** mm/filemap.c sysctl_page_lock_unfairness: lock steals accepted before a handoff. */
    public static final int PAGE_LOCK_UNFAIRNESS = 5;

    /** {@code struct wait_page_queue} of one sleeping lock waiter, with its WQ_FLAG_* state. */
    private final class HandoffWaiter {
        final Page page;
        final WaitQueueEntry entry;
        final dev.aiolab.kernel.sched.WaitBitKey key;
        int unfairness = PAGE_LOCK_UNFAIRNESS;
        boolean custom;
        boolean woken;
        boolean done;

        HandoffWaiter(dev.aiolab.kernel.sched.Task task, Page page) {
            this.page = page;
            this.key = new dev.aiolab.kernel.sched.WaitBitKey(page, Page.PG_locked);
            HandoffWaiter self = this;
            this.entry = new WaitQueueEntry(task, this, this::wakePageFunction) {
                @Override
                public dev.aiolab.kernel.sched.WaitBitKey key() {
                    return self.key;
                }
            };
        }

        // models mm/filemap.c (5.9+): wake_page_function
        private int wakePageFunction(WaitQueueEntry w, int mode, int sync, dev.aiolab.kernel.sched.WaitBitKey k) {
            if (k == null || k.word != page || k.bitNr != Page.PG_locked) {
                return 0;
            }
            if (w.isExclusive()) {
                // the lock was stolen meanwhile: stop the walk without waking
                if (page.testBit(Page.PG_locked)) {
                    return -1;
                }
                if (custom) {
                    // handoff: take the lock for the waiter
                    if (page.testAndSetBit(Page.PG_locked)) {
                        return -1;
                    }
                    done = true;
                    handoffs++;
                }
            }
            woken = true;
            sched.tryToWakeUp(w.task, mode);
            w.queue().listDelInit(w);
            return w.isExclusive() ? 1 : 0;
        }
    }

    // models mm/filemap.c (5.9+): folio_wait_bit_common(EXCLUSIVE) for a synchronous waiter
    private int lockPageHandoff(Page page, dev.aiolab.kernel.sched.Task task, HandoffWaiter h) {
        WaitQueueHead wq = pageWaitqueue(page);
        if (h != null) {
            // after schedule(): the wake function may already have taken the lock for us
            if (!h.woken) {
                task.setState(TaskState.UNINTERRUPTIBLE);
                return SCHEDULE;
            }
            if (h.done || !page.testAndSetBit(Page.PG_locked)) {
                wq.finishWait(h.entry);
                handoffWaiters.remove(task);
                return 0;
            }
            // stolen from under us: repeat, one unfairness less
        } else {
            h = new HandoffWaiter(task, page);
            handoffWaiters.put(task, h);
        }
        h.custom = --h.unfairness < 0;
        h.woken = false;
        h.done = false;
        page.setBit(Page.PG_waiters);
        if (!page.testAndSetBit(Page.PG_locked)) {
            wq.finishWait(h.entry);
            handoffWaiters.remove(task);
            return 0;
        }
        wq.prepareToWaitExclusive(h.entry, TaskState.UNINTERRUPTIBLE);
        // modern kernels flush the task's plug when it schedules; here: unplug like sync_page
        AddressSpace mapping = page.mapping;
        if (mapping != null && mapping.aops != null) {
            mapping.aops.syncPage(page);
        }
        return SCHEDULE;
    }

    /**
     * A caller left a lock wait without coming back for that page: dequeue its entry, and give back
     * a lock the waker may already have taken for it, so that nobody waits on it forever.
     */
    private void abandonHandoff(dev.aiolab.kernel.sched.Task task, HandoffWaiter h) {
        handoffWaiters.remove(task);
        if (h.entry.isQueued()) {
            h.entry.queue().finishWait(h.entry);
        }
        if (h.done) {
            unlockPage(h.page);
        }
    }

    /** Locks handed to a waiter by the waker (PAGE_LOCK_HANDOFF). */
    public long handoffs() {
        return handoffs;
    }

    /** unlock_page calls made. */
    public long unlocks() {
        return unlocks;
    }

    /** Wakes skipped because the page had no waiters (PG_waiters). */
    public long wakeCallsSkipped() {
        return wakeCallsSkipped;
    }
}
