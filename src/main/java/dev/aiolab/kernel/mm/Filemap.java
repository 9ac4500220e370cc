package dev.aiolab.kernel.mm;

import static dev.aiolab.kernel.Errno.EIO;
import static dev.aiolab.kernel.Errno.SCHEDULE;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.WaitQueueEntry;
import java.util.List;
import java.util.function.Predicate;

/**
 * The page-cache read and write paths of mm/filemap.c (2.6.12 with the seed's filesystem-AIO
 * patches), written as retry-style paths: each call runs in zero simulated time apart from the
 * CPU it charges and returns a status.
 *
 * <p><b>Wait entries.</b> The read path and the O_SYNC wait use {@code current->io_wait}
 * ({@link Task#ioWait}); the write path's page locks and writeback use the task's own entry
 * ({@code lock_page(page)} is {@code __lock_page(page, &current->__wait.wait)}).
 *
 * <p><b>Returns.</b> {@link dev.aiolab.kernel.Errno#SCHEDULE}: the current task sleeps; call again
 * with the same descriptor after it is woken. {@code -EIOCBRETRY}: an async wait entry is queued;
 * the caller's next retry builds a fresh descriptor at the updated position.
 */
public final class Filemap {
    private final Sched sched;
    private final PageCache cache;
    private final PageWaits waits;
    private final Readahead readahead;
    private final PageWriteback writeback;
    private final long copyPageNs;
    private final boolean readaheadRetryGuard;
    private Predicate<WaitQueueEntry> isRetriedKiocb = w -> false;

    public Filemap(Sched sched, PageCache cache, PageWaits waits, Readahead readahead, PageWriteback writeback,
            KernelConfig config) {
        this.sched = sched;
        this.cache = cache;
        this.waits = waits;
        this.readahead = readahead;
        this.writeback = writeback;
        this.copyPageNs = config.getLong(KernelConfig.COPY_PAGE_NS);
        this.readaheadRetryGuard = config.is(KernelConfig.READAHEAD_RETRY_GUARD);
    }

    public PageCache cache() {
        return cache;
    }

    public PageWaits waits() {
        return waits;
    }

    public Readahead readahead() {
        return readahead;
    }

    public PageWriteback writeback() {
        return writeback;
    }

    /**
     * Installs the seed's {@code is_retried_kiocb(io_wait_to_kiocb(current->io_wait))}: given an
     * async {@code io_wait}, whether its kiocb has been retried ({@code ki_retried > 1}). When it
     * says so and {@link KernelConfig#READAHEAD_RETRY_GUARD} is on, the read skips readahead.
     */
    public void setIsRetriedKiocb(Predicate<WaitQueueEntry> p) {
        this.isRetriedKiocb = p;
    }

    /** include/linux/aio.h (seed): in_aio(): {@code !is_sync_wait(current->io_wait)}. */
    public static boolean inAio(WaitQueueEntry ioWait) {
        return !WaitQueueEntry.isSyncWait(ioWait);
    }

    private static WaitQueueEntry ioWait(Task cur) {
        return cur != null ? cur.ioWait : null;
    }

    // ---- read ----

    private static final int TOP = 0;
    private static final int FIND_PAGE = 1;
    private static final int PAGE_OK = 2;
    private static final int PAGE_NOT_UP_TO_DATE = 3;
    private static final int READPAGE = 4;
    private static final int READPAGE_WAIT = 5;
    private static final int NO_CACHED_PAGE = 6;
    private static final int OUT = 7;
    /** Asleep inside the second lock_page after ->readpage: resume in the lock, not before it. */
    private static final int READPAGE_LOCK = 8;
    private static final int READPAGE_DONE = 9;
    /** Asleep in get_request_wait for a bio readahead or ->readpage left pending; then {@code desc.afterFlush}. */
    private static final int SUBMIT_PENDING = 10;

