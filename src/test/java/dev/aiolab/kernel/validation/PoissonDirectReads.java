package dev.aiolab.kernel.validation;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.boot.Kernel;
import dev.aiolab.kernel.block.device.Device;
import dev.aiolab.kernel.fs.BlockAllocator;
import dev.aiolab.kernel.fs.DirectIo;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.fs.Inode;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.sim.RandomStream;
import java.util.Arrays;

/**
 * An open-loop Poisson stream of asynchronous O_DIRECT 4 KiB reads at random block-aligned offsets
 * of a file, driven through the whole kernel stack: a submitter task (fio's {@code rate_process=poisson})
 * sleeps until the next arrival, then submits every I/O due with {@link DirectIo#blockdevDirectIO}
 * and a completion callback; the bios go through the request queue (plugging, elevator, request
 * free list) to the device, and the completion runs as interrupt work. The sojourn of customer n
 * is its completion callback's time minus its arrival time; customers before the warm-up are
 * discarded.
 */
final class PoissonDirectReads {
    static final int IO_BYTES = 4096;
    /** 1 GiB: 262,144 aligned 4 KiB offsets. */
    static final long FILE_BYTES = 1L << 30;

    private final Kernel kernel;
    private final Inode inode;
    private final RandomStream arrivals;
    private final RandomStream offsets;
    private final double meanInterarrivalNs;
    private final int warmup;
    private final int measured;
    private final long[] sojournNs;
    private long nextArrivalNs;
    private int arrived;
    private int recorded;
    /** A dio that found no free request: the submitter slept in get_request_wait and resubmits it. */
    private DirectIo.Dio blocked;

    /**
     * CPU costs set to zero, so that the host adds exactly nothing to the device's service time and
     * the queue is the M/x/1 queue of theory: context switch, wakeup latency and cost, wait-queue
     * walk and lock, system call, block submission and completion interrupt.
     */
    static KernelConfig zeroCpuCosts(KernelConfig c) {
        return c.with(KernelConfig.CONTEXT_SWITCH_NS, 0L)
                .with(KernelConfig.WAKEUP_LATENCY_NS, 0L)
                .with(KernelConfig.TRY_TO_WAKE_UP_NS, 0L)
                .with(KernelConfig.WAIT_ENTRY_WALK_NS, 0L)
                .with(KernelConfig.WAITQUEUE_LOCK_NS, 0L)
                .with(KernelConfig.SYSCALL_NS, 0L)
                .with(KernelConfig.BLOCK_SUBMIT_NS, 0L)
                .with(KernelConfig.IRQ_COMPLETION_NS, 0L);
    }

    PoissonDirectReads(KernelConfig config, int cpus, Device device, long seed, double meanInterarrivalNs,
            int warmup, int measured) {
        this.kernel = Kernel.builder().cpus(cpus).memoryBytes(16 << 20).device(device).config(config).seed(seed)
                .flusher(false).build();
        this.inode = kernel.createFile("data", FILE_BYTES);
        this.arrivals = kernel.sim().random().stream("arrivals");
        this.offsets = kernel.sim().random().stream("offsets");
        this.meanInterarrivalNs = meanInterarrivalNs;
        this.warmup = warmup;
        this.measured = measured;
        this.sojournNs = new long[measured];
    }

    PoissonDirectReads run() {
        File f = kernel.open(inode, File.O_DIRECT);
        nextArrivalNs = arrivals.exponential(meanInterarrivalNs);
        // the submitter runs on the last CPU; completions interrupt CPU 0
        Task submitter = kernel.spawn("poisson", kernel.sched().nrCpus() - 1, this::submitDue);
        kernel.sim().runUntil(() -> recorded == measured);
        submitter.exit();
        if (recorded != measured) {
            throw new AssertionError("run ended with " + recorded + " of " + measured + " customers recorded");
        }
        return this;
    }

    private void submitDue(Task cur) {
        if (blocked != null) {
            if (kernel.directIo().blockdevDirectIO(blocked) == Errno.SCHEDULE) {
                return;
            }
            blocked = null;
        }
        // kernel time moves on inside the body by the CPU it charges (submission), so read it afresh
        while (nextArrivalNs <= kernel.sched().now()) {
            long arrivalNs = nextArrivalNs;
            int n = arrived++;
            nextArrivalNs += arrivals.exponential(meanInterarrivalNs);
            long pos = offsets.nextLong(FILE_BYTES / BlockAllocator.BLOCK_SIZE) * BlockAllocator.BLOCK_SIZE;
            DirectIo.Dio dio = new DirectIo.Dio(inode, false, pos, IO_BYTES,
                    (d, result) -> completed(n, arrivalNs, result));
            if (kernel.directIo().blockdevDirectIO(dio) == Errno.SCHEDULE) {
                blocked = dio;
                return;
            }
        }
        cur.sleepFor(Math.max(0, nextArrivalNs - kernel.sched().now()));
    }

    private void completed(int n, long arrivalNs, long result) {
        if (result != IO_BYTES) {
            throw new AssertionError("read " + n + " returned " + result);
        }
        if (n >= warmup && n < warmup + measured) {
            sojournNs[n - warmup] = kernel.sched().now() - arrivalNs;
            recorded++;
        }
    }

    Kernel kernel() {
        return kernel;
    }

    long[] sojourns() {
        return sojournNs.clone();
    }

    double meanSojournNs() {
        double sum = 0;
        for (long v : sojournNs) {
            sum += v;
        }
        return sum / sojournNs.length;
    }

    /** The p-th percentile (nearest rank). */
    double sojournPercentileNs(double p) {
        long[] s = sojournNs.clone();
        Arrays.sort(s);
        return s[(int) Math.ceil(p / 100.0 * s.length) - 1];
    }

    double utilisation() {
        return (double) kernel.queue().device().busyNs() / kernel.sim().now();
    }
}
