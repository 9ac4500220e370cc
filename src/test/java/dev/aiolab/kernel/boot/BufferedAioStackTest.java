package dev.aiolab.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.aio.Iocb;
import dev.aiolab.kernel.aio.Kiocb;
import dev.aiolab.kernel.block.device.DiskCommand;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.mm.Page;
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
        assertThat(s.events).hasSize(pages.length);
        assertThat(s.events).allSatisfy(e -> assertThat(e.res()).isEqualTo(Page.PAGE_SIZE));
        assertThat(rig.faults).isEmpty();
        return new Spread(rig, s, f, pages);
    }

    @Test
    void plainAioWaitEntriesAreKickedByWakesForOtherPagesOnTheirHashedBucket() {
        Spread r = spread(KernelConfig.fsAioPlainWait());
        assertThat(r.bucketsShared()).isTrue();
        assertThat(r.spurious()).isPositive();
    }

    @Test
    void waitBitAioEntriesFilterWakesForOtherPagesOnTheirHashedBucket() {
        Spread r = spread(KernelConfig.aioWaitBit());
        assertThat(r.bucketsShared()).isTrue();
        assertThat(r.spurious()).isZero();
    }
}
