package dev.aiolab.kernel.mm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.FixedLatencyDevice;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.boot.Kernel;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.fs.Inode;
import dev.aiolab.kernel.sched.Task;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

class WritebackTest {
    /** Runs {@code call} on a new task until it returns a final result; returns {result, time}. */
    private static long[] syscall(Kernel k, String name, int cpu, java.util.function.LongSupplier call) {
        long[] out = {Long.MIN_VALUE, -1};
        k.spawn(name, cpu, t -> {
            long r = call.getAsLong();
            if (r != Errno.SCHEDULE) {
                out[0] = r;
                out[1] = k.sched().now();
                t.exit();
            }
        });
        return out;
    }

    @Test
    void oSyncWriteWaitsForWritebackOfExactlyItsRange() {
        // writes to the file's first 10 blocks (sectors 0..79) take 50 ms; the rest 1 ms
        ToLongFunction<dev.aiolab.kernel.block.device.DiskCommand> lat =
                c -> c.write && c.sector < 80 ? 50_000_000L : 1_000_000L;
        FixedLatencyDevice dev = new FixedLatencyDevice(lat, 32);
        Kernel k = Kernel.builder().cpus(2).device(dev).memoryBytes(64 << 20).flusher(false).build();
        Inode inode = k.createFile("f", 0);
        File plain = k.open(inode, 0);
        File osync = k.open(inode, File.O_SYNC);
        AddressSpace m = inode.mapping();

        // task a: dirty pages 0-9 and 40, then fsync would take them all; here only 0-9 go to disk
        long[] a = syscall(k, "a", 0, () -> k.syscalls().pwrite(plain, 10 * 4096, 0));
        k.sim().runUntil(() -> a[0] >= 0);
        long[] a40 = syscall(k, "a40", 0, () -> k.syscalls().pwrite(plain, 4096, 40 * 4096));
        k.sim().runUntil(() -> a40[0] >= 0);
        WritebackControl wbc = WritebackControl.syncAll(0, 9);
        long[] wb = syscall(k, "writeout", 0, () -> k.writeback().filemapFdatawriteRange(m, wbc));
        k.sim().runUntil(() -> wb[0] >= 0);
        k.queue().unplugSync();
        assertThat(m.taggedCount(AddressSpace.Tag.WRITEBACK)).isEqualTo(10);

        // task b: O_SYNC write of pages 20-21
        long start = k.sim().now();
        long[] b = syscall(k, "b", 1, () -> k.syscalls().pwrite(osync, 2 * 4096, 20 * 4096));
        k.sim().runUntil(() -> b[0] != Long.MIN_VALUE);

        assertThat(b[0]).isEqualTo(8192);
        assertThat(b[1] - start).as("b waited only for its own 1 ms writes").isBetween(1_000_000L, 10_000_000L);
        for (long i = 0; i < 10; i++) {
            assertThat(m.lookup(i).writeback()).as("page %d still under writeback", i).isTrue();
        }
        assertThat(m.lookup(20).writeback() || m.lookup(20).dirty()).isFalse();
        assertThat(m.lookup(21).writeback() || m.lookup(21).dirty()).isFalse();
        assertThat(m.lookup(40).dirty()).as("outside the range: not written out").isTrue();
    }

    @Test
    void anOSyncWriterWaitsOnTheInodesILockInItsZoneWaitTableWhileAnotherTaskWritesTheInodeBack() {
        // 4 request slots and 20 ms writes: a writeback of 256 pages, one request each, takes a
        // batch of 32 past the full queue and then sleeps for requests with the inode's I_LOCK held
        FixedLatencyDevice dev = new FixedLatencyDevice(20_000_000, 32);
        KernelConfig config = KernelConfig.linux2612().with(KernelConfig.NR_REQUESTS, 4)
                .with(KernelConfig.MAX_REQUEST_KB, 4);
        Kernel k = Kernel.builder().cpus(2).device(dev).config(config).memoryBytes(64 << 20).flusher(false).build();
        Inode inode = k.createFile("f", 0);
        AddressSpace m = inode.mapping();
        long[] w = syscall(k, "w", 0, () -> k.syscalls().pwrite(k.open(inode, 0), 256 * 4096, 0));
        k.sim().runUntil(() -> w[0] >= 0);
        WritebackControl wbc = new WritebackControl();
        long[] wb = syscall(k, "pdflush", 0, () -> k.writeback().writebackInodes(wbc));
        k.sim().runUntil(() -> m.iState().testBit(AddressSpace.InodeState.I_LOCK));

        File osync = k.open(inode, File.O_SYNC);
        long[] b = new long[] {Long.MIN_VALUE, -1};
        Task writer = k.spawn("osync", 1, t -> {
            long r = k.syscalls().pwrite(osync, 4096, 300 * 4096);
            if (r != Errno.SCHEDULE) {
                b[0] = r;
                b[1] = k.sched().now();
                t.exit();
            }
        });
        dev.aiolab.kernel.sched.WaitQueueHead bucket = k.pageAlloc().bitWaitqueue(m.iState(), AddressSpace.InodeState.I_LOCK);
        assertThat(k.pageAlloc().firstZone().waitTable().indexOf(bucket))
                .as("the inode lies in a slab frame of Normal: its bit waits share that zone's page wait table")
                .isNotNegative();
        k.sim().runUntil(() -> writer.sleepingOn() != null && writer.sleepingOn().queue() == bucket);
        assertThat(writer.sleepingOn().key().word).isSameAs(m.iState());
        assertThat(wb[0]).as("the writeback still holds I_LOCK").isEqualTo(Long.MIN_VALUE);
        k.sim().runUntil(() -> b[0] != Long.MIN_VALUE);
        assertThat(b[0]).isEqualTo(4096);
        assertThat(wb[0]).isZero();
        assertThat(b[1]).as("woken by wake_up_inode when the writeback let go of the inode").isGreaterThanOrEqualTo(wb[1]);
        assertThat(m.iState().testBit(AddressSpace.InodeState.I_LOCK)).isFalse();
    }

