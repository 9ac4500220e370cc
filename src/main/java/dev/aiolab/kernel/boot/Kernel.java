package dev.aiolab.kernel.boot;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.aio.Aio;
import dev.aiolab.kernel.aio.AioContext;
import dev.aiolab.kernel.sched.FlagsWord;
import dev.aiolab.kernel.sched.TaskState;
import dev.aiolab.kernel.sched.WaitQueueEntry;
import dev.aiolab.kernel.trace.Fault;
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
import dev.aiolab.kernel.mm.AddressSpace;
import dev.aiolab.kernel.mm.Filemap;
import dev.aiolab.kernel.mm.Page;
import dev.aiolab.kernel.mm.PageAlloc;
import dev.aiolab.kernel.mm.PageCache;
import dev.aiolab.kernel.mm.PageWaits;
import dev.aiolab.kernel.mm.PageWriteback;
import dev.aiolab.kernel.mm.Readahead;
import dev.aiolab.kernel.sched.Context;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.TaskBody;
import dev.aiolab.kernel.sched.WaitBitKey;
import dev.aiolab.kernel.sched.WaitQueueHead;
import dev.aiolab.kernel.sched.WaitTable;
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
        this.cache = new PageCache(sched, config, new PageAlloc(sched, config, 0, pages, b.cpus));
        this.waitTable = cache.alloc().firstZone().waitTable();
        this.waits = new PageWaits(sched, cache, config);
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

    /**
     * What is left waiting when nothing is left to happen: every user task asleep and every AIO
     * request not completed, each as a HANG record naming the queue and key it waits on.
     */
    public List<Fault> hangReport() {
        List<Fault> out = new ArrayList<>();
        long now = sched.now();
        for (Task t : sched.tasks()) {
            boolean asleep = t.state() == TaskState.UNINTERRUPTIBLE || t.state() == TaskState.INTERRUPTIBLE;
            if (asleep && t.context() == Context.TASK) {
                WaitQueueEntry e = t.sleepingOn();
                out.add(new Fault(now, "HANG", t.toString(), "", "schedule", "sleeps in "
                        + t.state().name().toLowerCase(java.util.Locale.ROOT)
                        + " state and nothing is left to wake it", describeWait(e)));
            }
        }
        for (AioContext ctx : aio.contexts()) {
            for (Kiocb k : ctx.activeRequests()) {
                String chain = k.waitingOn() != null ? describeWait(k.kiWait) : "not waiting on any queue";
                out.add(new Fault(now, "HANG", k.submitter == null ? "" : k.submitter.toString(), k.toString(),
                        "aio_run_iocb", "iocb submitted and never completed (" + k.kiRetried + " runs, "
                        + (k.kiNbytes - k.kiLeft) + " of " + k.kiNbytes + " bytes)", chain));
            }
        }
        return out;
    }

    /** The queue and key a wait entry sleeps on, and the page behind the key. */
    private String describeWait(WaitQueueEntry e) {
        if (e == null || e.queue() == null) {
            return "not on a wait queue";
        }
        StringBuilder sb = new StringBuilder("on ").append(e.queue().name());
        FlagsWord w = e.key() != null && e.key().word != null ? e.key().word : e.waitedWord;
        int bit = e.key() != null && e.key().word != null ? e.key().bitNr : e.waitedBit;
        if (w != null) {
            sb.append(String.format(" key %#x:%d", w.address(), bit));
            if (w instanceof AddressSpace.InodeState s) {
                sb.append(" (").append(s).append(s.testBit(AddressSpace.InodeState.I_LOCK) ? ", I_LOCK held" : ", I_LOCK clear")
                        .append(')');
            } else if (w instanceof Page p && p.mapping() != null) {
                sb.append(" (page ").append(p.index()).append(" of ").append(p.mapping().name())
                        .append(p.locked() ? ", locked" : ", unlocked")
                        .append(p.uptodate() ? ", uptodate" : "").append(')');
            }
        }
        sb.append(", ").append(e.queue().size()).append(" waiting");
        String lost = w == null ? null : aio.lostWakeupNote(w);
        if (lost != null) {
            sb.append("; ").append(lost);
        }
        return sb.toString();
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

    /** The wait table of the zone page-cache allocations try first (ZONE_NORMAL when there is one). */
    public WaitTable waitTable() {
        return waitTable;
    }

    /** The zoned page allocator: zones, their wait tables, watermarks and free lists. */
    public PageAlloc pageAlloc() {
        return cache.alloc();
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

}