    // models mm/filemap.c (seed): __generic_file_aio_read for one segment
    /** Reads through the page cache: bytes copied, 0 at EOF, -errno, -EIOCBRETRY, or SCHEDULE. */
    public long genericFileRead(AddressSpace mapping, FileRaState ra, ReadDescriptor desc) {
        if (doGenericMappingRead(mapping, ra, desc) == SCHEDULE) {
            return SCHEDULE;
        }
        return desc.written > 0 ? desc.written : desc.error;
    }

    // models mm/filemap.c (seed): do_generic_mapping_read
    /**
     * The kernel's read loop over pages: readahead at the expected index; find the page; on a miss
     * add a page and {@code ->readpage}; a page not up to date is locked, rechecked, read, and
     * locked again to wait for the I/O; then copied out. Waits use {@code current->io_wait}; an
     * async entry exits with {@code desc.error = -EIOCBRETRY} at the page it waits for. Returns 0
     * when the descriptor is final, SCHEDULE when the current task sleeps inside.
     *
     * <p>2.6.12 works on a copy of {@code *_ra} and writes it back at {@code out:}; here the file's
     * state is updated in place (the difference shows only with concurrent readers of one file).
     */
    public int doGenericMappingRead(AddressSpace mapping, FileRaState ra, ReadDescriptor desc) {
        Task cur = sched.current();
        WaitQueueEntry ioWait = ioWait(cur);
        boolean ondemand = readahead.algorithm() == KernelConfig.Readahead.ONDEMAND_2623;
        Page page;
        long index;
        long offset;
        long nextIndex;
        long prevIndex;
        long lastIndex;
        long nr;
        boolean raAllowed;
        int state;
        if (desc.phase == 0) {
            index = desc.pos >> Page.PAGE_SHIFT;
            nextIndex = index;
            prevIndex = ondemand ? ra.prevIndex : ra.prevPage;
            lastIndex = (desc.pos + desc.count + Page.PAGE_SIZE - 1) >> Page.PAGE_SHIFT;
            offset = desc.pos & (Page.PAGE_SIZE - 1);
            page = null;
            nr = 0;
            raAllowed = true;
            state = TOP;
            if (mapping.iSize == 0) {
                state = OUT;
            } else if (inAio(ioWait) && readaheadRetryGuard && isRetriedKiocb.test(ioWait)) {
                // seed: avoid repeat readahead on a retried kiocb
                nextIndex = lastIndex;
                raAllowed = false;
            }
        } else {
            // the task was woken: continue where it slept
            state = desc.phase;
            page = desc.page;
            index = desc.index;
            offset = desc.offset;
            nextIndex = desc.nextIndex;
            prevIndex = desc.prevIndex;
            lastIndex = desc.lastIndex;
            nr = desc.nr;
            raAllowed = desc.raAllowed;
            desc.phase = 0;
            desc.page = null;
        }
        int error;
        for (;;) {
            if (state == SUBMIT_PENDING || (cur != null && cur.ioContext.hasPendingBios())) {
                // the bios readahead or ->readpage made without a free request go out before
                // anything else: the task sleeps in get_request_wait as the kernel's would
                int next = state == SUBMIT_PENDING ? desc.afterFlush : state;
                if (mapping.backingDev.submitPendingBios(cur) == SCHEDULE) {
                    desc.afterFlush = next;
                    return sleep(desc, SUBMIT_PENDING, page, index, offset, nextIndex, prevIndex, lastIndex, nr,
                            raAllowed);
                }
                state = next;
            }
            switch (state) {
                case TOP -> {
                    long isize = mapping.iSize;
                    long endIndex = (isize - 1) >> Page.PAGE_SHIFT;
                    nr = Page.PAGE_SIZE;
                    if (index >= endIndex) {
                        if (index > endIndex) {
                            state = OUT;
                            break;
                        }
                        nr = ((isize - 1) & (Page.PAGE_SIZE - 1)) + 1;
                        if (nr <= offset) {
                            state = OUT;
                            break;
                        }
                    }
                    nr -= offset;
                    if (!ondemand && index == nextIndex) {
                        nextIndex = readahead.pageCacheReadahead(mapping, ra, index, lastIndex - index);
                    }
                    state = FIND_PAGE;
                }
                case FIND_PAGE -> {
                    page = cache.findGetPage(mapping, index);
                    boolean firstLookup = index >= desc.countedUpTo;
                    if (firstLookup) {
                        desc.countedUpTo = index + 1;
                    }
                    if (page == null) {
                        if (firstLookup) {
                            desc.pagesMissed++;
                            cache.miss();
                        }
                        if (ondemand) {
                            if (raAllowed) {
                                readahead.pageCacheSyncReadahead(mapping, ra, index, lastIndex - index);
                            }
                            page = cache.findGetPage(mapping, index);
                            if (page == null) {
                                state = NO_CACHED_PAGE;
                                break;
                            }
                        } else {
                            readahead.handleRaMiss(ra);
                            state = NO_CACHED_PAGE;
                            break;
                        }
                    } else if (!firstLookup) {
                        // looked up before by this I/O: its outcome is counted
                    } else if (page.uptodate()) {
                        desc.pagesHit++;
                        cache.hit();
                    } else {
                        desc.pagesMissed++;
                        cache.miss();
                    }
                    if (ondemand && raAllowed && page.testBit(Page.PG_readahead)) {
                        readahead.pageCacheAsyncReadahead(mapping, ra, page, index, lastIndex - index);
                    }
                    state = page.uptodate() ? PAGE_OK : PAGE_NOT_UP_TO_DATE;
                }
                case PAGE_OK -> {
                    // only mark accessed the first time a page is read in succession
                    if (prevIndex != index) {
                        cache.markPageAccessed(page);
                    }
                    prevIndex = index;
                    if (ondemand) {
                        ra.prevIndex = index;
                    }
                    long ret = fileReadActor(desc, nr);
                    offset += ret;
                    index += offset >> Page.PAGE_SHIFT;
                    offset &= Page.PAGE_SIZE - 1;
                    page.release();
                    page = null;
                    state = ret == nr && desc.count > 0 ? TOP : OUT;
                }
                case PAGE_NOT_UP_TO_DATE -> {
                    // get exclusive access to the page (seed: on current->io_wait)
                    error = waits.lockPage(page, ioWait);
                    if (error == SCHEDULE) {
                        return sleep(desc, PAGE_NOT_UP_TO_DATE, page, index, offset, nextIndex, prevIndex,
                                lastIndex, nr, raAllowed);
                    }
                    if (error != 0) {
                        state = readpageError(desc, page, error);
                        page = null;
                        break;
                    }
                    if (page.mapping == null) {
                        // unhashed before we got the lock
                        waits.unlockPage(page);
                        page.release();
                        page = null;
                        state = TOP;
                        break;
                    }
                    if (page.uptodate()) {
                        // somebody else filled it already
                        waits.unlockPage(page);
                        state = PAGE_OK;
                        break;
                    }
                    state = READPAGE;
                }
                case READPAGE -> {
                    // start the read; the completion unlocks the page
                    error = mapping.aops.readpage(page);
                    if (error != 0) {
                        state = readpageError(desc, page, error);
                        page = null;
                        break;
                    }
                    state = READPAGE_WAIT;
                }
                case READPAGE_WAIT -> {
                    state = page.uptodate() ? READPAGE_DONE : READPAGE_LOCK;
                }
                case READPAGE_LOCK -> {
                    // a task woken here is inside lock_page: it takes the lock and unlocks it again,
                    // which passes the exclusive wakeup on to the next waiter
                    error = waits.lockPage(page, ioWait);
                    if (error == SCHEDULE) {
                        return sleep(desc, READPAGE_LOCK, page, index, offset, nextIndex, prevIndex,
                                lastIndex, nr, raAllowed);
                    }
                    if (error != 0) {
                        state = readpageError(desc, page, error);
                        page = null;
                        break;
                    }
                    if (!page.uptodate()) {
                        if (page.mapping == null) {
                            waits.unlockPage(page);
                            page.release();
                            page = null;
                            state = FIND_PAGE;
                            break;
                        }
                        waits.unlockPage(page);
                        state = readpageError(desc, page, -EIO);
                        page = null;
                        break;
                    }
                    waits.unlockPage(page);
                    state = READPAGE_DONE;
                }
                case READPAGE_DONE -> {
                    // i_size must be checked after ->readpage
                    long isize = mapping.iSize;
                    long endIndex = (isize - 1) >> Page.PAGE_SHIFT;
                    if (isize == 0 || index > endIndex) {
                        page.release();
                        page = null;
                        state = OUT;
                        break;
                    }
                    nr = Page.PAGE_SIZE;
                    if (index == endIndex) {
                        nr = ((isize - 1) & (Page.PAGE_SIZE - 1)) + 1;
                        if (nr <= offset) {
                            page.release();
                            page = null;
                            state = OUT;
                            break;
                        }
                    }
                    nr -= offset;
                    state = PAGE_OK;
                }
                case NO_CACHED_PAGE -> {
                    page = cache.addNewPage(mapping, index);
                    if (page == null) {
                        // -EEXIST: someone added it meanwhile
                        state = FIND_PAGE;
                        break;
                    }
                    state = READPAGE;
                }
                case OUT -> {
                    desc.pos = (index << Page.PAGE_SHIFT) + offset;
                    return 0;
                }
                default -> throw new IllegalStateException("read state " + state);
            }
        }
    }

