package dev.aiolab.kernel.boot;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.block.device.Device;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.fs.Inode;
import dev.aiolab.sim.RandomStream;

/**
 * Benchmark hook: synchronous 4 KiB random reads through the whole stack (system call, page cache,
 * readahead, request queue, device, interrupt completion, page unlock and wakeup).
 */
public final class StackBench {
    private StackBench() {}

    /** Result of one run. */
    public record Result(long reads, double wallSeconds, long simulatedNs, long events) {
        /** Simulated reads per wall-clock second. */
        public double readsPerSecond() {
            return reads / wallSeconds;
        }
    }

    /**
     * Runs {@code n} synchronous 4 KiB reads at random page offsets of a 1 GiB file (or the device,
     * if smaller) with one task and 64 MiB of page cache, and returns simulated reads per wall-clock
     * second.
     */
    public static double syncRandomReads(Device device, int n) {
        return run(device, n, KernelConfig.aioWaitBit(), 1).readsPerSecond();
    }

    /** The same with a configuration and seed, returning the details. */
    public static Result run(Device device, int n, KernelConfig config, long seed) {
        Kernel k = Kernel.builder().cpus(1).memoryBytes(64L << 20).device(device).config(config).seed(seed)
                .flusher(false).build();
        long fileBytes = Math.min(1L << 30, device.capacitySectors() * 512 / 2);
        Inode inode = k.createFile("bench", fileBytes);
        File f = k.open(inode, 0);
        RandomStream rng = k.sim().random().stream("bench.offsets");
        long pages = fileBytes / 4096;
        long[] done = new long[1];
        long[] pos = {rng.nextLong(pages) * 4096};
        k.spawn("bench", 0, t -> {
            for (;;) {
                long r = k.syscalls().pread(f, 4096, pos[0]);
                if (r == Errno.SCHEDULE) {
                    return;
                }
                if (++done[0] >= n) {
                    t.exit();
                    return;
                }
                pos[0] = rng.nextLong(pages) * 4096;
            }
        });
        long t0 = System.nanoTime();
        k.sim().runUntil(() -> done[0] >= n);
        double wall = (System.nanoTime() - t0) / 1e9;
        return new Result(done[0], wall, k.sim().now(), k.sim().eventsFired());
    }
}
