package dev.aiolab.kernel.boot;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.FixedLatencyDevice;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.aio.AioContext;
import dev.aiolab.kernel.aio.Iocb;
import dev.aiolab.kernel.aio.IoEvent;
import dev.aiolab.kernel.aio.Kiocb;
import dev.aiolab.kernel.block.device.Device;
import dev.aiolab.kernel.block.device.DiskCommand;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.mm.Page;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.TaskBody;
import dev.aiolab.kernel.trace.Fault;
import dev.aiolab.kernel.trace.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * A whole machine for AIO tests on the real stack (page cache, readahead, request queue, a device),
 * with the faults the kernel reports, and task bodies that submit iocbs and read synchronously.
 */
final class AioRig {
    final Device device;
    final FixedLatencyDevice fixed;
    final Kernel k;
    final List<Fault> faults = new ArrayList<>();

    /** A rig on a {@link FixedLatencyDevice} whose command latency is chosen per command. */
    AioRig(KernelConfig config, long memoryBytes, int cpus, ToLongFunction<DiskCommand> latency, int queueDepth) {
        this(config, memoryBytes, cpus, new FixedLatencyDevice(latency, queueDepth));
    }

    AioRig(KernelConfig config, long memoryBytes, int cpus, Device device) {
        this.device = device;
        this.fixed = device instanceof FixedLatencyDevice f ? f : null;
        Probe probe = new Probe() {
            @Override
            public void fault(Fault fault) {
                faults.add(fault);
            }
        };
        this.k = Kernel.builder().cpus(cpus).memoryBytes(memoryBytes).device(device).config(config).probe(probe)
                .flusher(false).seed(1).build();
    }

    File open(String name, long size, int flags) {
        return k.open(k.createFile(name, size), flags);
    }

    /** A 4 KiB AIO read of page {@code index} of {@code f}. */
    Iocb readPage(File f, long index) {
        return Iocb.pread(k.aioFile(f), index * Page.PAGE_SIZE, Page.PAGE_SIZE, index);
    }

    Submitter submitter(String name, int cpu, List<Iocb> iocbs) {
        Submitter s = new Submitter(iocbs);
        s.task = k.spawn(name, cpu, s);
        return s;
    }

    /** A task that sleeps {@code delayNs}, then does {@code pread(f, count, pos)}. */
    SyncReader syncReader(String name, int cpu, long delayNs, File f, long count, long pos) {
        SyncReader r = new SyncReader(delayNs, () -> k.syscalls().pread(f, count, pos));
        r.task = k.spawn(name, cpu, r);
        return r;
    }

    /** Runs until no event is left. */
    void run() {
        k.sim().run();
    }

    /** Pages of every file left PG_locked. */
    long lockedPages() {
        long n = 0;
        for (var inode : k.fs().inodes()) {
            for (long i = 0; i < (inode.size() + Page.PAGE_SIZE - 1) / Page.PAGE_SIZE; i++) {
                Page p = k.pageCache().findGetPage(inode.mapping(), i);
                if (p != null) {
                    if (p.locked()) {
                        n++;
                    }
                    p.release();
                }
            }
        }
        return n;
    }

    /**
     * io_setup, then io_submit of the iocbs (timed), then an optional resumable step, then
     * io_getevents until every submitted iocb's event is reaped; then exit.
     */
    final class Submitter implements TaskBody {
        final List<Iocb> iocbs;

        AioRig rig() {
            return AioRig.this;
        }

        Task task;
        AioContext ctx;
        List<Kiocb> kiocbs = List.of();
        long submitStartNs = -1;
        long submitReturnNs = -1;
        long submitted;
        /** Sleeps the task took inside io_submit. */
        long sleepsInSubmit;
        /** Events already in the ring when io_submit returned. */
        int eventsAtSubmitReturn;
        final List<IoEvent> events = new ArrayList<>();
        long doneNs = -1;
        /** Runs after io_submit returned, before reaping; resumable (return SCHEDULE to sleep). */
        LongSupplier then;
        long thenResult = Long.MIN_VALUE;
        /** Whether to reap an event per submitted iocb after {@link #then} (false after io_destroy). */
        boolean reap = true;
        private int phase;
        private dev.aiolab.kernel.aio.Aio.IoSubmit submit;
        private dev.aiolab.kernel.aio.Aio.IoGetevents get;

        Submitter(List<Iocb> iocbs) {
            this.iocbs = iocbs;
        }

        @Override
        public void run(Task cur) {
            for (;;) {
                switch (phase) {
                    case 0 -> {
                        ctx = k.aio().ioSetup(Math.max(iocbs.size(), 1) * 2);
                        submit = k.aio().ioSubmit(ctx, iocbs);
                        submitStartNs = k.sim().now();
                        phase = 1;
                    }
                    case 1 -> {
                        long r = submit.call();
                        if (r == Errno.SCHEDULE) {
                            sleepsInSubmit++;
                            return;
                        }
                        submitted = r;
                        kiocbs = submit.kiocbs();
                        submitReturnNs = k.sim().now();
                        eventsAtSubmitReturn = ctx.eventsAvailable();
                        phase = then != null ? 2 : 3;
                    }
                    case 2 -> {
                        long r = then.getAsLong();
                        if (r == Errno.SCHEDULE) {
                            return;
                        }
                        thenResult = r;
                        if (cur.state() == dev.aiolab.kernel.sched.TaskState.DEAD) {
                            // the kernel killed the task (an oops)
                            return;
                        }
                        phase = 3;
                    }
                    case 3 -> {
                        if (!reap || events.size() >= submitted) {
                            doneNs = k.sim().now();
                            cur.exit();
                            return;
                        }
                        if (get == null) {
                            int left = (int) submitted - events.size();
                            get = k.aio().ioGetevents(ctx, 1, left, -1);
                        }
                        long r = get.call();
                        if (r == Errno.SCHEDULE) {
                            return;
                        }
                        events.addAll(get.events());
                        get = null;
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }
    }

    /** A task that sleeps a while, then makes one resumable synchronous call and exits. */
    final class SyncReader implements TaskBody {
        final long delayNs;
        final LongSupplier call;
        Task task;
        long result = Long.MIN_VALUE;
        long startNs = -1;
        long doneNs = -1;
        private boolean slept;

        SyncReader(long delayNs, LongSupplier call) {
            this.delayNs = delayNs;
            this.call = call;
        }

        @Override
        public void run(Task cur) {
            if (!slept && delayNs > 0) {
                slept = true;
                cur.sleepFor(delayNs);
                return;
            }
            if (startNs < 0) {
                startNs = k.sim().now();
            }
            long r = call.getAsLong();
            if (r == Errno.SCHEDULE) {
                return;
            }
            result = r;
            doneNs = k.sim().now();
            cur.exit();
        }
    }
}