    // readpage_error: report the reason (an error, or the seed's retry exit)
    private static int readpageError(ReadDescriptor desc, Page page, int error) {
        desc.error = error;
        page.release();
        return OUT;
    }

    private static int sleep(ReadDescriptor desc, int phase, Page page, long index, long offset, long nextIndex,
            long prevIndex, long lastIndex, long nr, boolean raAllowed) {
        desc.phase = phase;
        desc.page = page;
        desc.index = index;
        desc.offset = offset;
        desc.nextIndex = nextIndex;
        desc.prevIndex = prevIndex;
        desc.lastIndex = lastIndex;
        desc.nr = nr;
        desc.raAllowed = raAllowed;
        return SCHEDULE;
    }

    // models mm/filemap.c: file_read_actor (copy to user, pro rata COPY_PAGE_NS)
    private long fileReadActor(ReadDescriptor desc, long nr) {
        long n = Math.min(nr, desc.count);
        sched.chargeCurrent(copyPageNs * n / Page.PAGE_SIZE);
        desc.count -= n;
        desc.written += n;
        return n;
    }

    // ---- write ----

    private static final int W_TOP = 0;
    private static final int W_GRAB_LOCK = 1;
    private static final int W_PREPARE = 2;
    private static final int W_PREPARE_WAIT = 3;
    private static final int W_COPY = 4;
    private static final int W_BALANCE = 5;
    private static final int W_SYNC_WRITEOUT = 6;
    private static final int W_SYNC_WAIT = 7;
    private static final int W_DONE = 8;
    private static final int W_SYNC_INODE = 9;

