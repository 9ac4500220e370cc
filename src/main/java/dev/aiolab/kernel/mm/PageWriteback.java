package dev.aiolab.kernel.mm;

import static dev.aiolab.kernel.Errno.SCHEDULE;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.block.RequestQueue;
import dev.aiolab.kernel.sched.BitAction;
import dev.aiolab.kernel.sched.Context;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.TaskState;
import dev.aiolab.kernel.sched.WaitBit;
import dev.aiolab.kernel.sched.WaitQueueEntry;
import dev.aiolab.kernel.sched.WaitQueueHead;
import java.util.List;

/**
 * mm/page-writeback.c and fs/fs-writeback.c (2.6.12): writing dirty pages out
 * ({@code writeback_inodes}, {@code mpage_writepages}, {@code filemap_fdatawrite_range}), dirty
 * throttling of writers ({@code balance_dirty_pages}: above {@code dirty_ratio} the writer writes
 * back itself, then waits for congestion to clear), and the background flusher (pdflush running
 * {@code wb_kupdate} every {@code dirty_writeback_interval} and {@code background_writeout} above
 * {@code dirty_background_ratio}).
 *
 * <p>Writeback passes can return {@link dev.aiolab.kernel.Errno#SCHEDULE}: the current task sleeps
 * for a free request ({@code get_request_wait}), a page lock, or a page under writeback, on its own
 * entry ({@code current->__wait}), whatever {@code io_wait} is, as in the kernel. Call again with
 * the same {@link WritebackControl} when the task is woken.
 *
 * <p>Dirty expiry is per inode ({@code dirtied_when}), as in the kernel.
 */
public final class PageWriteback {
    /** fs/fs-writeback.c / mm/page-writeback.c MAX_WRITEBACK_PAGES. */
    public static final long MAX_WRITEBACK_PAGES = 1024;

    private final Sched sched;
    private final PageCache cache;
    private final PageWaits waits;
    private final RequestQueue queue;
    private final int dirtyRatio;
    private final int backgroundRatio;
    private final long writebackIntervalNs;
    private final long expireNs;
    private final long congestionWaitNs;
    private final long ratelimitPages;
    private final long[] ratelimits;
    private boolean dirtyExceeded;
    private long backgroundThresh;
    private long dirtyThresh;

    private Task flusher;
    private boolean backgroundPending;
    private boolean writebackInProgress;
    private int fphase;
    private WritebackControl fwbc;
    private long nextKupdate;
    private long kupdateLeft;
    private long bgMinPages;

    private long pagesWritten;
    private long throttled;
    private long congestionWaits;
    private long kupdateRuns;
    private long backgroundRuns;

    public PageWriteback(Sched sched, PageCache cache, PageWaits waits, RequestQueue queue, KernelConfig config) {
        this.sched = sched;
        this.cache = cache;
        this.waits = waits;
        this.queue = queue;
        this.dirtyRatio = config.getInt(KernelConfig.DIRTY_RATIO);
        this.backgroundRatio = config.getInt(KernelConfig.DIRTY_BACKGROUND_RATIO);
        this.writebackIntervalNs = config.getLong(KernelConfig.DIRTY_WRITEBACK_INTERVAL_NS);
        this.expireNs = config.getLong(KernelConfig.DIRTY_EXPIRE_NS);
        this.congestionWaitNs = 1_000_000_000L / 10;
        // models mm/page-writeback.c: set_ratelimit
        long r = cache.capacity() / (sched.nrCpus() * 32L);
        this.ratelimitPages = Math.max(16, Math.min(r, 4096 * 1024 / Page.PAGE_SIZE));
        this.ratelimits = new long[sched.nrCpus()];
    }

    // models mm/page-writeback.c: get_dirty_limits (no mapped pages in the model)
    private void getDirtyLimits() {
        long total = cache.capacity();
        int dr = Math.max(5, Math.min(dirtyRatio, 100 / 2));
        int br = backgroundRatio >= dr ? dr / 2 : backgroundRatio;
        backgroundThresh = br * total / 100;
        dirtyThresh = dr * total / 100;
    }

    /** {@code dirty_thresh} in pages. */
    public long dirtyThresh() {
        getDirtyLimits();
        return dirtyThresh;
    }

    /** {@code background_thresh} in pages. */
    public long backgroundThresh() {
        getDirtyLimits();
        return backgroundThresh;
    }

    /** {@code sync_writeback_pages}: what a throttled writer writes back itself per round. */
    public long writeChunk() {
        return ratelimitPages + ratelimitPages / 2;
    }

