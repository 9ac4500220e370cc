package dev.aiolab.kernel.block;

// models drivers/block/deadline-iosched.c (2.6.12)
/**
 * The deadline elevator: per direction a sector-sorted list and a FIFO by expiry. Dispatch runs
 * batches of up to {@code fifo_batch} requests in ascending sector order (a one-way elevator),
 * prefers reads but lets writes go after {@code writes_starved} read batches, and starts a batch at
 * the FIFO head when that request has expired.
 */
public final class DeadlineElevator implements Elevator {
    private static final int READ = 0;
    private static final int WRITE = 1;
    /** {@code dd->sort_list[dir]}. */
    private final SectorSortList[] sortList = {new SectorSortList(), new SectorSortList()};
    /**
     * {@code dd->fifo_list[dir]}: requests in arrival order, an intrusive doubly-linked list through
     * {@link Request#fifoPrev}/{@link Request#fifoNext} like the kernel's {@code list_head}, so that
     * removal at dispatch needs no hashing.
     */
    private final Request[] fifoHead = new Request[2];
    private final Request[] fifoTail = new Request[2];
    private final int[] fifoCount = new int[2];
    private final long[] fifoExpire;
    private final int writesStarved;
    private final int fifoBatch;
    /** {@code dd->next_drq[dir]}: the request after the last dispatched one in sector order. */
    private final Request[] nextDrq = new Request[2];
    private long lastSector;
    private int batching;
    private int starved;

    public DeadlineElevator(long readExpireNs, long writeExpireNs, int writesStarved, int fifoBatch) {
        this.fifoExpire = new long[] {readExpireNs, writeExpireNs};
        this.writesStarved = writesStarved;
        this.fifoBatch = fifoBatch;
    }

    private static int dir(Request rq) {
        return rq.write ? WRITE : READ;
    }

    // models deadline-iosched.c: deadline_add_request
    @Override
    public void add(Request rq, long now) {
        int d = dir(rq);
        sortList[d].add(rq);
        rq.expires = now + fifoExpire[d];
        fifoAdd(d, rq);
    }

    private void fifoAdd(int d, Request rq) {
        Request tail = fifoTail[d];
        rq.fifoPrev = tail;
        rq.fifoNext = null;
        if (tail == null) {
            fifoHead[d] = rq;
        } else {
            tail.fifoNext = rq;
        }
        fifoTail[d] = rq;
        fifoCount[d]++;
    }

    private void fifoRemove(int d, Request rq) {
        Request prev = rq.fifoPrev;
        Request next = rq.fifoNext;
        if (prev == null) {
            fifoHead[d] = next;
        } else {
            prev.fifoNext = next;
        }
        if (next == null) {
            fifoTail[d] = prev;
        } else {
            next.fifoPrev = prev;
        }
        rq.fifoPrev = null;
        rq.fifoNext = null;
        fifoCount[d]--;
    }

    // models deadline-iosched.c: deadline_merged_request (re-sort after a front merge)
    @Override
    public void merged(Request rq, long oldSector) {
        if (rq.sector != oldSector) {
            int d = dir(rq);
            long s = rq.sector;
            rq.sector = oldSector;
            sortList[d].remove(rq);
            rq.sector = s;
            sortList[d].add(rq);
        }
    }

    // models deadline-iosched.c: deadline_check_fifo
    /** True when the request at the head of the {@code d} FIFO has expired. */
    private boolean checkFifo(int d, long now) {
        Request head = fifoHead[d];
        return head != null && now >= head.expires;
    }

    // models deadline-iosched.c: deadline_dispatch_requests
    @Override
    public Request dispatch(long now) {
        boolean reads = fifoHead[READ] != null;
        boolean writes = fifoHead[WRITE] != null;
        Request drq = null;
        int dataDir;
        if (nextDrq[WRITE] != null) {
            drq = nextDrq[WRITE];
        }
        if (nextDrq[READ] != null) {
            drq = nextDrq[READ];
        }
        if (drq != null) {
            // we have a "next request": continue the batch if it is contiguous and not too long
            if (lastSector != drq.sector) {
                batching = 0;
            } else if (batching < fifoBatch) {
                return moveRequest(drq);
            }
        }
        // not running a batch: choose a direction, reads first unless writes starved
        if (reads) {
            if (writes && starved++ >= writesStarved) {
                starved = 0;
                dataDir = WRITE;
            } else {
                dataDir = READ;
            }
        } else if (writes) {
            starved = 0;
            dataDir = WRITE;
        } else {
            return null;
        }
        if (checkFifo(dataDir, now)) {
            // an expired request exists: satisfy it
            batching = 0;
            drq = fifoHead[dataDir];
        } else if (nextDrq[dataDir] != null) {
            drq = nextDrq[dataDir];
        } else {
            // one-way elevator: go back to the lowest sector and start a new batch
            batching = 0;
            drq = sortList[dataDir].first();
        }
        return moveRequest(drq);
    }

    // models deadline-iosched.c: deadline_move_request
    private Request moveRequest(Request drq) {
        int d = dir(drq);
        batching++;
        nextDrq[READ] = null;
        nextDrq[WRITE] = null;
        nextDrq[d] = sortList[d].higher(drq);
        lastSector = drq.endSector();
        sortList[d].remove(drq);
        fifoRemove(d, drq);
        return drq;
    }

    @Override
    public int size() {
        return fifoCount[READ] + fifoCount[WRITE];
    }

    @Override
    public String name() {
        return "deadline";
    }
}
