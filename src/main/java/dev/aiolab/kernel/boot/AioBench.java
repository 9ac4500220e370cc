package dev.aiolab.kernel.boot;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.aio.Aio;
import dev.aiolab.kernel.aio.AioContext;
import dev.aiolab.kernel.aio.AioFile;
import dev.aiolab.kernel.aio.Iocb;
import dev.aiolab.kernel.block.device.Device;
import dev.aiolab.kernel.block.device.Nvme;
import dev.aiolab.kernel.block.device.NvmeParams;
import dev.aiolab.kernel.fs.Inode;
import dev.aiolab.kernel.mm.Page;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.TaskBody;
import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.sim.RandomStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark hook: buffered 4 KiB AIO random reads through the whole stack (io_submit, the retry
 * core and the aio workqueue, the page cache and readahead, the request queue, an NVMe SSD,
 * interrupt completion, unlock_page and the filtered wakeup, io_getevents), under the seed's
 * patchset ({@link KernelConfig#aioWaitBit()}), with one task that submits and reaps in batches.
 */
public final class AioBench {
    private AioBench() {}

    /** Result of one run. */
    public record Result(long ios, double wallSeconds, double cpuSeconds, long simulatedNs, long events,
            double meanRetries) {
        /** Simulated I/Os per wall-clock second. */
        public double iosPerSecond() {
            return ios / wallSeconds;
        }

        /**
         * Simulated I/Os per second of the running thread's CPU time: steadier than the wall-clock
         * figure on a shared machine, where other processes take the CPU away.
         */
        public double iosPerCpuSecond() {
            return ios / cpuSeconds;
        }
    }

    /**
     * Runs {@code ios} buffered 4 KiB AIO reads at random pages of a 1 GiB file on a 64 MiB machine
     * with NVMe NAND ({@link NvmeParams#nand()}), {@code iodepth} in flight, and returns simulated
     * I/Os per wall-clock second. One run: a caller that times it warms the JIT first.
     */
    public static double bufferedRandomReads(int ios, int iodepth, long seed) {
        return run(new Nvme(NvmeParams.nand()), ios, iodepth, KernelConfig.aioWaitBit(), seed).iosPerSecond();
    }

    /** One run with a device, configuration and seed, returning the details. */
    public static Result run(Device device, int ios, int iodepth, KernelConfig config, long seed) {
        long[] retries = new long[1];
        Probe countRetries = new Probe() {
            @Override
            public void aioRetry(long timeNs, int ctxId, long iocbId, RetryReason reason, boolean progressed,
                    boolean waitedAgain) {
                if (reason != RetryReason.FIRST) {
                    retries[0]++;
                }
            }
        };
        Kernel k = Kernel.builder().cpus(1).memoryBytes(64L << 20).device(device).config(config).seed(seed)
                .probe(countRetries).flusher(false).build();
        long fileBytes = Math.min(1L << 30, device.capacitySectors() * 512 / 2);
        Inode inode = k.createFile("bench", fileBytes);
        Submitter s = new Submitter(k, k.aioFile(k.open(inode, 0)), k.sim().random().stream("bench.offsets"),
                fileBytes / Page.PAGE_SIZE, ios, iodepth);
        k.spawn("bench", 0, s);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        k.sim().runUntil(() -> s.done >= ios);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        return new Result(s.done, wall, cpu, k.sim().now(), k.sim().eventsFired(),
                s.done == 0 ? 0 : (double) retries[0] / s.done);
    }

    /** io_submit of every free slot in one call, then io_getevents(1, iodepth), until done. */
    private static final class Submitter implements TaskBody {
        private final Kernel k;
        private final AioFile file;
        private final RandomStream rng;
        private final long pages;
        private final int total;
        private final int iodepth;
        private AioContext ctx;
        private Aio.IoSubmit submit;
        private Aio.IoGetevents get;
        private int submitted;
        int done;

        Submitter(Kernel k, AioFile file, RandomStream rng, long pages, int total, int iodepth) {
            this.k = k;
            this.file = file;
            this.rng = rng;
            this.pages = pages;
            this.total = total;
            this.iodepth = iodepth;
        }

        @Override
        public void run(Task cur) {
            if (ctx == null) {
                ctx = k.aio().ioSetup(iodepth);
            }
            for (;;) {
                if (submit == null && get == null) {
                    int batch = Math.min(iodepth - (submitted - done), total - submitted);
                    if (batch > 0) {
                        List<Iocb> iocbs = new ArrayList<>(batch);
                        for (int i = 0; i < batch; i++) {
                            iocbs.add(Iocb.pread(file, rng.nextLong(pages) * Page.PAGE_SIZE, Page.PAGE_SIZE,
                                    submitted + i));
                        }
                        submit = k.aio().ioSubmit(ctx, iocbs);
                    } else if (done < total) {
                        get = k.aio().ioGetevents(ctx, 1, iodepth, -1);
                    } else {
                        cur.exit();
                        return;
                    }
                }
                if (submit != null) {
                    long r = submit.call();
                    if (r == Errno.SCHEDULE) {
                        return;
                    }
                    if (r < 0) {
                        throw new IllegalStateException("io_submit: " + r);
                    }
                    submitted += (int) r;
                    submit = null;
                } else {
                    long r = get.call();
                    if (r == Errno.SCHEDULE) {
                        return;
                    }
                    done += (int) r;
                    get = null;
                }
            }
        }
    }
}