    // ---- writing pages out ----

    // models fs/mpage.c: mpage_writepages (the walk over DIRTY-tagged pages)
    /** Writes out the dirty pages of {@code m} in [wbc.rangeStart, wbc.rangeEnd]; 0 or SCHEDULE. */
    public int doWritepages(AddressSpace m, WritebackControl wbc) {
        Task cur = sched.current();
        if (cur != null && cur.ioContext.sleptForRequest) {
            // woken in get_request_wait: a batcher now
            cur.ioContext.sleptForRequest = false;
            queue.iocSetBatching(cur);
        }
        long index = wbc.rangeStart;
        if (wbc.resumeMapping == m) {
            index = wbc.resumeIndex;
            wbc.resumeMapping = null;
            Page locking = wbc.resumeLockPage;
            wbc.resumeLockPage = null;
            if (locking != null) {
                // woken inside lock_page: the kernel continues right there
                int r = waits.lockPage(locking, cur.wait);
                if (r == SCHEDULE) {
                    wbc.resumeMapping = m;
                    wbc.resumeLockPage = locking;
                    return SCHEDULE;
                }
                locking.get();
                int w = writeLockedPage(m, wbc, locking, cur);
                if (w == SCHEDULE) {
                    return SCHEDULE;
                }
                index = locking.index + 1;
                if (w > 0) {
                    cache.inodeMaybeClean(m);
                    return 0;
                }
            } else if (cur != null && cur.wait.isQueued()) {
                cur.wait.queue().finishWait(cur.wait);
            }
        }
        boolean done = false;
        while (!done && index <= wbc.rangeEnd) {
            List<Page> pvec = m.pagevecLookupTag(index, wbc.rangeEnd, AddressSpace.Tag.DIRTY, 16);
            if (pvec.isEmpty()) {
                break;
            }
            index = pvec.get(pvec.size() - 1).index + 1;
            for (int i = 0; i < pvec.size(); i++) {
                Page page = pvec.get(i);
                if (wbc.nonblocking && queue.congested(true)) {
                    wbc.encounteredCongestion = true;
                    releaseFrom(pvec, i);
                    done = true;
                    break;
                }
                if (cur != null && !queue.mayQueue(true)) {
                    // models ll_rw_blk.c: get_request_wait (the writer sleeps for a free request)
                    queue.requestWait(true).prepareToWaitExclusive(cur.wait, TaskState.UNINTERRUPTIBLE);
                    cur.ioContext.sleptForRequest = true;
                    queue.unplugSync();
                    return sleepAt(m, wbc, page.index, pvec, i);
                }
                if (cur != null) {
                    if (waits.lockPage(page, cur.wait) == SCHEDULE) {
                        wbc.resumeLockPage = page;
                        return sleepAt(m, wbc, page.index + 1, pvec, i);
                    }
                } else if (!waits.trylockPage(page)) {
                    wbc.pagesSkipped++;
                    page.release();
                    continue;
                }
                int w = writeLockedPage(m, wbc, page, cur);
                if (w == SCHEDULE) {
                    return sleepAt(m, wbc, page.index, pvec, i + 1);
                }
                if (w > 0) {
                    releaseFrom(pvec, i + 1);
                    done = true;
                    break;
                }
            }
        }
        cache.inodeMaybeClean(m);
        return 0;
    }

    /**
     * The rest of the walk for one page the caller locked and holds a reference to: recheck it,
     * clear PG_dirty and hand it to {@code ->writepage}. Drops the reference. Returns 1 when
     * {@code nr_to_write} is exhausted, 0 to go on, SCHEDULE when waiting for its writeback.
     */
    private int writeLockedPage(AddressSpace m, WritebackControl wbc, Page page, Task cur) {
        if (page.mapping != m) {
            waits.unlockPage(page);
            page.release();
            return 0;
        }
        if (page.writeback()) {
            waits.unlockPage(page);
            if (wbc.syncMode == WritebackControl.SyncMode.WB_SYNC_ALL && cur != null
                    && waits.waitOnPageWriteback(page, cur.wait) == SCHEDULE) {
                // continue at this page once its writeback ended
                page.release();
                wbc.resumeMapping = m;
                wbc.resumeIndex = page.index;
                return SCHEDULE;
            }
            wbc.pagesSkipped++;
            page.release();
            return 0;
        }
        if (!cache.clearPageDirtyForIo(page)) {
            waits.unlockPage(page);
            page.release();
            return 0;
        }
        m.aops.writepage(page, wbc);
        page.release();
        pagesWritten++;
        return --wbc.nrToWrite <= 0 ? 1 : 0;
    }

