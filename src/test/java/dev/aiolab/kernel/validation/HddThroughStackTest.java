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
     * sector over the interface (3.4 us) = 12.83 ms, i.e. 77.9 IOPS. The host adds about 10 us per
     * read (system call, submission, interrupt, wakeup), under 0.1 %. 4,000 reads keep the standard
     * error of the mean near 0.5 % (the service time's standard deviation is about 4 ms). Tolerance 5 %.
     */
    @Test
    void randomDirectReaderGetsOneOverSeekPlusHalfRotationPlusTransfer() {
        Hdd hdd = new Hdd(HddParams.barracuda7200());
        double seekNs = hdd.seekCurve().meanRandomSeekNs();
        assertThat(seekNs).isCloseTo(8.5e6, within(1e3));
        checkRandomReads(hdd, hdd.params().capacitySectors() * DiskCommand.SECTOR_SIZE, seekNs, "the whole disk");
    }

    /**
     * The same reader on a 16 GiB file (10.7 % of the disk, from sector 0): seeks are short, so the
     * expected seek is the curve averaged over the distances of the actual span. With C cylinders
     * in the span and start and end uniform over them, distance d has probability 2 (C - d) / C^2,
     * and E[seek] = sum over d of seek(d) 2 (C - d) / C^2: 7,668 cylinders, all in the curve's
     * square-root part, give 2.95 ms (the seek over a third of the span would say 3.11 ms, 6 % more).
     * Expected 1 / (0.1 + 2.95 + 4.167 + 0.072 ms) = 137.4 IOPS. Tolerance 5 %.
     */
    @Test
    void randomDirectReaderOnPartOfTheDiskSeeksOnlyAcrossItsSpan() {
        Hdd hdd = new Hdd(HddParams.barracuda7200());
        long fileBytes = 16L << 30;
        long c = hdd.cylinderOf(fileBytes / DiskCommand.SECTOR_SIZE - 1) + 1;
        double seekNs = 0;
        for (long d = 1; d < c; d++) {
            seekNs += hdd.seekCurve().seekNs(d) * 2.0 * (c - d) / ((double) c * c);
        }
        System.out.printf("HDD seek over a span of %d cylinders: mean %.3f ms (seek over a third of the span "
                + "%.3f ms)%n", c, seekNs / 1e6, hdd.seekCurve().seekNs(c / 3) / 1e6);
        checkRandomReads(hdd, fileBytes, seekNs, "a 16 GiB file");
    }

    private static void checkRandomReads(Hdd hdd, long fileBytes, double meanSeekNs, String span) {
        checkRandomReads(hdd, fileBytes, meanSeekNs, span, File.O_DIRECT);
    }

    private static Kernel checkRandomReads(Hdd hdd, long fileBytes, double meanSeekNs, String span, int flags) {
        HddParams p = hdd.params();
        Kernel k = Kernel.builder().device(hdd).seed(SEED).build();
        Inode inode = k.createFile("random", fileBytes);
        assertThat(inode.bmap(0)).isZero();
        File f = k.open(inode, flags);
        assertThat(f.isDirect()).isEqualTo(flags == File.O_DIRECT);
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
        double serviceNs = p.controllerOverheadNs() + meanSeekNs + hdd.revolutionNs() / 2
                + 8 * hdd.sectorNs() + DiskCommand.SECTOR_SIZE * 1e9 / p.interfaceBytesPerSec();
        double expected = 1e9 / serviceNs;
        System.out.printf("HDD through the stack, random %s 4 KiB pread over %s: %.2f IOPS "
                + "(expected %.2f IOPS = 1 / %.3f ms, err %+.2f %%); mean time per read %.3f ms; %d requests, "
                + "%d pages cached%n", flags == File.O_DIRECT ? "O_DIRECT" : "buffered", span, iops, expected,
                serviceNs / 1e6, 100 * (iops / expected - 1), (t[1] - t[0]) / 1e6 / calls,
                k.queue().requestsCompleted(), inode.mapping().nrpages());
        assertThat(k.queue().requestsCompleted()).isEqualTo(calls + 1);
        assertThat(iops).isCloseTo(expected, within(0.05 * expected));
        return k;
    }

    /**
     * The same random reader with buffered pread(2), over the whole disk: 2.6.12 readahead sees the
     * reads are not sequential and stays off, so each read misses the cache and reads exactly its own
     * page with readpage (one 4 KiB request per read; asserted through the pages cached), and the
     * expected figure is the O_DIRECT one, 77.9 IOPS: the copy to user space (3 us) and the page
     * allocation and lookup add under 0.1 %. Tolerance 5 %.
     */
    @Test
    void randomBufferedReaderWithReadaheadOffGetsTheSameIops() {
        Hdd hdd = new Hdd(HddParams.barracuda7200());
        long fileBytes = hdd.params().capacitySectors() * DiskCommand.SECTOR_SIZE;
        Kernel k = checkRandomReads(hdd, fileBytes, hdd.seekCurve().meanRandomSeekNs(), "the whole disk", 0);
        Inode inode = k.fs().inodes().get(0);
        assertThat(inode.mapping().nrpages()).isEqualTo(k.queue().requestsCompleted());
    }
}
