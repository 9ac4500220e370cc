package dev.aiolab.kernel.aio;

import static dev.aiolab.kernel.Errno.EIOCBRETRY;
import static dev.aiolab.kernel.Errno.SCHEDULE;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.fs.DirectIo;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.mm.AddressSpace;
import dev.aiolab.kernel.mm.Filemap;
import dev.aiolab.kernel.mm.Page;
import dev.aiolab.kernel.mm.PageWriteback;
import dev.aiolab.kernel.mm.ReadDescriptor;
import dev.aiolab.kernel.mm.WriteDescriptor;
import dev.aiolab.kernel.mm.WritebackControl;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.WaitQueueEntry;

/**
 * The {@code f_op} AIO methods of a regular file: {@code generic_file_aio_read},
 * {@code generic_file_aio_write} with the seed's O_SYNC retry and KIF_SYNCED, O_DIRECT through
 * {@code __blockdev_direct_IO} completing from the bio's end_io, and a retry-based {@code aio_fsync}.
 *
 * <p>Under mainline 2.6.12 ({@code buffered_aio = sync_in_submit}) page waits ignore
 * {@code current->io_wait} and use the task's own entry, so a buffered AIO read sleeps inside
 * {@code io_submit} exactly as a read(2) would. A call that puts the task to sleep keeps its
 * descriptor in {@link Kiocb#fsPrivate} and continues it on the next call; otherwise every retry
 * starts afresh at {@code ki_pos}, as the seed's retried read does.
 */
public final class FileAio implements AioFile {
    private final File file;
    private final Sched sched;
    private final Filemap filemap;
    private final PageWriteback writeback;
    private final DirectIo directIo;
    private final Aio aio;
    private final boolean syncInSubmit;
    private final boolean kifSynced;
    /** A finished read descriptor to reuse for the next retry. */
    private ReadDescriptor scratch;

    public FileAio(File file, Sched sched, Filemap filemap, PageWriteback writeback, DirectIo directIo, Aio aio,
            KernelConfig config) {
        this.file = file;
        this.sched = sched;
        this.filemap = filemap;
        this.writeback = writeback;
        this.directIo = directIo;
        this.aio = aio;
        this.syncInSubmit = config.get(KernelConfig.BUFFERED_AIO) == KernelConfig.BufferedAio.SYNC_IN_SUBMIT;
        this.kifSynced = config.is(KernelConfig.KIF_SYNCED);
    }

    public File file() {
        return file;
    }

    @Override
    public String name() {
        return file.inode().name();
    }

    private AddressSpace mapping() {
        return file.inode().mapping();
    }

    /**
     * Mainline 2.6.12 ({@code sync_in_submit}): points io_wait at the task's own entry, as
     * {@code lock_page}'s DEFINE_WAIT_BIT on the stack makes the task itself sleep; returns the
     * entry to restore with {@link #endMainlineWait}, or null when nothing was changed.
     */
    private WaitQueueEntry beginMainlineWait(Task cur) {
        if (!syncInSubmit || cur == null) {
            return null;
        }
        WaitQueueEntry saved = cur.ioWait;
        cur.ioWait = cur.wait;
        return saved;
    }

    private void endMainlineWait(Task cur, WaitQueueEntry saved) {
        if (syncInSubmit && cur != null) {
            cur.ioWait = saved;
        }
    }

    // models mm/filemap.c: generic_file_aio_read
    @Override
    public long aioRead(Kiocb iocb) {
        if (file.isDirect()) {
            return direct(iocb, false);
        }
        ReadDescriptor desc;
        if (iocb.fsPrivate instanceof ReadDescriptor d && d.inProgress()) {
            desc = d;
        } else {
            // a retry's descriptor lives only for the call unless the task sleeps inside: reuse one
            desc = scratch != null ? scratch.reset(iocb.kiPos, iocb.kiLeft)
                    : new ReadDescriptor(iocb.kiPos, iocb.kiLeft);
            desc.countedUpTo = iocb.pagesCountedUpTo;
            scratch = null;
        }
        Task cur = sched.current();
        WaitQueueEntry saved = beginMainlineWait(cur);
        long r;
        try {
            r = filemap.genericFileRead(mapping(), file.ra, desc);
        } finally {
            endMainlineWait(cur, saved);
        }
        if (r == SCHEDULE) {
            iocb.fsPrivate = desc;
            return SCHEDULE;
        }
        iocb.fsPrivate = null;
        scratch = desc;
        iocb.cacheHits += (int) desc.pagesHit;
        iocb.cacheMisses += (int) desc.pagesMissed;
        iocb.pagesCountedUpTo = desc.countedUpTo;
        iocb.kiPos = desc.pos;
        return r;
    }

    private long direct(Kiocb iocb, boolean write) {
        if (iocb.fsPrivate instanceof DirectIo.Dio dio) {
            return directIo.blockdevDirectIO(dio);
        }
        DirectIo.Dio dio = new DirectIo.Dio(file.inode(), write, iocb.kiPos, iocb.kiLeft,
                (d, res) -> {
                    if (res > 0) {
                        iocb.kiLeft -= res;
                        iocb.kiPos += res;
                    }
                    aio.aioComplete(iocb, res, 0);
                });
        iocb.fsPrivate = dio;
        return directIo.blockdevDirectIO(dio);
    }