    private static void releaseFrom(List<Page> pvec, int from) {
        for (int j = from; j < pvec.size(); j++) {
            pvec.get(j).release();
        }
    }

    private static int sleepAt(AddressSpace m, WritebackControl wbc, long index, List<Page> pvec, int i) {
        if (wbc.resumeMapping == null) {
            wbc.resumeMapping = m;
            wbc.resumeIndex = index;
        }
        releaseFrom(pvec, i);
        return SCHEDULE;
    }

    // models fs/fs-writeback.c: writeback_inodes (sync_sb_inodes over sb->s_dirty, oldest first)
    public int writebackInodes(WritebackControl wbc) {
        AddressSpace[] dirty = cache.dirtyInodes();
        int from = 0;
        if (wbc.resumeMapping != null) {
            for (int i = 0; i < dirty.length; i++) {
                if (dirty[i] == wbc.resumeMapping) {
                    from = i;
                    break;
                }
            }
            if (dirty.length == 0 || dirty[from] != wbc.resumeMapping) {
                // the inode was cleaned meanwhile: resume its pages anyway
                if (writebackSingleInode(wbc.resumeMapping, wbc) == SCHEDULE) {
                    return SCHEDULE;
                }
            }
        }
        for (int i = from; i < dirty.length && wbc.nrToWrite > 0; i++) {
            AddressSpace m = dirty[i];
            if (m.dirtiedWhen > wbc.olderThanThis) {
                break;
            }
            if (wbc.nonblocking && queue.congested(true)) {
                wbc.encounteredCongestion = true;
                break;
            }
            if (writebackSingleInode(m, wbc) == SCHEDULE) {
                return SCHEDULE;
            }
        }
        return 0;
    }

    // models fs/fs-writeback.c: __writeback_single_inode + __sync_single_inode (WB_SYNC_NONE)
    /**
     * Writes back one inode under I_LOCK, held across any sleep of the pass, then clears it and
     * wakes its waiters. An inode another task is writing back is skipped, as {@code requeue_io} does.
     */
    private int writebackSingleInode(AddressSpace m, WritebackControl wbc) {
        AddressSpace.InodeState state = m.iState();
        if (wbc.lockedInode != m) {
            if (state.testBit(AddressSpace.InodeState.I_LOCK)) {
                return 0;
            }
            state.setBit(AddressSpace.InodeState.I_LOCK);
            wbc.lockedInode = m;
        }
        if (doWritepages(m, wbc) == SCHEDULE) {
            return SCHEDULE;
        }
        wbc.lockedInode = null;
        state.clearBit(AddressSpace.InodeState.I_LOCK);
        wakeUpInode(m);
        return 0;
    }

    // models fs/inode.c: wake_up_inode
    /** {@code wake_up_bit(&inode->i_state, __I_LOCK)}: on the bucket of the inode's zone wait table. */
    public void wakeUpInode(AddressSpace m) {
        AddressSpace.InodeState state = m.iState();
        WaitBit.wakeUpBit(cache.alloc().bitWaitqueue(state, AddressSpace.InodeState.I_LOCK), state,
                AddressSpace.InodeState.I_LOCK, sched);
    }

    // models include/linux/writeback.h: wait_on_inode (-> fs/inode.c: __wait_on_inode)
    /**
     * Sleeps, on the task's own entry, until no writeback holds the inode's I_LOCK; 0 or SCHEDULE.
     * Call again when woken.
     */
    public int waitOnInode(AddressSpace m, Task cur) {
        AddressSpace.InodeState state = m.iState();
        if (cur == null) {
            return 0;
        }
        if (!state.testBit(AddressSpace.InodeState.I_LOCK)) {
            if (cur.wait.isQueued()) {
                // woken: leave the wait as the kernel's loop does
                cur.wait.queue().finishWait(cur.wait);
            }
            return 0;
        }
        return WaitBit.waitOnBit(cache.alloc().bitWaitqueue(state, AddressSpace.InodeState.I_LOCK), cur.wait, state,
                AddressSpace.InodeState.I_LOCK, inodeWait, TaskState.UNINTERRUPTIBLE);
    }

    // models fs/inode.c: inode_wait
    private final BitAction inodeWait = (word, wait) -> SCHEDULE;

