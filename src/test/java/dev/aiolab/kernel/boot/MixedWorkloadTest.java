package dev.aiolab.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.FixedLatencyDevice;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.fs.Inode;
import dev.aiolab.sim.RandomStream;
import org.junit.jupiter.api.Test;

class MixedWorkloadTest {
    /**
     * Six tasks on two CPUs in 8 MiB of memory: buffered readers and writers, an fsync caller, an
     * O_SYNC writer and an O_DIRECT reader/writer, on a queue of 16 requests. Everything completes,
     * and once the flusher has run the page cache is clean and within capacity.
     */
    private static void run(KernelConfig cfg, long seed) {
        Kernel k = Kernel.builder().cpus(2).memoryBytes(8L << 20).seed(seed).config(cfg.with(KernelConfig.NR_REQUESTS, 16))
                .device(new FixedLatencyDevice(c -> 200_000 + (c.sector % 7) * 50_000, 4)).build();
        Inode[] files = {k.createFile("a", 16L << 20), k.createFile("b", 4L << 20)};
        int tasks = 6;
        int ops = 300;
        long[] done = new long[tasks];
        for (int i = 0; i < tasks; i++) {
            int id = i;
            RandomStream rng = k.sim().random().stream("t" + i);
            int flags = id == 4 ? File.O_SYNC : id == 5 ? File.O_DIRECT : 0;
            Inode inode = files[id % 2];
            File f = k.open(inode, flags);
            long[] cur = {-1, 0, 0};
            k.spawn("t" + i, i % 2, t -> {
                for (;;) {
                    if (cur[0] < 0) {
                        cur[0] = rng.nextInt(4);
                        cur[1] = rng.nextLong(inode.size() / 4096) * 4096;
                        cur[2] = (1 + rng.nextInt(8)) * 4096L;
                    }
                    long r = switch ((int) cur[0]) {
                        case 2 -> k.syscalls().pwrite(f, cur[2], cur[1]);
                        case 3 -> id == 3 ? k.syscalls().fsync(f) : k.syscalls().pread(f, cur[2], cur[1]);
                        default -> k.syscalls().pread(f, cur[2], cur[1]);
                    };
                    if (r == Errno.SCHEDULE) {
                        return;
                    }
                    assertThat(r).as("op %d of task %d", cur[0], id).isGreaterThanOrEqualTo(0);
                    cur[0] = -1;
                    if (++done[id] == ops) {
                        t.exit();
                        return;
                    }
                }
            });
        }
        k.sim().runUntil(() -> {
            for (long d : done) {
                if (d < ops) {
                    return false;
                }
            }
            return true;
        });
        assertThat(done).containsOnly(ops);
        k.sim().runUntil(k.sim().now() + 40_000_000_000L);
        assertThat(k.pageCache().nrDirty()).isZero();
        assertThat(k.pageCache().nrWriteback()).isZero();
        assertThat(k.pageCache().overcommits()).isZero();
        assertThat(k.pageCache().nrPages()).isLessThanOrEqualTo(k.pageCache().capacity());
        assertThat(k.queue().allocated(false) + k.queue().allocated(true) + k.queue().inFlight()).isZero();
        assertThat(k.writeback().kupdateRuns()).isPositive();
    }

    @Test
    void mixedBufferedSyncAndDirectIoCompletesAndLeavesTheCacheClean2612() {
        run(KernelConfig.aioWaitBit(), 1);
    }

    @Test
    void mixedBufferedSyncAndDirectIoCompletesAndLeavesTheCacheCleanModern() {
        run(KernelConfig.modernWaitTable(), 2);
    }
}