    // models mm/filemap.c: generic_file_buffered_write + generic_file_aio_write's O_SYNC tail
    /**
     * Writes through the page cache: per page find or add and lock it, {@code prepare_write} (read
     * it first if the write covers it partly and it is not up to date), copy, {@code commit_write}
     * (up to date, dirty, tagged DIRTY, i_size), unlock, then {@code balance_dirty_pages_ratelimited}.
     * With {@link WriteDescriptor#osync}, {@code sync_page_range} follows. Returns bytes written,
     * -errno, or SCHEDULE.
     */
    public long genericFileBufferedWrite(AddressSpace mapping, WriteDescriptor d) {
        Task cur = sched.current();
        if (cur == null) {
            throw new IllegalStateException("a buffered write runs on a task");
        }
        WaitQueueEntry wait = cur.wait;
        for (;;) {
            if (cur.ioContext.hasPendingBios() && mapping.backingDev.submitPendingBios(cur) == SCHEDULE) {
                // the read of a partly written page waits for a request: the phase resumes after
                return SCHEDULE;
            }
            switch (d.phase) {
                case W_TOP -> {
                    if (d.count == 0 || d.error != 0) {
                        d.phase = d.osync && d.written > 0 && d.error == 0 ? W_SYNC_WRITEOUT : W_DONE;
                        break;
                    }
                    long index = d.pos >> Page.PAGE_SHIFT;
                    long offset = d.pos & (Page.PAGE_SIZE - 1);
                    d.bytes = Math.min(Page.PAGE_SIZE - offset, d.count);
                    // models mm/filemap.c: __grab_cache_page
                    Page page = cache.findGetPage(mapping, index);
                    if (page == null) {
                        // page_cache_alloc: a hot frame
                        page = cache.addNewPage(mapping, index, false);
                        if (page == null) {
                            break;
                        }
                        d.page = page;
                        d.phase = W_PREPARE;
                    } else {
                        d.page = page;
                        d.phase = W_GRAB_LOCK;
                    }
                }
                case W_GRAB_LOCK -> {
                    if (waits.lockPage(d.page, wait) == SCHEDULE) {
                        return SCHEDULE;
                    }
                    if (d.page.mapping != mapping) {
                        waits.unlockPage(d.page);
                        d.page.release();
                        d.page = null;
                        d.phase = W_TOP;
                        break;
                    }
                    d.phase = W_PREPARE;
                }
                case W_PREPARE -> {
                    // models fs/buffer.c: block_prepare_write (read a partly overwritten block)
                    Page page = d.page;
                    long offset = d.pos & (Page.PAGE_SIZE - 1);
                    boolean partial = offset != 0 || offset + d.bytes < Page.PAGE_SIZE;
                    if (!page.uptodate() && partial && (page.index << Page.PAGE_SHIFT) < mapping.iSize) {
                        int err = mapping.aops.readpage(page);
                        if (err != 0) {
                            d.error = err;
                            d.page.release();
                            d.page = null;
                            d.phase = W_TOP;
                            break;
                        }
                        d.phase = W_PREPARE_WAIT;
                    } else {
                        d.phase = W_COPY;
                    }
                }
                case W_PREPARE_WAIT -> {
                    if (waits.lockPage(d.page, wait) == SCHEDULE) {
                        return SCHEDULE;
                    }
                    if (!d.page.uptodate()) {
                        waits.unlockPage(d.page);
                        d.page.release();
                        d.page = null;
                        d.error = -EIO;
                        d.phase = W_TOP;
                        break;
                    }
                    d.phase = W_COPY;
                }
                case W_COPY -> {
                    Page page = d.page;
                    // filemap_copy_from_user, then generic_commit_write
                    sched.chargeCurrent(copyPageNs * d.bytes / Page.PAGE_SIZE);
                    page.setBit(Page.PG_uptodate);
                    cache.setPageDirty(page);
                    if (d.pos + d.bytes > mapping.iSize) {
                        mapping.iSize = d.pos + d.bytes;
                    }
                    d.written += d.bytes;
                    d.count -= d.bytes;
                    d.pos += d.bytes;
                    waits.unlockPage(page);
                    cache.markPageAccessed(page);
                    page.release();
                    d.page = null;
                    d.phase = W_BALANCE;
                }
                case W_BALANCE -> {
                    if (writeback.balanceDirtyPagesRatelimited(mapping, d) == SCHEDULE) {
                        return SCHEDULE;
                    }
                    d.phase = W_TOP;
                }
                case W_SYNC_WRITEOUT -> {
                    // models mm/filemap.c: sync_page_range: write out exactly the range
                    if (d.wbc == null) {
                        d.wbc = WritebackControl.syncAll(d.startPos >> Page.PAGE_SHIFT,
                                (d.startPos + d.written - 1) >> Page.PAGE_SHIFT);
                    }
                    if (writeback.filemapFdatawriteRange(mapping, d.wbc) == SCHEDULE) {
                        return SCHEDULE;
                    }
                    d.phase = W_SYNC_INODE;
                }
                case W_SYNC_INODE -> {
                    // models fs/fs-writeback.c: generic_osync_inode(OSYNC_METADATA): the inode's
                    // metadata is not modelled, so it waits for a writeback holding I_LOCK
                    if (writeback.waitOnInode(mapping, cur) == SCHEDULE) {
                        return SCHEDULE;
                    }
                    d.phase = W_SYNC_WAIT;
                }
                case W_SYNC_WAIT -> {
                    long start = d.startPos >> Page.PAGE_SHIFT;
                    long end = (d.startPos + d.written - 1) >> Page.PAGE_SHIFT;
                    int r = waitOnPageWritebackRange(mapping, start, end, ioWait(cur));
                    if (r == SCHEDULE) {
                        return SCHEDULE;
                    }
                    if (r < 0) {
                        d.error = r;
                    }
                    d.phase = W_DONE;
                }
                case W_DONE -> {
                    d.phase = 0;
                    d.wbc = null;
                    return d.written > 0 && (d.error == 0 || !d.osync) ? d.written : d.error;
                }
                default -> throw new IllegalStateException("write phase " + d.phase);
            }
        }
    }