    // models mm/filemap.c: __filemap_fdatawrite_range (WB_SYNC_ALL)
    /**
     * Starts writeout of the dirty pages with index in [startIndex, endIndex]. {@code wbc} must be
     * {@link WritebackControl#syncAll} of that range, kept across a SCHEDULE return.
     */
    public int filemapFdatawriteRange(AddressSpace m, WritebackControl wbc) {
        return doWritepages(m, wbc);
    }

    // ---- throttling ----

    // models mm/page-writeback.c: balance_dirty_pages_ratelimited
    /** Called once per page dirtied by a write; 0, or SCHEDULE while the writer is throttled. */
    public int balanceDirtyPagesRatelimited(AddressSpace m, WriteDescriptor d) {
        if (d.balancePhase == 0) {
            long ratelimit = dirtyExceeded ? 8 : ratelimitPages;
            int cpu = sched.currentCpu() != null ? sched.currentCpu().id() : 0;
            if (++ratelimits[cpu] < ratelimit) {
                return 0;
            }
            ratelimits[cpu] = 0;
            d.balancePhase = B_TOP;
            d.balanceWritten = 0;
        }
        return balanceDirtyPages(d);
    }

    private static final int B_TOP = 1;
    private static final int B_WRITEBACK = 2;
    private static final int B_CONGESTION = 3;
    private static final int B_WOKEN = 4;
    private static final int B_DONE = 5;

    // models mm/page-writeback.c: balance_dirty_pages
    private int balanceDirtyPages(WriteDescriptor d) {
        Task cur = sched.current();
        for (;;) {
            switch (d.balancePhase) {
                case B_TOP -> {
                    getDirtyLimits();
                    if (cache.nrDirty() + cache.nrWriteback() <= dirtyThresh) {
                        d.balancePhase = B_DONE;
                        break;
                    }
                    dirtyExceeded = true;
                    throttled++;
                    if (cache.nrDirty() > 0) {
                        WritebackControl wbc = new WritebackControl();
                        wbc.nrToWrite = writeChunk();
                        d.wbc = wbc;
                        d.balancePhase = B_WRITEBACK;
                    } else {
                        d.balancePhase = B_CONGESTION;
                    }
                }
                case B_WRITEBACK -> {
                    if (writebackInodes(d.wbc) == SCHEDULE) {
                        return SCHEDULE;
                    }
                    getDirtyLimits();
                    d.balanceWritten += writeChunk() - d.wbc.nrToWrite;
                    if (cache.nrDirty() + cache.nrWriteback() <= dirtyThresh || d.balanceWritten >= writeChunk()) {
                        d.balancePhase = B_DONE;
                    } else {
                        d.balancePhase = B_CONGESTION;
                    }
                }
                case B_CONGESTION -> {
                    blkCongestionWait(cur);
                    d.balancePhase = B_WOKEN;
                    return SCHEDULE;
                }
                case B_WOKEN -> {
                    finishCongestionWait(cur);
                    d.balancePhase = B_TOP;
                }
                case B_DONE -> {
                    getDirtyLimits();
                    if (cache.nrDirty() + cache.nrWriteback() <= dirtyThresh) {
                        dirtyExceeded = false;
                    }
                    d.balancePhase = 0;
                    if (!writebackInProgress && cache.nrDirty() > backgroundThresh) {
                        pdflushBackground();
                    }
                    return 0;
                }
                default -> throw new IllegalStateException("balance phase " + d.balancePhase);
            }
        }
    }

    // models ll_rw_blk.c: blk_congestion_wait(WRITE, HZ/10) (the sleeping half)
    private void blkCongestionWait(Task cur) {
        congestionWaits++;
        cur.sleepFor(congestionWaitNs);
        queue.congestionWait(true).prepareToWait(cur.wait, TaskState.UNINTERRUPTIBLE);
    }

    private void finishCongestionWait(Task cur) {
        WaitQueueEntry w = cur.wait;
        WaitQueueHead q = queue.congestionWait(true);
        q.finishWait(w);
    }

    // ---- the flusher (pdflush) ----

    private static final int F_IDLE = 0;
    private static final int F_KU_WB = 1;
    private static final int F_BG_TOP = 2;
    private static final int F_BG_WB = 3;
    private static final int F_CONGESTION_WOKEN = 4;

    /** Creates and starts the flusher thread on {@code cpu}. */
    public Task startFlusher(int cpu) {
        if (flusher != null) {
            return flusher;
        }
        nextKupdate = sched.now() + writebackIntervalNs;
        flusher = sched.createTask("pdflush", Context.KTHREAD, cpu, this::flusherRun);
        sched.start(flusher, 0);
        return flusher;
    }

    public Task flusher() {
        return flusher;
    }

