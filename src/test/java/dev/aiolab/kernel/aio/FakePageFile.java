package dev.aiolab.kernel.aio;

import static dev.aiolab.kernel.Errno.EIOCBQUEUED;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.KernelOops;
import dev.aiolab.kernel.sched.FlagsWord;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.TaskState;
import dev.aiolab.kernel.sched.WaitBit;
import dev.aiolab.kernel.sched.WaitQueueEntry;
import dev.aiolab.kernel.sched.WaitTable;

/**
 * A file of 4 KiB "pages" (flags words) whose reads follow the seed's buffered read in miniature:
 * an uptodate page is copied out at once; otherwise {@code __lock_page(page, current->io_wait)},
 * and once the lock is taken the page is uptodate (the test's "disk" sets PG_uptodate before
 * unlocking), so it is unlocked and copied. Tests complete page I/O with {@link #endRead}.
 */
final class FakePageFile implements AioFile {
    static final int PG_LOCKED = 0;
    static final int PG_UPTODATE = 1;
    static final int PAGE = 4096;

    final Sched sched;
    final WaitTable table;
    final FlagsWord[] pages;
    int reads;
    boolean direct;
    String lastReader;

    FakePageFile(Sched sched, WaitTable table, int nrPages, long firstAddress, long stride) {
        this.sched = sched;
        this.table = table;
        this.pages = new FlagsWord[nrPages];
        for (int i = 0; i < nrPages; i++) {
            pages[i] = new FlagsWord(firstAddress + i * stride);
            pages[i].setBit(PG_UPTODATE);
        }
    }

    /** Page i is under read I/O: locked and not uptodate. */
    void startRead(int i) {
        pages[i].clearBit(PG_UPTODATE);
        pages[i].setBit(PG_LOCKED);
    }

    /** The read of page i completes (mpage_end_io_read): uptodate, then unlock_page. */
    void endRead(int i) {
        pages[i].setBit(PG_UPTODATE);
        unlockPage(pages[i]);
    }

    void unlockPage(FlagsWord page) {
        page.clearBit(PG_LOCKED);
        WaitBit.wakeUpBit(table.pageWaitqueue(page), page, PG_LOCKED, sched);
    }

    int lockPage(FlagsWord page, WaitQueueEntry wait) {
        if (wait == null) {
            throw new KernelOops("__lock_page", "container_of(NULL io_wait)");
        }
        return WaitBit.waitOnBitLock(table.pageWaitqueue(page), wait, page, PG_LOCKED,
                (w, e) -> WaitBit.ioWaitSchedule(e), TaskState.UNINTERRUPTIBLE);
    }

    /** Reads from pos up to left bytes with wait entry {@code wait}; bytes copied or the wait status. */
    long read(long[] posLeft, WaitQueueEntry wait) {
        long copied = 0;
        while (posLeft[1] > 0) {
            FlagsWord page = pages[(int) (posLeft[0] / PAGE)];
            if (!page.testBit(PG_UPTODATE)) {
                int err = lockPage(page, wait);
                if (err != 0) {
                    return copied > 0 ? copied : err;
                }
                unlockPage(page);
            }
            long n = Math.min(PAGE - posLeft[0] % PAGE, posLeft[1]);
            posLeft[0] += n;
            posLeft[1] -= n;
            copied += n;
        }
        return copied;
    }

    @Override
    public long aioRead(Kiocb iocb) {
        reads++;
        lastReader = sched.current() == null ? "irq" : sched.current().name();
        if (direct) {
            return -EIOCBQUEUED;
        }
        long[] pl = {iocb.kiPos, iocb.kiLeft};
        long r = read(pl, sched.current().ioWait);
        if (r > 0) {
            iocb.kiPos += r;
        }
        return r;
    }

    @Override
    public long aioWrite(Kiocb iocb) {
        return iocb.kiLeft;
    }

    @Override
    public long aioFsync(Kiocb iocb, boolean datasync) {
        return 0;
    }

    @Override
    public String name() {
        return "fake";
    }

    /** A synchronous reader's state: position and bytes left survive its sleeps. */
    static final class SyncRead {
        final long[] posLeft;
        long done;

        SyncRead(long pos, long len) {
            posLeft = new long[] {pos, len};
        }

        /** Returns bytes read when complete, or SCHEDULE. */
        long step(FakePageFile f) {
            long r = f.read(posLeft, f.sched.current().ioWait);
            if (r == Errno.SCHEDULE) {
                return r;
            }
            done += Math.max(0, r);
            return posLeft[1] == 0 ? done : step(f);
        }
    }
}
