package dev.aiolab.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.aio.Iocb;
import dev.aiolab.kernel.aio.Kiocb;
import dev.aiolab.kernel.block.device.DiskCommand;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.mm.Page;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.TaskBody;
import dev.aiolab.kernel.sched.TaskState;
import dev.aiolab.kernel.sched.WaitQueueHead;
import dev.aiolab.kernel.trace.Fault;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The AIO behaviours the seed thread describes, each on a small scenario through the whole stack:
 * io_submit, the retry core, generic_file_aio_read/write, the page cache, readahead, the request
 * queue and a fixed-latency device.
 */
class BufferedAioStackTest {
    private static final long MS = 1_000_000;
    /** Device read time of every command in the simple scenarios. */
    private static final long LATENCY = MS;

    private static AioRig fixedRig(KernelConfig config) {
        return new AioRig(config, 16L << 20, 1, c -> LATENCY, 32);
    }

    // ---- 1. mainline 2.6.12: buffered AIO is synchronous inside io_submit ----

    @Test
    void bufferedAioReadBlocksItsSubmitterInsideIoSubmitUntilTheDataIsInUnderLinux2612() {
        AioRig rig = fixedRig(KernelConfig.linux2612());
        File f = rig.open("data", 1 << 20, 0);
        AioRig.Submitter s = rig.submitter("submitter", 0, List.of(rig.readPage(f, 0)));
        rig.run();

        assertThat(rig.fixed.commands).hasSize(1);
        long deviceDone = rig.fixed.commands.get(0).completeNs;
        // io_submit returned only after the device read completed, and the submitter slept inside it
        assertThat(s.submitReturnNs).isGreaterThanOrEqualTo(deviceDone);
        assertThat(s.submitReturnNs - s.submitStartNs).isGreaterThanOrEqualTo(LATENCY);
        assertThat(s.sleepsInSubmit).isGreaterThanOrEqualTo(1);
        // the completion was in the ring when io_submit returned; no retry was ever needed
        assertThat(s.eventsAtSubmitReturn).isEqualTo(1);
        assertThat(s.kiocbs.get(0).kiRetried).isEqualTo(1);
        assertThat(s.events).hasSize(1);
        assertThat(s.events.get(0).res()).isEqualTo(Page.PAGE_SIZE);
        assertThat(rig.faults).isEmpty();
    }

    @Test
    void bufferedAioReadReturnsFromIoSubmitBeforeTheDeviceReadWithTheRetryPatches() {
        AioRig rig = fixedRig(KernelConfig.aioWaitBit());
        File f = rig.open("data", 1 << 20, 0);
        AioRig.Submitter s = rig.submitter("submitter", 0, List.of(rig.readPage(f, 0)));
        rig.run();

        assertThat(s.submitReturnNs - s.submitStartNs).isLessThan(LATENCY / 10);
        assertThat(s.sleepsInSubmit).isZero();
        assertThat(s.eventsAtSubmitReturn).isZero();
        assertThat(s.kiocbs.get(0).kiRetried).isGreaterThanOrEqualTo(2);
        assertThat(s.events).hasSize(1);
        assertThat(s.events.get(0).res()).isEqualTo(Page.PAGE_SIZE);
    }

    @Test
    void aBufferedAioReadThatWaitsForItsPageCountsOneMissNotAMissThenAHit() {
        AioRig rig = fixedRig(KernelConfig.aioWaitBit());
        File f = rig.open("data", 1 << 20, 0);
        AioRig.Submitter s = rig.submitter("submitter", 0, List.of(rig.readPage(f, 3)));
        rig.run();
        Kiocb k = s.kiocbs.get(0);
        // the first pass misses and starts the read; the retry finds the page uptodate
        assertThat(k.kiRetried).isGreaterThanOrEqualTo(2);
        assertThat(k.cacheMisses).isEqualTo(1);
        assertThat(k.cacheHits).isZero();
    }

