package dev.aiolab.kernel.block;

import static dev.aiolab.kernel.Errno.SCHEDULE;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.LongMap;
import dev.aiolab.kernel.block.device.Device;
import dev.aiolab.kernel.block.device.DiskCommand;
import dev.aiolab.kernel.sched.Context;
import dev.aiolab.kernel.sched.Cpu;
import dev.aiolab.kernel.sched.CpuWork;
import dev.aiolab.kernel.sched.IoContext;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.TaskState;
import dev.aiolab.kernel.sched.WaitQueueHead;
import dev.aiolab.sim.Event;
import java.util.ArrayDeque;

/**
 * {@code request_queue_t} of drivers/block/ll_rw_blk.c (2.6.12) in front of one {@link Device}:
 * bio merging into requests, plugging, the request free list of {@code nr_requests} with its wait
 * queues and congestion flags, an elevator, and dispatch to the device keeping at most
 * {@link Device#queueDepth()} commands outstanding. Completions run as interrupt work on CPU 0.
 *
 * <p>{@code get_request} keeps the 2.6.12 rules: the allocation that fills the list marks the
 * direction full and makes its task a batcher ({@code ioc_set_batching}); while full, only
 * batchers get requests (up to {@code BLK_BATCH_REQ} = 32 within {@code BLK_BATCH_TIME} = HZ/50 of
 * their batch starting), possibly past {@code nr_requests}. A task that gets none sleeps in
 * {@code get_request_wait} (exclusively on {@link #requestWait}) and is a batcher once woken.
 *
 * <p>Where the sleep happens: writeback and direct I/O check {@link #mayQueue} before making a
 * bio and sleep there. A read bio made by {@code ->readpage} (from readahead or the read path)
 * that finds no request goes onto its task's {@link IoContext#pendingBios}, and the read path
 * submits those before it goes on ({@link #submitPendingBios}), sleeping in
 * {@code get_request_wait} for each as needed: the task sleeps where the kernel's would, just
 * after readahead has made the rest of its window's pages rather than between them. A bio from
 * outside any task (a test driver) waits in arrival order for a freed request.
 */
public final class RequestQueue {
    /** Why the queue was unplugged. */
    public enum Unplug { THRESHOLD, TIMER, SYNC }

    private final Sched sched;
    private final Device device;
    private final Elevator elevator;
    private final int nrRequests;
    private final int congestionOn;
    private final int congestionOff;
    private final int unplugThresh;
    private final long unplugDelayNs;
    private final int maxSectors;
    private final long submitNs;
    private final long irqNs;
    private final int irqCpu;

    private final int[] count = new int[2];
    private final boolean[] congested = new boolean[2];
    /** {@code blk_queue_full(q, rw)}. */
    private final boolean[] full = new boolean[2];
    private final long jiffyNs;
    private final WaitQueueHead[] rlWait = new WaitQueueHead[2];
    private final WaitQueueHead[] congestionWqh = new WaitQueueHead[2];
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final ArrayDeque<Bio>[] backlog = new ArrayDeque[] {new ArrayDeque<>(), new ArrayDeque<>()};
    // sector to request for merge lookups (elv_rqhash by end sector, and by start for front merges)
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final LongMap<Request>[] byEnd = new LongMap[] {new LongMap<>(), new LongMap<>()};
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final LongMap<Request>[] byStart = new LongMap[] {new LongMap<>(), new LongMap<>()};

    private boolean plugged;
    private int inFlight;
    private long seq;
    /**
     * Completed requests, last freed first: the queue's request mempool ({@code q->rq.rq_pool}), to
     * which {@code blk_put_request} returns a request and from which {@code get_request} takes it.
     * A request keeps its command and its completion work, so in steady state the block layer
     * allocates nothing per I/O.
     */
    private Request freeRequests;
    private final Event unplugTimer = new Event() {
        @Override
        public void fire() {
            // models ll_rw_blk.c: blk_unplug_timeout -> kblockd -> blk_unplug_work
            unplug(Unplug.TIMER);
        }
    };

    private long bios;
    private long backMerges;
    private long frontMerges;
    private long requests;
    private long dispatched;
    private long completed;
    private final long[] unplugs = new long[Unplug.values().length];
    private long backlogged;
    private long requestWaits;
    /** ll_rw_blk.c BLK_BATCH_REQ ({@code q->nr_batching}). */
    public static final int BLK_BATCH_REQ = 32;
    /** ll_rw_blk.c BLK_BATCH_TIME, in jiffies at the configured HZ: HZ/50. */
    private final long batchTimeJiffies;

