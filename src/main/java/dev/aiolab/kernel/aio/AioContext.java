package dev.aiolab.kernel.aio;

import dev.aiolab.kernel.sched.WaitQueueHead;
import dev.aiolab.sim.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code struct kioctx}: the completion ring, the run list of kicked iocbs, the active requests,
 * and the wait queue {@code io_getevents} sleeps on.
 */
public final class AioContext {
    /** include/linux/aio.h sizeof(struct aio_ring) and sizeof(struct io_event). */
    static final int AIO_RING_HEADER = 32;
    static final int IO_EVENT_SIZE = 32;
    static final int PAGE_SIZE = 4096;

    final Aio aio;
    public final int id;
    /** {@code ring_info.nr}: events the ring holds. */
    final int nr;
    private final IoEvent[] ring;
    private int head;
    private int tail;
    final ArrayDeque<Kiocb> runList = new ArrayDeque<>();
    /** {@code ctx->active_reqs}: submitted and not completed, in submission order, linked through {@code ki_list}. */
    private Kiocb activeHead;
    private Kiocb activeTail;
    int reqsActive;
    boolean dead;
    /** {@code ctx->wait}: io_getevents and io_destroy sleep here. */
    public final WaitQueueHead wait;
    long nextKey;

    /** {@code ctx->wq}: the work item; pending while queued or its timer runs. */
    boolean workPending;
    int workCpu;
    final Event workTimer;

    AioContext(Aio aio, int id, int nrEvents) {
        this.aio = aio;
        this.id = id;
        this.nr = ringEntries(nrEvents);
        this.ring = new IoEvent[nr];
        this.wait = aio.sched.newQueue("ctx" + id + "->wait");
        this.workTimer = new Event() {
            @Override
            public void fire() {
                aio.workqueue.timerFired(AioContext.this);
            }
        };
    }

    // models fs/aio.c: aio_setup_ring (the size computation)
    /** nr_events + 2, rounded up to whole pages of ring, as 2.6.12 sizes it. */
    static int ringEntries(int nrEvents) {
        long n = (long) nrEvents + 2;
        long size = AIO_RING_HEADER + IO_EVENT_SIZE * n;
        long pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
        return (int) ((PAGE_SIZE * pages - AIO_RING_HEADER) / IO_EVENT_SIZE);
    }

    /** Events the ring can hold. */
    public int ringSize() {
        return nr;
    }

    /** Requests submitted and not yet completed ({@code reqs_active}). */
    public int reqsActive() {
        return reqsActive;
    }

    /** The active requests (for hang reports). */
    public List<Kiocb> activeRequests() {
        List<Kiocb> l = new ArrayList<>(reqsActive);
        for (Kiocb k = activeHead; k != null; k = k.kiListNext) {
            l.add(k);
        }
        return l;
    }

    /** {@code list_add(&req->ki_list, &ctx->active_reqs)} (at the tail, keeping submission order). */
    void addActive(Kiocb k) {
        k.kiListPrev = activeTail;
        k.kiListNext = null;
        if (activeTail == null) {
            activeHead = k;
        } else {
            activeTail.kiListNext = k;
        }
        activeTail = k;
        k.onActiveList = true;
    }

    /** {@code list_del(&req->ki_list)}. */
    void delActive(Kiocb k) {
        if (!k.onActiveList) {
            return;
        }
        if (k.kiListPrev == null) {
            activeHead = k.kiListNext;
        } else {
            k.kiListPrev.kiListNext = k.kiListNext;
        }
        if (k.kiListNext == null) {
            activeTail = k.kiListPrev;
        } else {
            k.kiListNext.kiListPrev = k.kiListPrev;
        }
        k.kiListPrev = null;
        k.kiListNext = null;
        k.onActiveList = false;
    }

    /** Completion events waiting to be reaped. */
    public int eventsAvailable() {
        return (tail - head + nr) % nr;
    }

    /** Iocbs on the run list. */
    public int runListLength() {
        return runList.size();
    }

    // models fs/aio.c: aio_ring_avail
    int ringAvail() {
        return head <= tail ? nr - 1 - (tail - head) : head - tail - 1;
    }

    boolean ringPut(IoEvent e) {
        if ((tail + 1) % nr == head) {
            return false;
        }
        ring[tail] = e;
        tail = (tail + 1) % nr;
        return true;
    }

    // models fs/aio.c: aio_read_evt
    IoEvent readEvt() {
        if (head == tail) {
            return null;
        }
        IoEvent e = ring[head];
        ring[head] = null;
        head = (head + 1) % nr;
        return e;
    }

    public boolean isDead() {
        return dead;
    }

    @Override
    public String toString() {
        return "ctx" + id;
    }
}