    /** 40 buffered AIO reads of pages far apart (no merging) in one io_submit, nr_requests 4. */
    private static AioRig.Submitter fortyScatteredReads(int nrRequests) {
        AioRig rig = new AioRig(KernelConfig.aioWaitBit().with(KernelConfig.NR_REQUESTS, nrRequests)
                .with(KernelConfig.READAHEAD_MAX_KB, 4).with(KernelConfig.READAHEAD_MIN_KB, 4), 16L << 20, 1,
                c -> LATENCY, 64);
        File f = rig.open("data", 64L << 20, 0);
        List<Iocb> iocbs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            iocbs.add(rig.readPage(f, i * 300L));
        }
        AioRig.Submitter s = rig.submitter("submitter", 0, iocbs);
        rig.run();
        assertThat(s.events).hasSize(40).allSatisfy(e -> assertThat(e.res()).isEqualTo(Page.PAGE_SIZE));
        assertThat(rig.faults).isEmpty();
        return s;
    }

    @Test
    void ioSubmitOfBufferedReadsSleepsInGetRequestWaitOnceItsBatchPastAFullQueueIsSpent() {
        // the 4th read fills the queue and makes the submitter a batcher of 32: reads 4-35 get
        // requests, the 36th's first retry sleeps in get_request_wait inside io_submit until the
        // list drains below nr_requests, a device read later
        AioRig.Submitter full = fortyScatteredReads(4);
        assertThat(full.sleepsInSubmit).isPositive();
        assertThat(full.submitReturnNs - full.submitStartNs).isGreaterThanOrEqualTo(LATENCY);
        assertThat(full.rig().k.queue().requestWaits()).isPositive();
        // with the default 128 requests io_submit never waits for the device
        AioRig.Submitter roomy = fortyScatteredReads(128);
        assertThat(roomy.sleepsInSubmit).isZero();
        assertThat(roomy.submitReturnNs - roomy.submitStartNs).isLessThan(LATENCY / 10);
    }

    // ---- 2. plain wait entries are kicked by wakes for other pages on their bucket ----


    private static final class Staggered implements ToLongFunction<DiskCommand> {
        int n;

        @Override
        public long applyAsLong(DiskCommand c) {
            return MS + 2 * MS * n++;
        }
    }

    private record Spread(AioRig rig, AioRig.Submitter s, File f, long[] pages) {
        int spurious() {
            int n = 0;
            for (Kiocb k : s.kiocbs) {
                n += k.spuriousRetries;
            }
            return n;
        }

        /** Whether at least two of the waited pages hash to one bucket. */
        boolean bucketsShared() {
            Map<WaitQueueHead, Integer> byBucket = new HashMap<>();
            for (long index : pages) {
                Page p = rig.k.pageCache().findGetPage(f.inode().mapping(), index);
                byBucket.merge(rig.k.waitTable().pageWaitqueue(p), 1, Integer::sum);
                p.release();
            }
            return byBucket.values().stream().anyMatch(n -> n > 1);
        }
    }

    /**
     * Eight AIO reads of pages far apart in a file on a 4 MiB machine (a 4-bucket zone wait table),
     * each page's read finishing 2 ms after the previous one, so waiters for different pages share
     * buckets and each unlock_page wakes the bucket while other pages are still locked.
     */
    private static Spread spread(KernelConfig config) {
        Spread r = staggeredReads(config);
        assertThat(r.s.events).hasSize(r.pages.length);
        assertThat(r.s.events).allSatisfy(e -> assertThat(e.res()).isEqualTo(Page.PAGE_SIZE));
        assertThat(r.rig.faults).isEmpty();
        return r;
    }

    private static Spread staggeredReads(KernelConfig config) {
        AioRig rig = new AioRig(config.with(KernelConfig.MAX_REQUEST_KB, 4), 4L << 20, 1, new Staggered(), 32);
        assertThat(rig.k.waitTable().size()).isEqualTo(4);
        File f = rig.open("data", 64L << 20, 0);
        long[] pages = {0, 1000, 2000, 3000, 4000, 5000, 6000, 7000};
        List<Iocb> iocbs = new ArrayList<>();
        for (long p : pages) {
            iocbs.add(rig.readPage(f, p));
        }
        AioRig.Submitter s = rig.submitter("submitter", 0, iocbs);
        rig.run();
        return new Spread(rig, s, f, pages);
    }

    @Test
    void historicalPlainAioWaitEntriesTakeTheExclusiveWakeupOfAnotherPageAndItsReadNeverCompletes() {
        // mainline's return 1 with the read patch's plain entry: a kiocb waiting for another page of
        // the bucket takes unlock_page's single exclusive wakeup, finds its own page still locked and
        // waits again; the kiocb the wakeup was meant for is never kicked
        Spread r = staggeredReads(KernelConfig.fsAioPlainWait());
        assertThat(r.rig.k.aio().lostWakeups()).isPositive();
        assertThat(r.s.events).hasSizeLessThan(r.pages.length)
                .allSatisfy(e -> assertThat(e.res()).isEqualTo(Page.PAGE_SIZE));
        assertThat(r.rig.k.hangReport()).isNotEmpty().anySatisfy(h -> assertThat(h.toString())
                .contains("HANG").contains("its last wakeup was lost"));
    }

    @Test
    void plainAioWaitEntriesAreKickedByWakesForOtherPagesOnTheirHashedBucket() {
        Spread r = spread(KernelConfig.plainWaitReturnZero());
        assertThat(r.bucketsShared()).isTrue();
        assertThat(r.spurious()).isPositive();
    }

    @Test
    void waitBitAioEntriesFilterWakesForOtherPagesOnTheirHashedBucket() {
        Spread r = spread(KernelConfig.aioWaitBit());
        assertThat(r.bucketsShared()).isTrue();
        assertThat(r.spurious()).isZero();
    }

    // ---- 3. the exclusive baton lost to an AIO waiter ----

    /**
     * An AIO read of page 0 waits (exclusively) for the page lock held by the read I/O; 100 us later
     * a synchronous reader of the same page queues behind it in lock_page. The I/O's unlock_page
     * wakes one exclusive waiter.
     */
    private record Baton(AioRig rig, AioRig.Submitter aio, AioRig.SyncReader reader, Page page) {}

    private static Baton baton(KernelConfig config) {
        AioRig rig = fixedRig(config);
        File f = rig.open("data", 1 << 20, 0);
        File g = rig.k.open(f.inode(), 0);
        AioRig.Submitter aio = rig.submitter("aio", 0, List.of(rig.readPage(f, 0)));
        AioRig.SyncReader reader = rig.syncReader("reader", 0, 100_000, g, Page.PAGE_SIZE, 0);
        rig.run();
        Page page = rig.k.pageCache().findGetPage(f.inode().mapping(), 0);
        page.release();
        assertThat(aio.events).hasSize(1);
        return new Baton(rig, aio, reader, page);
    }

    @Test
    void exclusiveWaiterBehindAioWaiterIsNeverWokenWhenAioWakeReturnsOne() {
        Baton b = baton(KernelConfig.aioWaitBit().with(KernelConfig.AIO_WAKE_RETURNS_ONE, true));
        // the AIO retry found the page up to date and copied it out without lock_page/unlock_page
        assertThat(b.aio.events.get(0).res()).isEqualTo(Page.PAGE_SIZE);
        assertThat(b.page.locked()).isFalse();
        assertThat(b.reader.doneNs).isEqualTo(-1);
        assertThat(b.reader.task.state()).isEqualTo(TaskState.UNINTERRUPTIBLE);

        WaitQueueHead bucket = b.rig.k.waitTable().pageWaitqueue(b.page);
        String key = String.format("%#x:%d", b.page.address(), Page.PG_locked);
        List<Fault> hangs = b.rig.k.hangReport();
        assertThat(hangs).hasSize(1);
        Fault h = hangs.get(0);
        assertThat(h.kind()).isEqualTo("HANG");
        assertThat(h.task()).isEqualTo(b.reader.task.toString());
        assertThat(h.waitChain()).startsWith("on " + bucket.name() + " key " + key).contains("page 0 of data");
        assertThat(h.explanation()).contains("uninterruptible");
        assertThat(bucket.entries()).extracting(e -> e.task).containsExactly(b.reader.task);
        // the run reports it to the probe as its result
        assertThat(b.rig.faults).isEmpty();
        b.rig.k.reportHangs();
        assertThat(b.rig.faults).containsExactly(h);
    }

    @Test
    void exclusiveWaiterBehindAioWaiterIsWokenWhenAioWakeFunctionReturnsZero() {
        Baton b = baton(KernelConfig.aioWaitBit());
        assertThat(b.reader.result).isEqualTo(Page.PAGE_SIZE);
        assertThat(b.reader.task.state()).isEqualTo(TaskState.DEAD);
        assertThat(b.aio.task.state()).isEqualTo(TaskState.DEAD);
        assertThat(b.rig.k.hangReport()).isEmpty();
    }

    /** Two AIO reads of page 0 from two processes, the second 100 us after the first. */
    private static AioRig.Submitter[] twoAioWaiters(AioRig rig) {
        File f = rig.open("data", 1 << 20, 0);
        AioRig.Submitter first = rig.submitter("aio0", 0, List.of(rig.readPage(f, 0)));
        AioRig.Submitter second = rig.new Submitter(List.of(rig.readPage(rig.k.open(f.inode(), 0), 0)));
        second.task = rig.k.spawn("aio1", 0, new TaskBody() {
            boolean slept;

            @Override
            public void run(Task cur) {
                if (!slept) {
                    slept = true;
                    cur.sleepFor(100_000);
                    return;
                }
                second.run(cur);
            }
        });
        rig.run();
        return new AioRig.Submitter[] {first, second};
    }

    @Test
    void secondAioWaiterOnAPageIsNeverKickedWhenAioWakeReturnsOne() {
        AioRig rig = fixedRig(KernelConfig.aioWaitBit().with(KernelConfig.AIO_WAKE_RETURNS_ONE, true));
        AioRig.Submitter[] s = twoAioWaiters(rig);
        assertThat(s[0].events).hasSize(1);
        assertThat(s[1].events).isEmpty();
        Kiocb stranded = s[1].kiocbs.get(0);
        Page page = rig.k.pageCache().findGetPage(rig.k.fs().inodes().get(0).mapping(), 0);
        page.release();
        assertThat(page.locked()).isFalse();
        WaitQueueHead bucket = rig.k.waitTable().pageWaitqueue(page);
        assertThat(stranded.waitingOn()).isSameAs(bucket);

        // the report names the kiocb on the page's bucket and its submitter asleep in io_getevents
        List<Fault> hangs = rig.k.hangReport();
        assertThat(hangs).extracting(Fault::kiocb).contains(stranded.toString());
        Fault k = hangs.stream().filter(h -> h.kiocb().equals(stranded.toString())).findFirst().orElseThrow();
        assertThat(k.waitChain()).startsWith("on " + bucket.name() + " key "
                + String.format("%#x:%d", page.address(), Page.PG_locked)).contains("page 0 of data");
        assertThat(hangs).extracting(Fault::task).contains(s[1].task.toString());
        assertThat(hangs.stream().filter(h -> h.task().equals(s[1].task.toString())).findFirst().orElseThrow()
                .waitChain()).startsWith("on " + s[1].ctx.wait.name());
    }

    @Test
    void secondAioWaiterOnAPageIsKickedWhenAioWakeFunctionReturnsZero() {
        AioRig rig = fixedRig(KernelConfig.aioWaitBit());
        AioRig.Submitter[] s = twoAioWaiters(rig);
        assertThat(s[0].events).hasSize(1);
        assertThat(s[1].events).hasSize(1);
        assertThat(s[1].events.get(0).res()).isEqualTo(Page.PAGE_SIZE);
        assertThat(rig.k.hangReport()).isEmpty();
    }

    // ---- 4. the io_wait NULL bug ----

    /**
     * The submitter's first retry runs inline in io_submit (aio_run_iocb sets and resets
     * current->io_wait); then, as MySQL did, it reads synchronously the page that the AIO read
     * left locked under I/O.
     */
    private static AioRig.Submitter syncReadAfterInlineRetry(AioRig rig) {
        File f = rig.open("data", 1 << 20, 0);
        File g = rig.k.open(f.inode(), 0);
        AioRig.Submitter s = rig.new Submitter(List.of(rig.readPage(f, 0)));
        s.then = () -> rig.k.syscalls().pread(g, Page.PAGE_SIZE, 0);
        s.task = rig.k.spawn("mysqld", 0, s);
        rig.run();
        return s;
    }

    @Test
    void syncReadOfLockedPageAfterAnInlineAioRetryOopsWhenIoWaitIsResetToNull() {
        AioRig rig = fixedRig(KernelConfig.aioWaitBit().with(KernelConfig.IO_WAIT_RESET_NULL, true));
        AioRig.Submitter s = syncReadAfterInlineRetry(rig);
        assertThat(rig.faults).hasSize(1);
        Fault oops = rig.faults.get(0);
        assertThat(oops.kind()).isEqualTo("OOPS");
        assertThat(oops.function()).isEqualTo("__lock_page");
        assertThat(oops.task()).isEqualTo(s.task.toString());
        // the oops killed the task; its read(2) never returned data
        assertThat(s.thenResult).isEqualTo(-Errno.EFAULT);
        assertThat(s.task.state()).isEqualTo(TaskState.DEAD);
        assertThat(s.events).isEmpty();
    }

    @Test
    void syncReadOfLockedPageAfterAnInlineAioRetryWaitsOnTheTasksOwnEntryWithTheFix() {
        AioRig rig = fixedRig(KernelConfig.aioWaitBit());
        AioRig.Submitter s = syncReadAfterInlineRetry(rig);
        assertThat(rig.faults).isEmpty();
        assertThat(s.thenResult).isEqualTo(Page.PAGE_SIZE);
        assertThat(s.events).hasSize(1);
        assertThat(s.events.get(0).res()).isEqualTo(Page.PAGE_SIZE);
        // the sync read did wait for the lock, on the task's own entry
        assertThat(s.task.sleeps()).isGreaterThanOrEqualTo(1);
        assertThat(s.task.ioWait).isSameAs(s.task.wait);
    }

    // ---- 5. the readahead guard on retried kiocbs ----

    /** Readahead calls made by the retries of one 32 KiB AIO read whose pages arrive 2 ms apart. */
    private record Retried(long readaheadCallsInRetries, long retries) {}

    private static Retried readaheadOnRetries(KernelConfig config) {
        AioRig rig = new AioRig(config.with(KernelConfig.MAX_REQUEST_KB, 4), 16L << 20, 1, new Staggered(), 32);
        File f = rig.open("data", 1 << 20, 0);
        AioRig.Submitter s = rig.new Submitter(List.of(Iocb.pread(rig.k.aioFile(f), 0, 8 * Page.PAGE_SIZE, 1)));
        long[] callsAfterFirstRun = {-1};
        s.then = () -> {
            callsAfterFirstRun[0] = rig.k.readahead().calls();
            return 0;
        };
        s.task = rig.k.spawn("submitter", 0, s);
        rig.run();
        assertThat(s.events).hasSize(1);
        assertThat(s.events.get(0).res()).isEqualTo(8 * Page.PAGE_SIZE);
        Kiocb k = s.kiocbs.get(0);
        return new Retried(rig.k.readahead().calls() - callsAfterFirstRun[0], k.kiRetried - 1);
    }

    @Test
    void retriedKiocbDoesNotCallReadaheadAgainWithTheReadaheadGuard() {
        Retried r = readaheadOnRetries(KernelConfig.aioWaitBit());
        assertThat(r.retries()).isGreaterThanOrEqualTo(4);
        assertThat(r.readaheadCallsInRetries()).isZero();
    }

    @Test
    void everyRetryRestartingAtTheExpectedIndexCallsReadaheadWithoutTheGuard() {
        Retried r = readaheadOnRetries(KernelConfig.aioWaitBit().with(KernelConfig.READAHEAD_RETRY_GUARD, false));
        assertThat(r.retries()).isGreaterThanOrEqualTo(4);
        assertThat(r.readaheadCallsInRetries()).isGreaterThanOrEqualTo(r.retries());
    }

    // ---- 6. KIF_SYNCED: O_SYNC writeout once per AIO write ----

    /** A 16 KiB O_SYNC AIO write whose four pages' writeback completes 2 ms apart. */
    private record OsyncWrite(AioRig rig, Kiocb kiocb, long res) {}

    private static OsyncWrite osyncWrite(KernelConfig config) {
        AioRig rig = new AioRig(config.with(KernelConfig.MAX_REQUEST_KB, 4), 16L << 20, 1, new Staggered(), 32);
        File f = rig.open("data", 1 << 20, File.O_SYNC);
        AioRig.Submitter s = rig.submitter("writer", 0,
                List.of(Iocb.pwrite(rig.k.aioFile(f), 0, 4 * Page.PAGE_SIZE, 1)));
        rig.run();
        return new OsyncWrite(rig, s.kiocbs.get(0), s.events.isEmpty() ? Long.MIN_VALUE : s.events.get(0).res());
    }

    @Test
    void osyncAioWriteIssuesWriteoutOnceAndRetriesOnlyWaitWithKifSynced() {
        OsyncWrite w = osyncWrite(KernelConfig.aioWaitBit());
        assertThat(w.res()).isEqualTo(4 * Page.PAGE_SIZE);
        assertThat(w.kiocb().kiRetried).isGreaterThanOrEqualTo(3);
        assertThat(w.kiocb().writeouts).isEqualTo(1);
        assertThat(w.rig().faults).isEmpty();
        // O_SYNC: the data is on the device when the event arrives
        assertThat(w.rig().k.pageCache().nrDirty()).isZero();
        assertThat(w.rig().k.pageCache().nrWriteback()).isZero();
    }

    /**
     * Without KIF_SYNCED nothing tells a retry that the copy and the writeout were done: each retry
     * copies the data again, writes it out again and waits for the writeback it just started, so
     * the write never completes; aio_run_iocb gives up at the retry limit (lowered to 64 here) and
     * the kiocb leaks without an event.
     */
    @Test
    void osyncAioWriteIssuesWriteoutAgainOnEveryRetryWithoutKifSynced() {
        OsyncWrite w = osyncWrite(KernelConfig.aioWaitBit().with(KernelConfig.KIF_SYNCED, false)
                .with(KernelConfig.AIO_MAX_RETRIES, 64));
        assertThat(w.kiocb().kiRetried).isGreaterThanOrEqualTo(3);
        assertThat(w.kiocb().writeouts).isGreaterThan(1);
        // one writeout per run of the retry method
        assertThat(w.kiocb().writeouts).isEqualTo(w.kiocb().kiRetried - 1);
        assertThat(w.res()).as("no event").isEqualTo(Long.MIN_VALUE);
        assertThat(w.rig().faults).extracting(Fault::kind).contains("RETRY_LIMIT");
    }

    // ---- 7. io_cancel and io_destroy ----

    @Test
    void ioCancelCompletesTheIocbWithEintrAtItsNextRetry() {
        AioRig rig = new AioRig(KernelConfig.aioWaitBit(), 16L << 20, 1, c -> 10 * MS, 32);
        File f = rig.open("data", 1 << 20, 0);
        AioRig.Submitter s = rig.new Submitter(List.of(rig.readPage(f, 0)));
        boolean[] waitingWhenCancelled = new boolean[1];
        s.then = () -> {
            Kiocb k = s.kiocbs.get(0);
            waitingWhenCancelled[0] = k.waitingOn() != null;
            return rig.k.aio().ioCancel(s.ctx, k);
        };
        s.task = rig.k.spawn("submitter", 0, s);
        rig.run();

        Kiocb k = s.kiocbs.get(0);
        assertThat(waitingWhenCancelled[0]).isTrue();
        assertThat(s.thenResult).isEqualTo(-Errno.EAGAIN);
        assertThat(s.events).hasSize(1);
        assertThat(s.events.get(0).res()).isEqualTo(-Errno.EINTR);
        // the first run, then the run that saw KIF_CANCELLED: the page's unlock did not kick it again
        assertThat(k.kiRetried).isEqualTo(2);
        assertThat(k.kiLeft).isEqualTo(Page.PAGE_SIZE);
        assertThat(s.ctx.reqsActive()).isZero();
        assertThat(rig.lockedPages()).isZero();
        assertThat(rig.k.hangReport()).isEmpty();
    }

    @Test
    void ioDestroyWithIocbsInFlightLosesNoCompletionAndLeaksNoPageLock() {
        AioRig rig = new AioRig(KernelConfig.aioWaitBit().with(KernelConfig.MAX_REQUEST_KB, 4), 16L << 20, 1,
                new Staggered(), 32);
        File f = rig.open("data", 64L << 20, 0);
        File direct = rig.open("direct", 1 << 20, File.O_DIRECT);
        List<Iocb> iocbs = new ArrayList<>();
        for (long p = 0; p < 8; p++) {
            // pairs of readers of one page: one holds the lock in readpage while the other waits
            iocbs.add(rig.readPage(f, p / 2 * 1000));
        }
        iocbs.add(Iocb.pread(rig.k.aioFile(direct), 0, 4 * Page.PAGE_SIZE, 99));
        AioRig.Submitter s = rig.new Submitter(iocbs);
        int[] activeAtDestroy = new int[1];
        s.then = new java.util.function.LongSupplier() {
            dev.aiolab.kernel.aio.Aio.IoDestroy destroy;

            @Override
            public long getAsLong() {
                if (destroy == null) {
                    activeAtDestroy[0] = s.ctx.reqsActive();
                    destroy = rig.k.aio().ioDestroy(s.ctx);
                }
                return destroy.call();
            }
        };
        s.reap = false;
        s.task = rig.k.spawn("submitter", 0, s);
        rig.run();

        assertThat(activeAtDestroy[0]).isEqualTo(9);
        // io_destroy returned: it waited until every request had completed
        assertThat(s.thenResult).isZero();
        assertThat(s.task.state()).isEqualTo(TaskState.DEAD);
        assertThat(s.kiocbs).hasSize(9).allSatisfy(k -> assertThat(k.isCompleted()).isTrue());
        assertThat(rig.k.aio().completions()).isEqualTo(9);
        assertThat(s.ctx.reqsActive()).isZero();
        assertThat(s.ctx.isDead()).isTrue();
        assertThat(rig.lockedPages()).isZero();
        assertThat(rig.k.hangReport()).isEmpty();
        assertThat(rig.faults).isEmpty();
    }

    // ---- 8. O_DIRECT AIO ----

    @Test
    void oDirectAioReturnsEiocbqueuedAndCompletesFromTheBioEndIo() {
        AioRig rig = fixedRig(KernelConfig.aioWaitBit());
        File f = rig.open("direct", 1 << 20, File.O_DIRECT);
        AioRig.Submitter s = rig.new Submitter(List.of(Iocb.pread(rig.k.aioFile(f), 0, 4 * Page.PAGE_SIZE, 1)));
        boolean[] atSubmitReturn = new boolean[4];
        s.then = () -> {
            Kiocb k = s.kiocbs.get(0);
            // -EIOCBQUEUED: not completed, no wait queued, not on the run list, no retry pending
            atSubmitReturn[0] = k.isCompleted();
            atSubmitReturn[1] = k.waitingOn() != null;
            atSubmitReturn[2] = s.ctx.runListLength() > 0;
            atSubmitReturn[3] = s.ctx.reqsActive() == 1;
            return 0;
        };
        s.task = rig.k.spawn("submitter", 0, s);
        rig.run();

        assertThat(atSubmitReturn).containsExactly(false, false, false, true);
        assertThat(s.submitReturnNs - s.submitStartNs).isLessThan(LATENCY / 10);
        assertThat(s.events).hasSize(1);
        assertThat(s.events.get(0).res()).isEqualTo(4 * Page.PAGE_SIZE);
        Kiocb k = s.kiocbs.get(0);
        // never retried: aio_complete ran from the bio's end_io, at the device completion
        assertThat(k.kiRetried).isEqualTo(1);
        assertThat(rig.fixed.commands).hasSize(1);
        long deviceDone = rig.fixed.commands.get(0).completeNs;
        assertThat(k.completeNs).isGreaterThanOrEqualTo(deviceDone).isLessThan(deviceDone + 50_000);
        assertThat(f.inode().mapping().nrpages()).isZero();
        assertThat(rig.k.pageCache().nrPages()).isZero();
    }
}