    // models mm/page-writeback.c: pdflush_operation(background_writeout, 0)
    private void pdflushBackground() {
        backgroundPending = true;
        if (flusher != null && fphase == F_IDLE && flusher.state() == TaskState.INTERRUPTIBLE) {
            sched.tryToWakeUp(flusher, WaitQueueHead.TASK_INTERRUPTIBLE);
        }
    }

    private int resumePhase;

    private void flusherRun(Task t) {
        for (;;) {
            switch (fphase) {
                case F_IDLE -> {
                    long now = sched.now();
                    if (backgroundPending) {
                        backgroundPending = false;
                        backgroundRuns++;
                        bgMinPages = 0;
                        fphase = F_BG_TOP;
                    } else if (now >= nextKupdate) {
                        // models mm/page-writeback.c: wb_kupdate
                        kupdateRuns++;
                        nextKupdate = now + writebackIntervalNs;
                        kupdateLeft = cache.nrDirty() + cache.dirtyInodes().length;
                        fwbc = newKupdateWbc(now);
                        fphase = kupdateLeft > 0 ? F_KU_WB : F_IDLE;
                        if (fphase == F_IDLE) {
                            t.sleepFor(nextKupdate - now);
                            return;
                        }
                    } else {
                        t.sleepFor(nextKupdate - now);
                        return;
                    }
                }
                case F_KU_WB -> {
                    writebackInProgress = true;
                    if (writebackInodes(fwbc) == SCHEDULE) {
                        return;
                    }
                    kupdateLeft -= MAX_WRITEBACK_PAGES - fwbc.nrToWrite;
                    boolean less = fwbc.nrToWrite > 0;
                    boolean congested = fwbc.encounteredCongestion;
                    if (less && !congested || kupdateLeft <= 0) {
                        writebackInProgress = false;
                        fphase = F_IDLE;
                    } else {
                        // the same oldest_jif for the whole wb_kupdate run
                        fwbc = newKupdateWbc(fwbc.olderThanThis + expireNs);
                        if (less) {
                            congestionSleep(t, F_KU_WB);
                            return;
                        }
                    }
                }
                case F_BG_TOP -> {
                    // models mm/page-writeback.c: background_writeout
                    getDirtyLimits();
                    if (cache.nrDirty() < backgroundThresh && bgMinPages <= 0) {
                        writebackInProgress = false;
                        fphase = F_IDLE;
                        break;
                    }
                    writebackInProgress = true;
                    fwbc = new WritebackControl();
                    fwbc.nonblocking = true;
                    fwbc.nrToWrite = MAX_WRITEBACK_PAGES;
                    fphase = F_BG_WB;
                }
                case F_BG_WB -> {
                    if (writebackInodes(fwbc) == SCHEDULE) {
                        return;
                    }
                    bgMinPages -= MAX_WRITEBACK_PAGES - fwbc.nrToWrite;
                    if (fwbc.nrToWrite > 0 || fwbc.pagesSkipped > 0) {
                        if (!fwbc.encounteredCongestion) {
                            writebackInProgress = false;
                            fphase = F_IDLE;
                        } else {
                            congestionSleep(t, F_BG_TOP);
                            return;
                        }
                    } else {
                        fphase = F_BG_TOP;
                    }
                }
                case F_CONGESTION_WOKEN -> {
                    finishCongestionWait(t);
                    fphase = resumePhase;
                }
                default -> throw new IllegalStateException("flusher phase " + fphase);
            }
        }
    }

    private WritebackControl newKupdateWbc(long now) {
        WritebackControl w = new WritebackControl();
        w.nonblocking = true;
        w.olderThanThis = now - expireNs;
        w.nrToWrite = MAX_WRITEBACK_PAGES;
        return w;
    }

    private void congestionSleep(Task t, int next) {
        resumePhase = next;
        fphase = F_CONGESTION_WOKEN;
        blkCongestionWait(t);
    }

    // ---- statistics ----

    /** Pages handed to {@code ->writepage}. */
    public long pagesWritten() {
        return pagesWritten;
    }

    /** Times a writer entered the throttling loop above {@code dirty_thresh}. */
    public long throttled() {
        return throttled;
    }

    /** {@code blk_congestion_wait} sleeps. */
    public long congestionWaits() {
        return congestionWaits;
    }

    public long kupdateRuns() {
        return kupdateRuns;
    }

    public long backgroundRuns() {
        return backgroundRuns;
    }

    public boolean dirtyExceeded() {
        return dirtyExceeded;
    }
}
