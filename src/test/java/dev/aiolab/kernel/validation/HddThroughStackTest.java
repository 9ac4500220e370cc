package dev.aiolab.kernel.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.block.device.DiskCommand;
import dev.aiolab.kernel.block.device.Hdd;
import dev.aiolab.kernel.block.device.HddParams;
import dev.aiolab.kernel.boot.Kernel;
import dev.aiolab.kernel.fs.BlockAllocator;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.fs.Inode;
import dev.aiolab.sim.RandomStream;
import org.junit.jupiter.api.Test;

/**
 * The 7200 rpm disk ({@link HddParams#barracuda7200()}) driven through the whole kernel stack by
 * one synchronous reader with the default kernel and its default CPU costs: system calls, page
 * cache, readahead, the request queue with the deadline elevator, the completion interrupt and the
 * reader's wakeup. The figures to reach are the disk's own: its sustained media rate for a
 * sequential reader, and 1 / (average seek + half a rotation + transfer) for a random one.
 */
class HddThroughStackTest {
    private static final long SEED = 20050301L;

    /** A single-threaded reader: loops over {@code step} until it returns false, resuming after sleeps. */
    private interface Step {
        /** One system call; SCHEDULE means the task sleeps and the same call is made again when woken. */
        long call();
    }

    private static long runReader(Kernel k, int calls, Step step, long[] firstAndLast) {
        int[] done = {0};
        k.spawn("reader", 0, cur -> {
            for (;;) {
                long r = step.call();
                if (r == Errno.SCHEDULE) {
                    return;
                }
                if (r <= 0) {
                    throw new AssertionError("read returned " + r);
                }
                if (done[0] == 0) {
                    firstAndLast[0] = k.sched().now();
                }
                done[0]++;
                if (done[0] == calls) {
                    firstAndLast[1] = k.sched().now();
                    cur.exit();
                    return;
                }
            }
        });
        k.sim().runUntil(() -> done[0] == calls);
        return done[0];
    }

    /**
     * A sequential reader with buffered read(2) of 128 KiB on a 192 MiB file laid out contiguously
     * from sector 0, in 512 MiB of memory (nothing is evicted). Readahead (2.6.12 windows, 128 KiB)
     * keeps a request in flight ahead of the reader and the drive's own readahead keeps the platter
     * streaming into its track buffer, so the reader should see the sustained media rate of the disk,
     * {@link Hdd#sustainedBytesPerSec()} = 60 MB/s (skew gaps included).
     *
     * <p>The host's costs are of a different order: copying 32 pages to user space costs 32 x 3 us
     * = 96 us per 128 KiB read, against 2.18 ms of media time, plus per request about 10 us of
     * submission, interrupt, wakeup and context switch: about 7 % of a CPU. Serialised with the media
     * they would cost 5 %; but readahead keeps the next request queued while the reader copies, and
     * the drive keeps streaming into its track buffer, so they overlap and cost nothing (measured:
     * within 0.1 % of the media rate). The whole file is read in one mechanical access: every later
     * request rides the drive's stream. Throughput is measured from the end of the first read (its
     * rotational delay is a one-off) to the end of the last. Tolerance 5 %, the serialised host cost.
     */
    @Test
    void sequentialBufferedReaderGetsTheDisksSustainedTransferRate() {
        for (int chunkKb : new int[] {64, 128}) {
            Hdd hdd = new Hdd(HddParams.barracuda7200());
            Kernel k = Kernel.builder().device(hdd).memoryBytes(512L << 20).seed(SEED).build();
            long fileBytes = 192L << 20;
            Inode inode = k.createFile("seq", fileBytes);
            File f = k.open(inode, 0);
            int chunk = chunkKb << 10;
            int calls = (int) (fileBytes / chunk);
            long[] t = new long[2];
            runReader(k, calls, () -> k.syscalls().read(f, chunk), t);
            double measured = (double) (fileBytes - chunk) * 1e9 / (t[1] - t[0]);
            double expected = hdd.sustainedBytesPerSec();
            System.out.printf("HDD through the stack, sequential buffered read(2) of %d KiB: %.2f MB/s (expected "
                    + "%.2f MB/s, err %+.2f %%); %d requests, %d mechanical accesses, %d stream rides, "
                    + "%d buffer hits, reader CPU %.1f ms%n", chunkKb, measured / 1e6, expected / 1e6,
                    100 * (measured / expected - 1), k.queue().requestsCompleted(), hdd.mechanicalAccesses(),
                    hdd.streamRides(), hdd.bufferHits(), k.sched().cpu(0).busyNs() / 1e6);
            assertThat(f.pos).isEqualTo(fileBytes);
            assertThat(measured).isCloseTo(expected, within(0.05 * expected));
            assertThat(hdd.mechanicalAccesses()).isEqualTo(1);
        }
    }