    // models mm/filemap.c (seed): __wait_on_page_writeback_range
    /**
     * Waits, on {@code wait}, for every page with index in [start, end] that is tagged WRITEBACK.
     * Returns 0, -EIO if a page had an error, -EIOCBRETRY (async entry queued on the first page
     * still under writeback) or SCHEDULE. Stateless: call it again for the same range to continue.
     */
    public int waitOnPageWritebackRange(AddressSpace mapping, long start, long end, WaitQueueEntry wait) {
        int ret = 0;
        long index = start;
        while (ret == 0 && index <= end) {
            List<Page> pvec = mapping.pagevecLookupTag(index, end, AddressSpace.Tag.WRITEBACK, 16);
            if (pvec.isEmpty()) {
                break;
            }
            index = pvec.get(pvec.size() - 1).index + 1;
            for (Page page : pvec) {
                if (ret == 0) {
                    ret = waits.waitOnPageWriteback(page, wait);
                    if (page.error()) {
                        ret = ret == 0 ? -EIO : ret;
                    }
                }
                page.release();
            }
        }
        if (ret == 0 && wait != null && wait.task != null && wait.isQueued()) {
            wait.queue().finishWait(wait);
        }
        return ret;
    }

    // models mm/filemap.c: filemap_fdatawrite + filemap_fdatawait (do_fsync's data part)
    /** Writes out every dirty page of the file and waits for all its writeback; 0, -errno or SCHEDULE. */
    public int fsync(AddressSpace mapping, WriteDescriptor d) {
        Task cur = sched.current();
        if (d.phase == 0) {
            d.wbc = WritebackControl.syncAll(0, Long.MAX_VALUE);
            d.phase = W_SYNC_WRITEOUT;
        }
        if (d.phase == W_SYNC_WRITEOUT) {
            if (writeback.filemapFdatawriteRange(mapping, d.wbc) == SCHEDULE) {
                return SCHEDULE;
            }
            d.phase = W_SYNC_WAIT;
        }
        int r = waitOnPageWritebackRange(mapping, 0, Long.MAX_VALUE, cur != null ? cur.wait : null);
        if (r == SCHEDULE) {
            return SCHEDULE;
        }
        d.phase = 0;
        d.wbc = null;
        return r;
    }
}
