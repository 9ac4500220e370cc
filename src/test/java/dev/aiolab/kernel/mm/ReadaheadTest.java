package dev.aiolab.kernel.mm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.FixedLatencyDevice;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.boot.Kernel;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.fs.Inode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadaheadTest {
    private record Window(long start, long size) {}

    private static Kernel kernel(KernelConfig config) {
        return Kernel.builder().device(new FixedLatencyDevice(200_000, 4)).memoryBytes(64 << 20).config(config)
                .flusher(false).build();
    }

    /** Runs a synchronous reader doing the given (pos, count) reads in order; returns the windows issued. */
    private static List<Window> readAll(Kernel k, File f, long[][] reads) {
        List<Window> windows = new ArrayList<>();
        k.readahead().setWindowListener((m, start, size, async) -> windows.add(new Window(start, size)));
        int[] i = {0};
        k.spawn("reader", 0, t -> {
            while (i[0] < reads.length) {
                long r = k.syscalls().pread(f, reads[i[0]][1], reads[i[0]][0]);
                if (r == Errno.SCHEDULE) {
                    return;
                }
                assertThat(r).isEqualTo(reads[i[0]][1]);
                i[0]++;
            }
            t.exit();
        });
        k.sim().runUntil(() -> i[0] == reads.length);
        return windows;
    }

    @Test
    void aSequentialReaderKeepsItsPlaceWhenItsAheadWindowFailsOnACongestedQueue() {
        Kernel k = kernel(KernelConfig.aioWaitBit().with(KernelConfig.NR_REQUESTS, 4));
        AddressSpace m = k.createFile("f", 1 << 20).mapping();
        // four reads of another file's scattered pages hold every read request: congested
        AddressSpace other = k.createFile("g", 16L << 20).mapping();
        for (int i = 0; i < 4; i++) {
            Page p = k.pageCache().addNewPage(other, i * 100L);
            other.operations().readpage(p);
            p.release();
        }
        assertThat(k.queue().congested(false)).isTrue();
        Readahead r = k.readahead();
        FileRaState ra = new FileRaState(32);
        // first read: a window of 8 pages, read blocking
        assertThat(r.pageCacheReadahead(m, ra, 0, 4)).isEqualTo(4);
        assertThat(ra.size).isEqualTo(8);
        // second, sequential: the ahead window would not block and the queue is congested, so it
        // fails and is reset; 2.6.12 then returns prev_page + 1, the reader's place
        assertThat(r.pageCacheReadahead(m, ra, 4, 4)).isEqualTo(8);
        assertThat(ra.prevPage).isEqualTo(7);
        assertThat(ra.aheadStart).isZero();
        // third, past the window: the ahead window is made blocking, and becomes the current one
        assertThat(r.pageCacheReadahead(m, ra, 8, 4)).isEqualTo(12);
        assertThat(ra.start).isEqualTo(8);
        for (long i = 8; i < 8 + ra.size; i++) {
            assertThat(m.lookup(i)).as("page %d of the ahead window", i).isNotNull();
        }
    }

    @Test
    void initialAndNextWindowSizesFollowThe2612Formulas() {
        // max 128 KiB = 32 pages: max/64 = 0 (never squared), max/4 = 8
        assertThat(Readahead.getInitRaSize(1, 32)).isEqualTo(8);
        assertThat(Readahead.getInitRaSize(4, 32)).isEqualTo(8);
        assertThat(Readahead.getInitRaSize(8, 32)).isEqualTo(8);
        assertThat(Readahead.getInitRaSize(9, 32)).isEqualTo(32);
        // max 1 MiB = 256 pages: round up to a power of two, squared while <= max/64 = 4
        assertThat(Readahead.getInitRaSize(1, 256)).isEqualTo(1);
        assertThat(Readahead.getInitRaSize(2, 256)).isEqualTo(4);
        assertThat(Readahead.getInitRaSize(3, 256)).isEqualTo(16);
        assertThat(Readahead.getInitRaSize(8, 256)).isEqualTo(64);
        assertThat(Readahead.getInitRaSize(65, 256)).isEqualTo(256);
        FileRaState ra = new FileRaState(32);
        ra.size = 1;
        assertThat(Readahead.getNextRaSize(ra, 32, 4)).as("x4 below max/16").isEqualTo(4);
        ra.size = 8;
        assertThat(Readahead.getNextRaSize(ra, 32, 4)).as("x2 from max/16").isEqualTo(16);
        ra.size = 32;
        assertThat(Readahead.getNextRaSize(ra, 32, 4)).as("capped at max").isEqualTo(32);
        ra.size = 8;
        ra.flags = FileRaState.RA_FLAG_MISS;
        assertThat(Readahead.getNextRaSize(ra, 32, 4)).as("after a miss: -2").isEqualTo(6);
        ra.size = 5;
        ra.flags = FileRaState.RA_FLAG_MISS;
        assertThat(Readahead.getNextRaSize(ra, 32, 4)).as("not below min").isEqualTo(4);
    }

    @Test
    void sequentialReaderGrowsCurrentAndAheadWindowsAsIn2612() {
        Kernel k = kernel(KernelConfig.aioWaitBit());
        Inode inode = k.createFile("f", 128 * 4096);
        File f = k.open(inode, 0);
        long[][] reads = new long[128][];
        for (int i = 0; i < 128; i++) {
            reads[i] = new long[] {i * 4096L, 4096};
        }
        List<Window> w = readAll(k, f, reads);
        // read 0: initial window get_init_ra_size(1, 32) = 8 at 0;
        // read 1: ahead window get_next_ra_size(8) = 16 at 8;
        // read 8 enters the ahead window: it becomes current, next ahead 32 at 24; then 32 at 56, 88, 120
        assertThat(w).containsExactly(new Window(0, 8), new Window(8, 16), new Window(24, 32),
                new Window(56, 32), new Window(88, 32), new Window(120, 32));
        assertThat(k.readahead().pagesRead()).isEqualTo(128);
        assertThat(k.readahead().calls()).isEqualTo(128);
    }

    @Test
    void randomAccessTurnsReadaheadOffUntilSequentialAgain() {
        Kernel k = kernel(KernelConfig.aioWaitBit());
        Inode inode = k.createFile("f", 64L << 20);
        File f = k.open(inode, 0);
        List<Window> w = readAll(k, f, new long[][] {
            {0, 4096}, {1000 * 4096L, 4096}, {5000 * 4096L, 4096}, {5001 * 4096L, 4096}});
        // page 0: initial window; 1000 and 5000: random, readahead off, only the page asked for;
        // 5001 follows 5000: sequential again, a fresh initial window
        assertThat(w).containsExactly(new Window(0, 8), new Window(1000, 1), new Window(5000, 1),
                new Window(5001, 8));
        assertThat(f.ra.size).isEqualTo(8);
    }

    @Test
    void onDemandReadaheadMarksPgReadaheadAndReadsAheadAsynchronously() {
        Kernel k = kernel(KernelConfig.aioWaitBit().with(KernelConfig.READAHEAD, KernelConfig.Readahead.ONDEMAND_2623));
        Inode inode = k.createFile("f", 128 * 4096);
        File f = k.open(inode, 0);
        long[][] reads = new long[64][];
        for (int i = 0; i < 64; i++) {
            reads[i] = new long[] {i * 4096L, 4096};
        }
        List<Window> w = readAll(k, f, reads);
        // 2.6.23: initial get_init_ra_size(1, 32) = 4 with async_size 3 (marker on page 1);
        // then each hit on the marker pushes the window forward: get_next_ra_size doubles from
        // max/16 = 2 on, so 8, 16, 32, 32 ...
        assertThat(w).startsWith(new Window(0, 4), new Window(4, 8), new Window(12, 16), new Window(28, 32),
                new Window(60, 32));
    }
}
