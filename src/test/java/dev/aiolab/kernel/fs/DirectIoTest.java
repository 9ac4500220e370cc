package dev.aiolab.kernel.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.FixedLatencyDevice;
import dev.aiolab.kernel.boot.Kernel;
import dev.aiolab.kernel.sched.Task;
import org.junit.jupiter.api.Test;

class DirectIoTest {
    @Test
    void oDirectReadsAndWritesNeverTouchThePageCache() {
        FixedLatencyDevice dev = new FixedLatencyDevice(100_000, 32);
        Kernel k = Kernel.builder().device(dev).memoryBytes(16 << 20).flusher(false).build();
        Inode inode = k.createFile("f", 1 << 20);
        File f = k.open(inode, File.O_DIRECT);
        long[] r = {Long.MIN_VALUE, Long.MIN_VALUE};
        Task t = k.spawn("dio", 0, cur -> {
            if (r[0] == Long.MIN_VALUE) {
                long x = k.syscalls().pread(f, 64 * 1024, 128 * 1024);
                if (x == Errno.SCHEDULE) {
                    return;
                }
                r[0] = x;
            }
            long y = k.syscalls().pwrite(f, 8192, 0);
            if (y == Errno.SCHEDULE) {
                return;
            }
            r[1] = y;
            cur.exit();
        });
        k.sim().runUntil(() -> r[1] != Long.MIN_VALUE);

        assertThat(r[0]).isEqualTo(64 * 1024);
        assertThat(r[1]).isEqualTo(8192);
        assertThat(inode.mapping().nrpages()).isZero();
        assertThat(k.pageCache().nrPages()).isZero();
        assertThat(k.pageCache().hits() + k.pageCache().misses()).isZero();
        assertThat(k.readahead().calls()).isZero();
        assertThat(dev.commands).hasSize(2);
        assertThat(dev.commands.get(0).nrSectors).isEqualTo(128);
        assertThat(dev.commands.get(0).sector).isEqualTo(inode.bmap(32));
        assertThat(dev.commands.get(1).write).isTrue();
        assertThat(t.sleeps()).isEqualTo(2);
    }

    @Test
    void asyncDirectIoReturnsEiocbqueuedAndCompletesFromTheBioCompletion() {
        FixedLatencyDevice dev = new FixedLatencyDevice(100_000, 32);
        Kernel k = Kernel.builder().device(dev).memoryBytes(16 << 20).flusher(false).build();
        Inode inode = k.createFile("f", 1 << 20);
        long[] submit = {Long.MIN_VALUE};
        long[] completed = {Long.MIN_VALUE, -1};
        k.spawn("aio", 0, cur -> {
            DirectIo.Dio dio = new DirectIo.Dio(inode, false, 0, 16384, (d, res) -> {
                completed[0] = res;
                completed[1] = k.sched().now();
            });
            submit[0] = k.directIo().blockdevDirectIO(dio);
            cur.exit();
        });
        k.sim().runUntil(() -> completed[0] != Long.MIN_VALUE);
        assertThat(submit[0]).isEqualTo(-Errno.EIOCBQUEUED);
        assertThat(completed[0]).isEqualTo(16384);
        assertThat(completed[1]).isGreaterThanOrEqualTo(100_000);
        assertThat(k.pageCache().nrPages()).isZero();
    }

    @Test
    void fragmentedLayoutSplitsAFileIntoSeededRandomExtents() {
        Kernel k1 = Kernel.builder().device(new FixedLatencyDevice(1, 1)).seed(7).flusher(false)
                .config(dev.aiolab.kernel.KernelConfig.aioWaitBit().with(dev.aiolab.kernel.KernelConfig.FS_FRAGMENTED, true))
                .build();
        Kernel k2 = Kernel.builder().device(new FixedLatencyDevice(1, 1)).seed(7).flusher(false)
                .config(dev.aiolab.kernel.KernelConfig.aioWaitBit().with(dev.aiolab.kernel.KernelConfig.FS_FRAGMENTED, true))
                .build();
        Inode a = k1.createFile("a", 64L << 20);
        Inode b = k2.createFile("a", 64L << 20);
        assertThat(a.extents()).isGreaterThan(10);
        for (long blk = 0; blk < 16384; blk += 97) {
            assertThat(a.bmap(blk)).isEqualTo(b.bmap(blk));
        }
        Kernel k3 = Kernel.builder().device(new FixedLatencyDevice(1, 1)).flusher(false).build();
        Inode c = k3.createFile("c", 64L << 20);
        assertThat(c.extents()).isEqualTo(1);
        assertThat(c.bmap(100)).isEqualTo(c.bmap(0) + 800);
    }
}
