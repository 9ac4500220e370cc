package dev.aiolab.kernel.boot;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.aio.Aio;
import dev.aiolab.kernel.aio.AioContext;
import dev.aiolab.kernel.aio.FileAio;
import dev.aiolab.kernel.aio.Kiocb;
import dev.aiolab.kernel.block.RequestQueue;
import dev.aiolab.kernel.block.device.Device;
import dev.aiolab.kernel.fs.BlockAllocator;
import dev.aiolab.kernel.fs.DirectIo;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.fs.Filesystem;
import dev.aiolab.kernel.fs.Inode;
import dev.aiolab.kernel.fs.Syscalls;
import dev.aiolab.kernel.mm.Filemap;
import dev.aiolab.kernel.mm.Page;
import dev.aiolab.kernel.mm.PageCache;
import dev.aiolab.kernel.mm.PageWaits;
import dev.aiolab.kernel.mm.PageWriteback;
import dev.aiolab.kernel.mm.Readahead;
import dev.aiolab.kernel.sched.Context;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.TaskBody;
import dev.aiolab.kernel.sched.TaskState;
import dev.aiolab.kernel.sched.FlagsWord;
import dev.aiolab.kernel.sched.WaitBitKey;
import dev.aiolab.kernel.sched.WaitQueueEntry;
import dev.aiolab.kernel.sched.WaitQueueHead;
import dev.aiolab.kernel.sched.WaitTable;
import dev.aiolab.kernel.trace.Fault;
import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A whole modelled machine: simulation, scheduler and CPUs, the hashed page wait table, page cache,
 * readahead, writeback with its flusher thread, the request queue in front of the device, a
 * filesystem, direct I/O and the synchronous system calls.
 *
 * <pre>{@code
 * Kernel k = Kernel.builder().cpus(2).memoryBytes(256 << 20).device(dev).seed(1).build();
 * Inode f = k.createFile("data", 1L << 30);
 * File fd = k.open(f, 0);
 * k.spawn("reader", 0, t -> { long r = k.syscalls().pread(fd, 4096, 0); if (r != Errno.SCHEDULE) t.exit(); });
 * k.sim().runUntil(() -> ...);
 * }</pre>
 */
public final class Kernel {
    /** First pfn handed to the page cache (below it: the kernel image and early allocations). */
    public static final long FIRST_PFN = 0x1000;

    private final KernelConfig config;
    private final Simulation sim;
    private final Sched sched;
    private final WaitTable waitTable;
    private final PageCache cache;
    private final PageWaits waits;
    private final Readahead readahead;
    private final RequestQueue queue;
    private final PageWriteback writeback;
    private final Filemap filemap;
    private final Filesystem fs;
    private final DirectIo directIo;
    private final Syscalls syscalls;
    private final Aio aio;