    public RequestQueue(Sched sched, Device device, KernelConfig config) {
        this.sched = sched;
        this.device = device;
        this.elevator = switch (config.get(KernelConfig.ELEVATOR)) {
            case NOOP -> new NoopElevator();
            case DEADLINE -> new DeadlineElevator(config.getLong(KernelConfig.DEADLINE_READ_EXPIRE_NS),
                    config.getLong(KernelConfig.DEADLINE_WRITE_EXPIRE_NS),
                    config.getInt(KernelConfig.DEADLINE_WRITES_STARVED),
                    config.getInt(KernelConfig.DEADLINE_FIFO_BATCH));
        };
        this.nrRequests = Math.max(1, config.getInt(KernelConfig.NR_REQUESTS));
        // models ll_rw_blk.c: blk_queue_congestion_threshold
        this.congestionOn = Math.min(nrRequests, nrRequests - nrRequests / 8 + 1);
        this.congestionOff = Math.max(1, nrRequests - nrRequests / 8 - nrRequests / 16 - 1);
        this.unplugThresh = config.getInt(KernelConfig.UNPLUG_THRESH);
        this.unplugDelayNs = config.getLong(KernelConfig.UNPLUG_DELAY_NS);
        this.maxSectors = config.getInt(KernelConfig.MAX_REQUEST_KB) * 2;
        this.submitNs = config.getLong(KernelConfig.BLOCK_SUBMIT_NS);
        this.irqNs = config.getLong(KernelConfig.IRQ_COMPLETION_NS);
        this.irqCpu = 0;
        int hz = config.getInt(KernelConfig.HZ);
        this.jiffyNs = 1_000_000_000L / hz;
        this.batchTimeJiffies = hz / 50;
        for (int rw = 0; rw < 2; rw++) {
            rlWait[rw] = sched.newQueue("rq.wait[" + (rw == 0 ? "READ" : "WRITE") + "]");
            congestionWqh[rw] = sched.newQueue("congestion_wqh[" + (rw == 0 ? "READ" : "WRITE") + "]");
        }
        device.attach(sched.sim(), sched.sim().random().stream("device." + device.name()), this::deviceCompleted);
    }

    public Device device() {
        return device;
    }

    public Elevator elevator() {
        return elevator;
    }

    private static int rw(boolean write) {
        return write ? 1 : 0;
    }

    // ---- submission ----

    // models ll_rw_blk.c: generic_make_request / __make_request
    /**
     * Queues {@code bio}: merges it into a queued request or allocates a new one. A read bio of a
     * task that gets no request is left on the task's pending bios (see the class comment).
     */
    public void genericMakeRequest(Bio bio) {
        long now = sched.now();
        sched.chargeCurrent(submitNs);
        bio.submitNs = now;
        bios++;
        Task cur = sched.current();
        if (!makeRequest(bio, cur, now)) {
            if (cur != null) {
                cur.ioContext.pendingBios.addLast(bio);
            } else {
                backlog[rw(bio.write)].addLast(bio);
            }
            backlogged++;
        }
    }

    /** Merges or gets a request for {@code bio}; false when {@code get_request} gives none. */
    private boolean makeRequest(Bio bio, Task cur, long now) {
        int d = rw(bio.write);
        boolean empty = elevator.isEmpty();
        if (empty) {
            blkPlugDevice();
        }
        // with nothing queued there is nothing to merge with
        if (empty || !merge(d, bio)) {
            if (!backlog[d].isEmpty() || !mayGetRequest(d, cur)) {
                return false;
            }
            addRequest(getRequest(bio, cur, now), now);
        }
        if (bio.sync) {
            unplug(Unplug.SYNC);
        }
        return true;
    }

    // models ll_rw_blk.c: get_request_wait, for the bios the current task left pending
    /**
     * Submits the current task's pending bios in order. When one gets no request the task sleeps
     * on {@link #requestWait} and this returns SCHEDULE; call again when woken: the task is then
     * a batcher ({@code ioc_set_batching}) and goes on.
     */
    public int submitPendingBios(Task cur) {
        IoContext ioc = cur.ioContext;
        while (!ioc.pendingBios.isEmpty()) {
            Bio bio = (Bio) ioc.pendingBios.peekFirst();
            WaitQueueHead wq = rlWait[rw(bio.write)];
            if (ioc.sleptForRequest) {
                // after io_schedule: a batcher now; finish_wait
                ioc.sleptForRequest = false;
                iocSetBatching(cur);
                if (cur.wait.isQueued()) {
                    cur.wait.queue().finishWait(cur.wait);
                }
            }
            long now = sched.now();
            if (!makeRequest(bio, cur, now)) {
                wq.prepareToWaitExclusive(cur.wait, TaskState.UNINTERRUPTIBLE);
                ioc.sleptForRequest = true;
                requestWaits++;
                // generic_unplug_device, then io_schedule
                unplug(Unplug.SYNC);
                return SCHEDULE;
            }
            ioc.pendingBios.pollFirst();
        }
        return 0;
    }