    /** A buffered AIO write in progress: the copy, then the seed's O_SYNC writeout and wait. */
    private static final class WriteState {
        WriteDescriptor copy;
        WritebackControl wbc;
        long pos;
        long written;
    }

    // models mm/filemap.c (seed): generic_file_aio_write
    @Override
    public long aioWrite(Kiocb iocb) {
        if (file.isDirect()) {
            return direct(iocb, true);
        }
        if (syncInSubmit) {
            // mainline: the whole write, O_SYNC included, on the task's own entry
            WriteDescriptor d = iocb.fsPrivate instanceof WriteDescriptor w ? w
                    : new WriteDescriptor(iocb.kiPos, iocb.kiLeft, file.isSync());
            Task cur = sched.current();
            WaitQueueEntry saved = beginMainlineWait(cur);
            long r;
            try {
                r = filemap.genericFileBufferedWrite(mapping(), d);
            } finally {
                endMainlineWait(cur, saved);
            }
            if (r == SCHEDULE) {
                iocb.fsPrivate = d;
                return SCHEDULE;
            }
            iocb.fsPrivate = null;
            if (r > 0) {
                iocb.kiPos += r;
            }
            return r;
        }
        WriteState st = iocb.fsPrivate instanceof WriteState w ? w : new WriteState();
        iocb.fsPrivate = st;
        long ret;
        if (st.copy == null && st.wbc == null && iocb.testFlag(Kiocb.KIF_SYNCED)) {
            // nothing to transfer, may just need to sync data
            st.pos = iocb.kiPos;
            ret = iocb.kiLeft;
        } else {
            if (st.copy == null && st.wbc == null) {
                st.pos = iocb.kiPos;
                st.copy = new WriteDescriptor(iocb.kiPos, iocb.kiLeft, false);
            }
            if (st.copy != null) {
                long r = filemap.genericFileBufferedWrite(mapping(), st.copy);
                if (r == SCHEDULE) {
                    return SCHEDULE;
                }
                st.copy = null;
                st.written = r;
            }
            ret = st.written;
        }
        if (ret > 0 && file.isSync()) {
            long err = syncPageRange(iocb, st, st.pos, ret);
            if (err == SCHEDULE) {
                return SCHEDULE;
            }
            if (err < 0) {
                ret = err;
                iocb.kiPos = st.pos;
            } else {
                iocb.kiPos = st.pos + ret;
            }
        } else if (ret > 0) {
            iocb.kiPos = st.pos + ret;
        }
        iocb.fsPrivate = null;
        return ret;
    }

    // models mm/filemap.c (seed): sync_page_range
    /**
     * Writes out exactly the pages of the range and waits for their writeback on
     * {@code current->io_wait}. In AIO, {@code kiocbTrySync} makes retries skip the writeout and only
     * wait (KIF_SYNCED); with the switch off the writeout is issued again on every retry.
     */
    private long syncPageRange(Kiocb iocb, WriteState st, long pos, long count) {
        long start = pos >> Page.PAGE_SHIFT;
        long end = (pos + count - 1) >> Page.PAGE_SHIFT;
        boolean skipWriteout = st.wbc == null && kifSynced && iocb.kiocbTrySync();
        if (!skipWriteout) {
            if (st.wbc == null) {
                st.wbc = WritebackControl.syncAll(start, end);
                iocb.writeouts++;
            }
            if (writeback.filemapFdatawriteRange(mapping(), st.wbc) == SCHEDULE) {
                return SCHEDULE;
            }
            st.wbc = null;
        }
        Task cur = sched.current();
        int r = filemap.waitOnPageWritebackRange(mapping(), start, end, cur == null ? null : cur.ioWait);
        if (r == SCHEDULE) {
            return SCHEDULE;
        }
        return r;
    }

    // models fs/aio.c: aio_fsync (a retry-based f_op->aio_fsync in the seed's O_SYNC style)
    /**
     * 2.6.12 filesystems had no {@code aio_fsync}; this one issues the writeout of the whole file
     * once (KIF_SYNCED) and then, like the seed's O_SYNC write, waits for the writeback with
     * {@code -EIOCBRETRY} on the kiocb's entry.
     */
    @Override
    public long aioFsync(Kiocb iocb, boolean datasync) {
        WriteState st = iocb.fsPrivate instanceof WriteState w ? w : new WriteState();
        iocb.fsPrivate = st;
        if (st.wbc != null || !iocb.kiocbTrySync()) {
            if (st.wbc == null) {
                st.wbc = WritebackControl.syncAll(0, Long.MAX_VALUE);
                iocb.writeouts++;
            }
            if (writeback.filemapFdatawriteRange(mapping(), st.wbc) == SCHEDULE) {
                return SCHEDULE;
            }
            st.wbc = null;
        }
        Task cur = sched.current();
        int r = filemap.waitOnPageWritebackRange(mapping(), 0, Long.MAX_VALUE, cur == null ? null : cur.ioWait);
        if (r == SCHEDULE) {
            return SCHEDULE;
        }
        iocb.fsPrivate = null;
        return r == -EIOCBRETRY ? r : r < 0 ? r : 0;
    }
}