    /**
     * A random reader: synchronous O_DIRECT pread(2) of 4 KiB at uniformly random aligned offsets of a
     * file that spans the whole disk (160 GB, against 256 MiB of memory). Start and end cylinders of
     * each seek are then independent and uniform, so the mean seek is the curve's average over random
     * seeks, 8.5 ms ({@link dev.aiolab.kernel.block.device.SeekCurve#meanRandomSeekNs()}), and the
     * rotational delay is uniform over a revolution, 4.167 ms on average. Expected time per read:
     * controller overhead 0.1 ms + 8.5 ms + 4.167 ms + 8 sectors of media time (0.068 ms) + the last
     * sector over the interface (3.4 us) = 12.84 ms, i.e. 77.9 IOPS. The host adds about 10 us per
     * read (system call, submission, interrupt, wakeup), under 0.1 %. 4,000 reads keep the standard
     * error of the mean near 0.5 % (the service time's standard deviation is about 4 ms). Tolerance 5 %.
     */
    @Test
    void randomDirectReaderGetsOneOverSeekPlusHalfRotationPlusTransfer() {
        Hdd hdd = new Hdd(HddParams.barracuda7200());
        HddParams p = hdd.params();
        Kernel k = Kernel.builder().device(hdd).seed(SEED).build();
        long fileBytes = p.capacitySectors() * DiskCommand.SECTOR_SIZE;
        Inode inode = k.createFile("whole-disk", fileBytes);
        assertThat(inode.bmap(0)).isZero();
        File f = k.open(inode, File.O_DIRECT);
        RandomStream offsets = k.sim().random().stream("offsets");
        long blocks = fileBytes / BlockAllocator.BLOCK_SIZE;
        int calls = 4_000;
        long[] pos = {offsets.nextLong(blocks) * BlockAllocator.BLOCK_SIZE};
        long[] t = new long[2];
        runReader(k, calls + 1, () -> {
            long r = k.syscalls().pread(f, 4096, pos[0]);
            if (r != Errno.SCHEDULE) {
                pos[0] = offsets.nextLong(blocks) * BlockAllocator.BLOCK_SIZE;
            }
            return r;
        }, t);
        // the first read's seek starts from cylinder 0; measure the 4,000 after it
        double iops = calls * 1e9 / (t[1] - t[0]);
        double serviceNs = p.controllerOverheadNs() + hdd.seekCurve().meanRandomSeekNs() + hdd.revolutionNs() / 2
                + 8 * hdd.sectorNs() + DiskCommand.SECTOR_SIZE * 1e9 / p.interfaceBytesPerSec();
        double expected = 1e9 / serviceNs;
        System.out.printf("HDD through the stack, random O_DIRECT 4 KiB pread over the whole disk: %.2f IOPS "
                + "(expected %.2f IOPS = 1 / %.3f ms, err %+.2f %%); mean time per read %.3f ms%n", iops, expected,
                serviceNs / 1e6, 100 * (iops / expected - 1), (t[1] - t[0]) / 1e6 / calls);
        assertThat(k.queue().requestsCompleted()).isEqualTo(calls + 1);
        assertThat(iops).isCloseTo(expected, within(0.05 * expected));
    }
}
