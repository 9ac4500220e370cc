package dev.aiolab.kernel.fs;

import static dev.aiolab.kernel.Errno.EINVAL;
import static dev.aiolab.kernel.Errno.EIOCBQUEUED;
import static dev.aiolab.kernel.Errno.SCHEDULE;

import dev.aiolab.kernel.block.Bio;
import dev.aiolab.kernel.block.RequestQueue;
import dev.aiolab.kernel.block.device.DiskCommand;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.TaskState;

/**
 * fs/direct-io.c: O_DIRECT reads and writes that bypass the page cache entirely and submit bios for
 * the file's blocks. A synchronous caller ({@code is_sync_kiocb}) sleeps until its bios complete
 * ({@code dio_await_completion}); an asynchronous one gets {@code -EIOCBQUEUED} and its
 * {@link Completion} is called from the last bio's completion, in interrupt context.
 *
 * <p>A submitter that finds no free request sleeps in {@code get_request_wait} and the call
 * returns SCHEDULE, also for an async dio (the kernel blocks the io_submit caller there).
 *
 * <p>Not modelled: 2.6.12 writes out and invalidates cached pages of the range before a direct
 * I/O; here the page cache is never looked at. The queue is unplugged after submission in both
 * cases ({@code blk_run_address_space}), so an isolated async I/O does not wait for the unplug timer.
 */
public final class DirectIo {
    /** {@code aio_complete} for an async direct I/O: bytes transferred or -errno. */
    @FunctionalInterface
    public interface Completion {
        void complete(Dio dio, long result);
    }

    /** {@code struct dio}: one direct I/O in progress. */
    public static final class Dio {
        public final Inode inode;
        public final boolean write;
        public final long pos;
        public final long count;
        /** Null for a synchronous caller. */
        public final Completion completion;
        long bytes;
        int remaining;
        int error;
        boolean started;
        boolean submitted;
        long nextPos;
        long end;
        Task waiter;

        public Dio(Inode inode, boolean write, long pos, long count, Completion completion) {
            this.inode = inode;
            this.write = write;
            this.pos = pos;
            this.count = count;
            this.completion = completion;
        }

        /** Bios not yet completed. */
        public int remaining() {
            return remaining;
        }

        public long bytes() {
            return bytes;
        }
    }

    private final Sched sched;
    private final RequestQueue queue;
    private final int maxBioBytes;
    private long submitted;

    public DirectIo(Sched sched, RequestQueue queue, int maxBioKb) {
        this.sched = sched;
        this.queue = queue;
        this.maxBioBytes = Math.max(BlockAllocator.BLOCK_SIZE, maxBioKb * 1024);
    }

    /** Direct I/Os submitted. */
    public long submitted() {
        return submitted;
    }

    // models fs/direct-io.c: __blockdev_direct_IO / direct_io_worker
    /**
     * Starts (first call) or continues a direct I/O. Returns bytes or -errno when done,
     * -EIOCBQUEUED for an async dio once its bios are submitted, SCHEDULE while the current task
     * must sleep: for a free request (sync or async), or for the bios (sync); call again when woken.
     */
    public long blockdevDirectIO(Dio dio) {
        if (!dio.started) {
            if (dio.pos % DiskCommand.SECTOR_SIZE != 0 || dio.count % DiskCommand.SECTOR_SIZE != 0) {
                return -EINVAL;
            }
            long count = dio.count;
            long isize = dio.inode.size();
            if (!dio.write) {
                if (dio.pos >= isize) {
                    return 0;
                }
                count = Math.min(count, roundUpSector(isize) - dio.pos);
            }
            if (count == 0) {
                return 0;
            }
            dio.started = true;
            dio.nextPos = dio.pos;
            dio.end = dio.pos + count;
            submitted++;
            if (dio.write && dio.end > isize) {
                dio.inode.mapping().setISize(dio.end);
            }
        }
        if (!dio.submitted) {
            if (submitBios(dio) == SCHEDULE) {
                return SCHEDULE;
            }
            dio.submitted = true;
            queue.unplugSync();
            if (dio.completion != null) {
                return -EIOCBQUEUED;
            }
        }
        if (dio.remaining > 0) {
            // models fs/direct-io.c: dio_await_one
            Task cur = sched.current();
            dio.waiter = cur;
            cur.setState(TaskState.UNINTERRUPTIBLE);
            return SCHEDULE;
        }
        dio.waiter = null;
        return dio.error != 0 ? dio.error : dio.bytes;
    }

    private static long roundUpSector(long x) {
        return (x + DiskCommand.SECTOR_SIZE - 1) / DiskCommand.SECTOR_SIZE * DiskCommand.SECTOR_SIZE;
    }

    // models fs/direct-io.c: do_direct_IO / dio_bio_submit
    /**
     * Submits the bios from {@code dio.nextPos} on. When no request is free the submitting task
     * sleeps in {@code get_request_wait} (for an async dio too: it is the io_submit caller) and the
     * call returns SCHEDULE; the next call continues from where it stopped.
     */
    private int submitBios(Dio dio) {
        Task cur = sched.current();
        if (cur != null && cur.wait.isQueued()) {
            cur.wait.queue().finishWait(cur.wait);
        }
        if (cur != null && cur.ioContext.sleptForRequest) {
            // woken in get_request_wait: a batcher now
            cur.ioContext.sleptForRequest = false;
            queue.iocSetBatching(cur);
        }
        while (dio.nextPos < dio.end) {
            if (cur != null && !queue.mayQueue(dio.write)) {
                // models ll_rw_blk.c: get_request_wait
                queue.requestWait(dio.write).prepareToWaitExclusive(cur.wait, TaskState.UNINTERRUPTIBLE);
                cur.ioContext.sleptForRequest = true;
                queue.unplugSync();
                return SCHEDULE;
            }
            long pos = dio.nextPos;
            long block = pos / BlockAllocator.BLOCK_SIZE;
            long inBlock = pos % BlockAllocator.BLOCK_SIZE;
            long sector = dio.inode.bmap(block) + inBlock / DiskCommand.SECTOR_SIZE;
            long contiguous = dio.inode.contiguousBlocks(block) * BlockAllocator.BLOCK_SIZE - inBlock;
            long len = Math.min(Math.min(dio.end - pos, contiguous), maxBioBytes);
            Bio bio = new Bio(dio.write, sector, (int) len, new Object[0], this::dioBioEndIo);
            bio.privateData = dio;
            dio.remaining++;
            dio.nextPos = pos + len;
            queue.genericMakeRequest(bio);
        }
        return 0;
    }

    // models fs/direct-io.c: dio_bio_end_io / dio_bio_end_aio
    private void dioBioEndIo(Bio bio, int error) {
        Dio dio = (Dio) bio.privateData;
        if (error != 0) {
            dio.error = error;
        } else {
            dio.bytes += bio.size;
        }
        dio.remaining--;
        if (dio.completion != null) {
            if (dio.remaining == 0) {
                dio.completion.complete(dio, dio.error != 0 ? dio.error : Math.min(dio.bytes, dio.count));
            }
        } else if (dio.waiter != null) {
            sched.tryToWakeUp(dio.waiter);
        }
    }
}