    @Test
    void fsyncWritesOutAndWaitsForEveryDirtyPageOfTheFile() {
        FixedLatencyDevice dev = new FixedLatencyDevice(2_000_000, 4);
        Kernel k = Kernel.builder().device(dev).memoryBytes(64 << 20).flusher(false).build();
        Inode inode = k.createFile("f", 0);
        File f = k.open(inode, 0);
        long[] w = syscall(k, "w", 0, () -> k.syscalls().pwrite(f, 64 * 1024, 0));
        k.sim().runUntil(() -> w[0] >= 0);
        assertThat(inode.size()).isEqualTo(64 * 1024);
        assertThat(k.pageCache().nrDirty()).isEqualTo(16);
        long[] s = syscall(k, "fsync", 0, () -> k.syscalls().fsync(f));
        k.sim().runUntil(() -> s[0] != Long.MIN_VALUE);
        assertThat(s[0]).isZero();
        assertThat(k.pageCache().nrDirty()).isZero();
        assertThat(k.pageCache().nrWriteback()).isZero();
        assertThat(dev.commands).hasSize(1);
        assertThat(dev.commands.get(0).nrSectors).isEqualTo(128);
    }

    @Test
    void writerAboveDirtyRatioIsThrottledAndWritesBackItself() {
        FixedLatencyDevice dev = new FixedLatencyDevice(500_000, 4);
        // 4 MiB of memory: 1024 pages, dirty_thresh 40 % = 409 pages
        Kernel k = Kernel.builder().device(dev).memoryBytes(4 << 20).flusher(false).build();
        Inode inode = k.createFile("f", 0);
        File f = k.open(inode, 0);
        long[] w = syscall(k, "w", 0, () -> k.syscalls().pwrite(f, 3L << 20, 0));
        k.sim().runUntil(() -> w[0] != Long.MIN_VALUE);
        assertThat(w[0]).isEqualTo(3L << 20);
        assertThat(k.writeback().throttled()).isPositive();
        assertThat(k.writeback().pagesWritten()).isPositive();
        assertThat(k.pageCache().nrDirty()).isLessThanOrEqualTo(k.writeback().dirtyThresh());
        assertThat(k.pageCache().overcommits()).isZero();
    }

    @Test
    void flusherWritesBackPagesOlderThanDirtyExpire() {
        FixedLatencyDevice dev = new FixedLatencyDevice(1_000_000, 4);
        Kernel k = Kernel.builder().cpus(2).device(dev).memoryBytes(64 << 20).build();
        Inode inode = k.createFile("f", 0);
        File f = k.open(inode, 0);
        long[] w = syscall(k, "w", 0, () -> k.syscalls().pwrite(f, 8 * 4096, 0));
        k.sim().runUntil(() -> w[0] >= 0);
        Task pdflush = k.writeback().flusher();
        assertThat(pdflush).isNotNull();
        // kupdate runs every 5 s; pages dirtied just after 0 s have expired at the 35 s run, not at 30 s
        k.sim().runUntil(29_000_000_000L);
        assertThat(k.pageCache().nrDirty()).isEqualTo(8);
        k.sim().runUntil(36_000_000_000L);
        assertThat(k.pageCache().nrDirty()).isZero();
        assertThat(k.pageCache().nrWriteback()).isZero();
        assertThat(k.writeback().kupdateRuns()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void partialWriteOfAnUncachedPageReadsItFirstInPrepareWrite() {
        FixedLatencyDevice dev = new FixedLatencyDevice(1_000_000, 1);
        Kernel k = Kernel.builder().device(dev).memoryBytes(16 << 20).flusher(false).build();
        Inode inode = k.createFile("f", 1 << 20);
        File f = k.open(inode, 0);
        long[] w = syscall(k, "w", 0, () -> k.syscalls().pwrite(f, 100, 4096 + 10));
        k.sim().runUntil(() -> w[0] != Long.MIN_VALUE);
        assertThat(w[0]).isEqualTo(100);
        assertThat(w[1]).as("waited for the block read").isGreaterThanOrEqualTo(1_000_000);
        assertThat(dev.commands).hasSize(1);
        assertThat(dev.commands.get(0).write).isFalse();
        Page p = inode.mapping().lookup(1);
        assertThat(p.uptodate() && p.dirty() && !p.locked()).isTrue();
        // a whole-page write needs no read
        long[] w2 = syscall(k, "w2", 0, () -> k.syscalls().pwrite(f, 4096, 3 * 4096));
        k.sim().runUntil(() -> w2[0] != Long.MIN_VALUE);
        assertThat(dev.commands).hasSize(1);
    }
}