    private Kernel(Builder b) {
        this.config = b.config;
        this.sim = new Simulation(b.seed);
        this.sched = new Sched(sim, b.cpus, config, b.probe);
        long pages = Math.max(1, b.memoryBytes / Page.PAGE_SIZE);
        this.waitTable = new WaitTable(sched, config.get(KernelConfig.WAIT_TABLE), pages);
        this.cache = new PageCache(sched, config, pages, FIRST_PFN);
        this.waits = new PageWaits(sched, waitTable, cache, config);
        this.readahead = new Readahead(cache, config);
        this.queue = new RequestQueue(sched, b.device, config);
        this.writeback = new PageWriteback(sched, cache, waits, queue, config);
        this.filemap = new Filemap(sched, cache, waits, readahead, writeback, config);
        BlockAllocator alloc = new BlockAllocator(b.device.capacitySectors(), config.is(KernelConfig.FS_FRAGMENTED),
                config.getInt(KernelConfig.FS_EXTENT_MEAN_KB), sim.random().stream("fs.layout"));
        this.fs = new Filesystem(queue, waits, cache, readahead, alloc);
        this.directIo = new DirectIo(sched, queue, config.getInt(KernelConfig.MAX_REQUEST_KB));
        this.syscalls = new Syscalls(sched, filemap, directIo, config);
        if (b.flusher) {
            // its periodic wakeups alone must not keep a finished (or hung) run going
            writeback.startFlusher(b.cpus - 1).setDaemon(true);
        }
        this.aio = new Aio(sched, config);
        // seed: is_retried_kiocb(io_wait_to_kiocb(current->io_wait)) for the readahead guard
        filemap.setIsRetriedKiocb(w -> w.owner instanceof Kiocb k && k.isRetried());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the machine's parts; defaults: 1 CPU, 256 MiB, the default kernel, no probe, seed 1. */
    public static final class Builder {
        private int cpus = 1;
        private long memoryBytes = 256L << 20;
        private Device device;
        private KernelConfig config = KernelConfig.aioWaitBit();
        private Probe probe = Probe.NONE;
        private long seed = 1;
        private boolean flusher = true;

        public Builder cpus(int n) {
            this.cpus = n;
            return this;
        }

        public Builder memoryBytes(long bytes) {
            this.memoryBytes = bytes;
            return this;
        }

        public Builder device(Device d) {
            this.device = d;
            return this;
        }

        public Builder config(KernelConfig c) {
            this.config = c;
            return this;
        }

        public Builder probe(Probe p) {
            this.probe = p;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Whether to start the background flusher (pdflush); on by default. */
        public Builder flusher(boolean on) {
            this.flusher = on;
            return this;
        }

        public Kernel build() {
            Objects.requireNonNull(device, "kernel: a device is required");
            return new Kernel(this);
        }
    }

    /** A file of {@code sizeBytes}, laid out on the device, nothing cached. */
    public Inode createFile(String name, long sizeBytes) {
        return fs.createFile(name, sizeBytes);
    }

    /** Opens {@code inode} with {@link File} flags ({@code O_DIRECT}, {@code O_SYNC}). */
    public File open(Inode inode, int flags) {
        return fs.open(inode, flags);
    }

    /** The AIO operations of an open file ({@code f_op->aio_read} and friends). */
    public FileAio aioFile(File file) {
        return new FileAio(file, sched, filemap, writeback, directIo, aio, config);
    }

    /** fs/aio.c: the AIO system calls and the retry machinery. */
    public Aio aio() {
        return aio;
    }

    /** Creates a user task on {@code cpu} and starts it now. */
    public Task spawn(String name, int cpu, TaskBody body) {
        Task t = sched.createTask(name, Context.TASK, cpu, body);
        sched.start(t, 0);
        return t;
    }

    public KernelConfig config() {
        return config;
    }

    public Simulation sim() {
        return sim;
    }

    public Sched sched() {
        return sched;
    }

    public WaitTable waitTable() {
        return waitTable;
    }

    public PageCache pageCache() {
        return cache;
    }

    public PageWaits pageWaits() {
        return waits;
    }

    public Readahead readahead() {
        return readahead;
    }

    public RequestQueue queue() {
        return queue;
    }

    public PageWriteback writeback() {
        return writeback;
    }

    public Filemap filemap() {
        return filemap;
    }

    public Filesystem fs() {
        return fs;
    }

    public DirectIo directIo() {
        return directIo;
    }

    public Syscalls syscalls() {
        return syscalls;
    }

    // ---- hang report ----

    /**
     * What is left waiting, as {@code HANG} faults: every user task that is asleep (with the queue
     * and key of each wait entry of it that is queued, or none: a lost wakeup), and every active
     * kiocb (with the queue and key its {@code ki_wait} is on). Meant for a run that has stopped with
     * no event left, where each of these waits forever; during a run it lists who is waiting.
     */
    public List<Fault> hangReport() {
        List<Fault> report = new ArrayList<>();
        long now = sim.now();
        for (Task t : sched.tasks()) {
            if (t.context() != Context.TASK
                    || (t.state() != TaskState.UNINTERRUPTIBLE && t.state() != TaskState.INTERRUPTIBLE)) {
                continue;
            }
            boolean queued = false;
            for (WaitQueueHead q : sched.queues()) {
                for (WaitQueueEntry e : q.entries()) {
                    if (e.task == t) {
                        queued = true;
                        report.add(new Fault(now, "HANG", t.toString(), "", "schedule",
                                t.name() + " asleep " + t.state() + " on " + q.name() + " key " + keyOf(e)
                                        + pageOf(e), q.name() + " key=" + keyOf(e)));
                    }
                }
            }
            if (!queued) {
                report.add(new Fault(now, "HANG", t.toString(), "", "schedule",
                        t.name() + " asleep " + t.state() + " on no wait queue: nothing can wake it", ""));
            }
        }
        for (AioContext ctx : aio.contexts()) {
            for (Kiocb iocb : ctx.activeRequests()) {
                WaitQueueHead q = iocb.waitingOn();
                if (q != null) {
                    report.add(new Fault(now, "HANG", "", iocb.toString(), "aio_run_iocb",
                            "kiocb ki_wait queued on " + q.name() + " key " + keyOf(iocb.kiWait) + pageOf(iocb.kiWait),
                            q.name() + " key=" + keyOf(iocb.kiWait)));
                } else {
                    report.add(new Fault(now, "HANG", "", iocb.toString(), "aio_run_iocb",
                            "kiocb active, ki_wait on no wait queue (on the run list, or waiting for an end_io)",
                            ""));
                }
            }
        }
        return report;
    }

    /**
     * Reports {@link #hangReport()} to the probe, as a run that ended with waiters left does, and
     * returns it.
     */
    public List<Fault> reportHangs() {
        List<Fault> report = hangReport();
        for (Fault f : report) {
            sched.probe().fault(f);
        }
        return report;
    }

    /** "address:bit" of the entry's key, or of what a keyless (plain) entry last waited for. */
    private static String keyOf(WaitQueueEntry e) {
        WaitBitKey key = e.key();
        if (key != null && key.word != null) {
            return key.toString();
        }
        if (e.waitedWord != null) {
            return String.format("%#x:%d", e.waitedWord.address(), e.waitedBit) + " (keyless entry)";
        }
        return "-";
    }

    private static String pageOf(WaitQueueEntry e) {
        WaitBitKey key = e.key();
        FlagsWord w = key != null && key.word != null ? key.word : e.waitedWord;
        if (w instanceof Page p && p.mapping() != null) {
            return " (page " + p.index() + " of " + p.mapping().name() + ")";
        }
        return "";
    }
}