    // models ll_rw_blk.c: __make_request's elv_merge cases (back, then front)
    /** Merges {@code bio} into a queued request it continues or precedes; false when none fits. */
    private boolean merge(int d, Bio bio) {
        Request rq = byEnd[d].get(bio.sector);
        if (rq != null && rq.nrSectors + bio.nrSectors() <= maxSectors) {
            // back merge: the bio continues the request
            byEnd[d].remove(rq.endSector());
            rq.backMerge(bio);
            byEnd[d].put(rq.endSector(), rq);
            elevator.merged(rq, rq.sector);
            backMerges++;
            return true;
        }
        rq = byStart[d].get(bio.endSector());
        if (rq != null && rq.nrSectors + bio.nrSectors() <= maxSectors) {
            // front merge: the bio ends where the request starts
            long old = rq.sector;
            byStart[d].remove(old);
            rq.frontMerge(bio);
            byStart[d].put(rq.sector, rq);
            elevator.merged(rq, old);
            frontMerges++;
            return true;
        }
        return false;
    }

    // models ll_rw_blk.c: get_request's test (2.6.12): would it give {@code cur} a request now?
    private boolean mayGetRequest(int d, Task cur) {
        if (count[d] + 1 >= nrRequests && !full[d]) {
            // the list fills with this one: it will be granted, and its task becomes a batcher
            return true;
        }
        return !full[d] || iocBatching(cur);
    }

    // models ll_rw_blk.c: get_request (2.6.12, with ioc batching)
    private Request getRequest(Bio bio, Task cur, long now) {
        int d = rw(bio.write);
        if (count[d] + 1 >= nrRequests && !full[d]) {
            // the queue will fill after this allocation: mark it full and this task a batcher
            iocSetBatching(cur);
            full[d] = true;
        }
        count[d]++;
        if (count[d] >= congestionOn) {
            congested[d] = true;
        }
        if (iocBatching(cur)) {
            cur.ioContext.nrBatchRequests--;
        }
        requests++;
        Request rq = freeRequests;
        if (rq == null) {
            rq = new Request(seq++, bio, now);
            rq.command = new DiskCommand(rq.write, rq.sector, rq.nrSectors, rq);
            rq.completion = new CompletionIrq(rq);
            return rq;
        }
        freeRequests = rq.nextFree;
        rq.nextFree = null;
        rq.init(seq++, bio, now);
        return rq;
    }

    private long jiffies() {
        return sched.now() / jiffyNs;
    }

    // models ll_rw_blk.c: ioc_batching
    private boolean iocBatching(Task cur) {
        if (cur == null) {
            return false;
        }
        IoContext ioc = cur.ioContext;
        // at least one request even if the batch timed out, so that no wakeup is lost
        return ioc.nrBatchRequests == BLK_BATCH_REQ
                || (ioc.nrBatchRequests > 0 && jiffies() < ioc.lastWaited + batchTimeJiffies);
    }

    // models ll_rw_blk.c: ioc_set_batching
    /** Makes {@code cur} a batcher: what a task woken in {@code get_request_wait} becomes. */
    public void iocSetBatching(Task cur) {
        if (cur == null || iocBatching(cur)) {
            return;
        }
        cur.ioContext.nrBatchRequests = BLK_BATCH_REQ;
        cur.ioContext.lastWaited = jiffies();
    }

    // models ll_rw_blk.c: add_request / __elv_add_request
    private void addRequest(Request rq, long now) {
        int d = rw(rq.write);
        rq.queued = true;
        byEnd[d].putIfAbsent(rq.endSector(), rq);
        byStart[d].putIfAbsent(rq.sector, rq);
        elevator.add(rq, now);
        if (plugged) {
            int nrq = count[0] + count[1] - inFlight;
            if (nrq >= unplugThresh) {
                unplug(Unplug.THRESHOLD);
            }
        } else {
            requestFn();
        }
    }

    // ---- plugging ----

    // models ll_rw_blk.c: blk_plug_device
    private void blkPlugDevice() {
        if (!plugged) {
            plugged = true;
            sched.sim().cancel(unplugTimer);
            sched.sim().scheduleAt(unplugTimer, sched.now() + unplugDelayNs);
        }
    }

    // models ll_rw_blk.c: __generic_unplug_device
    /** Removes the plug (if plugged) and runs the queue. */
    public void unplug(Unplug why) {
        if (!plugged) {
            return;
        }
        plugged = false;
        sched.sim().cancel(unplugTimer);
        unplugs[why.ordinal()]++;
        requestFn();
    }

    // models ll_rw_blk.c: blk_backing_dev_unplug (via blk_run_address_space / sync_page)
    /** The unplug a synchronous waiter does before sleeping ({@code sync_page}). */
    public void unplugSync() {
        unplug(Unplug.SYNC);
    }

