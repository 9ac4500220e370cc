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
        boolean submitted;
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
     * -EIOCBQUEUED for an async dio once its bios are submitted, SCHEDULE while a synchronous
     * caller must sleep (call again when woken).
     */
    public long blockdevDirectIO(Dio dio) {
        if (!dio.submitted) {
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
            dio.submitted = true;
            submitted++;
            submitBios(dio, count);
            if (dio.write && dio.pos + count > isize) {
                dio.inode.mapping().setISize(dio.pos + count);
            }
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

    private void submitBios(Dio dio, long count) {
        long pos = dio.pos;
        long end = dio.pos + count;
        while (pos < end) {
            long block = pos / BlockAllocator.BLOCK_SIZE;
            long inBlock = pos % BlockAllocator.BLOCK_SIZE;
            long sector = dio.inode.bmap(block) + inBlock / DiskCommand.SECTOR_SIZE;
            long contiguous = dio.inode.contiguousBlocks(block) * BlockAllocator.BLOCK_SIZE - inBlock;
            long len = Math.min(Math.min(end - pos, contiguous), maxBioBytes);
            Bio bio = new Bio(dio.write, sector, (int) len, new Object[0], this::dioBioEndIo);
            bio.privateData = dio;
            dio.remaining++;
            queue.genericMakeRequest(bio);
            pos += len;
        }
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
