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
import dev.aiolab.kernel.sched.WaitTable;

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
 * waiters. {@link KernelConfig#PAGE_LOCK_HANDOFF} is not modelled: with it set, unlock still
 * wakes the first exclusive waiter, which then competes for the lock.
 */
public final class PageWaits {
    private final Sched sched;
    private final WaitTable waitTable;
    private final PageCache cache;
    private final boolean pgWaiters;
    private final BitAction syncPage = this::syncPage;
    private long unlocks;
    private long wakeCallsSkipped;

    public PageWaits(Sched sched, WaitTable waitTable, PageCache cache, KernelConfig config) {
        this.sched = sched;
        this.waitTable = waitTable;
        this.cache = cache;
        this.pgWaiters = config.is(KernelConfig.PG_WAITERS);
    }

    public WaitTable waitTable() {
        return waitTable;
    }

    // models mm/filemap.c: page_waitqueue
    public WaitQueueHead pageWaitqueue(Page page) {
        return waitTable.pageWaitqueue(page);
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
        WaitQueueHead wq = pageWaitqueue(page);
        int ret = WaitBit.waitOnBitLock(wq, wait, page, Page.PG_locked, syncPage, TaskState.UNINTERRUPTIBLE);
        markWaiters(page, ret);
        return ret;
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

    /** unlock_page calls made. */
    public long unlocks() {
        return unlocks;
    }

    /** Wakes skipped because the page had no waiters (PG_waiters). */
    public long wakeCallsSkipped() {
        return wakeCallsSkipped;
    }
}