    public boolean isPlugged() {
        return plugged;
    }

    // ---- dispatch and completion ----

    /** The driver's {@code request_fn}: dispatch while the device has room. */
    private void requestFn() {
        long now = sched.now();
        while (inFlight < device.queueDepth()) {
            Request rq = elevator.dispatch(now);
            if (rq == null) {
                return;
            }
            int d = rw(rq.write);
            rq.queued = false;
            byEnd[d].remove(rq.endSector(), rq);
            byStart[d].remove(rq.sector, rq);
            rq.dispatchNs = now;
            inFlight++;
            dispatched++;
            DiskCommand cmd = rq.command.reuse(rq.write, rq.sector, rq.nrSectors);
            cmd.issueNs = now;
            device.submit(cmd, now);
        }
    }

    private void deviceCompleted(DiskCommand cmd) {
        sched.cpu(irqCpu).raiseIrq(((Request) cmd.tag).completion);
    }

    /** Interrupt work: {@code end_that_request_first} / {@code end_that_request_last} for one request. */
    private final class CompletionIrq implements CpuWork {
        private final Request rq;

        CompletionIrq(Request rq) {
            this.rq = rq;
        }

        @Override
        public void runOn(Cpu cpu) {
            cpu.charge(irqNs, Context.IRQ);
            inFlight--;
            completed++;
            for (Bio b = rq.bio; b != null; ) {
                Bio next = b.next;
                b.next = null;
                b.endIo.bioEndIo(b, 0);
                b = next;
            }
            // models ll_rw_blk.c: blk_put_request -> freed_request
            rq.bio = null;
            rq.biotail = null;
            rq.nextFree = freeRequests;
            freeRequests = rq;
            freedRequest(rw(rq.write));
            requestFn();
        }
    }

    // models ll_rw_blk.c: freed_request
    private void freedRequest(int d) {
        count[d]--;
        if (count[d] < congestionOff && congested[d]) {
            // models ll_rw_blk.c: clear_queue_congested
            congested[d] = false;
            if (congestionWqh[d].waitqueueActive()) {
                congestionWqh[d].wakeUp();
            }
        }
        // bios made outside any task that found no free request get it first, in arrival order
        while (!backlog[d].isEmpty() && count[d] < nrRequests) {
            Bio b = backlog[d].pollFirst();
            long now = sched.now();
            addRequest(getRequest(b, null, now), now);
        }
        if (count[d] + 1 <= nrRequests) {
            if (rlWait[d].waitqueueActive()) {
                rlWait[d].wakeUp();
            }
            // models ll_rw_blk.c: blk_clear_queue_full
            full[d] = false;
        }
    }

    // ---- what callers look at ----

    /** Whether {@code get_request} would give the current task a request of this direction now. */
    public boolean mayQueue(boolean write) {
        return backlog[rw(write)].isEmpty() && mayGetRequest(rw(write), sched.current());
    }

    /** {@code blk_queue_full(q, rw)}. */
    public boolean full(boolean write) {
        return full[rw(write)];
    }

    /** Times a task slept in {@code get_request_wait} for a pending read bio. */
    public long requestWaits() {
        return requestWaits;
    }

    /** {@code rl->wait[rw]}: where {@code get_request_wait} sleeps (exclusive). */
    public WaitQueueHead requestWait(boolean write) {
        return rlWait[rw(write)];
    }

    /** {@code congestion_wqh[rw]}: where {@code blk_congestion_wait} sleeps. */
    public WaitQueueHead congestionWait(boolean write) {
        return congestionWqh[rw(write)];
    }

    /** {@code bdi_read_congested} / {@code bdi_write_congested}: 7/8 of the free list in use. */
    public boolean congested(boolean write) {
        return congested[rw(write)];
    }

    public int nrRequests() {
        return nrRequests;
    }

    /** Requests allocated (queued or in flight) in a direction. */
    public int allocated(boolean write) {
        return count[rw(write)];
    }

    /** Requests dispatched to the device and not yet completed. */
    public int inFlight() {
        return inFlight;
    }

    /** Requests waiting in the elevator. */
    public int queued() {
        return elevator.size();
    }

    public long biosSubmitted() {
        return bios;
    }

    public long backMerges() {
        return backMerges;
    }

    public long frontMerges() {
        return frontMerges;
    }

    public long requestsAllocated() {
        return requests;
    }

    public long requestsDispatched() {
        return dispatched;
    }

    public long requestsCompleted() {
        return completed;
    }

    public long unplugs(Unplug why) {
        return unplugs[why.ordinal()];
    }

    /** Bios that had to wait for a freed request. */
    public long backlogged() {
        return backlogged;
    }
}
