package dev.aiolab.kernel.block;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.FixedLatencyDevice;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.boot.Kernel;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.fs.Inode;
import dev.aiolab.kernel.sched.Task;
import org.junit.jupiter.api.Test;

class RequestWaitTest {
    @Test
    void aWriterThatFillsTheQueueBatchesPastNrRequestsThenSleepsInGetRequestWait() {
        // 2.6.12 get_request: the allocation that fills the 4 slots marks the queue full and makes
        // the writer a batcher, which may take BLK_BATCH_REQ = 32 requests (past nr_requests); the
        // 36th finds the batch spent and sleeps until the list drains below nr_requests
        FixedLatencyDevice dev = new FixedLatencyDevice(1_000_000, 1);
        Kernel k = Kernel.builder().device(dev).memoryBytes(64 << 20).flusher(false)
                .config(KernelConfig.aioWaitBit().with(KernelConfig.NR_REQUESTS, 4)).build();
        Inode inode = k.createFile("f", 0);
        File f = k.open(inode, 0);
        int[] step = {0};
        long[] result = {Long.MIN_VALUE};
        int[] maxAllocated = {0};
        Task t = k.spawn("w", 0, cur -> {
            // dirty every other page, so that no two writes merge: 64 requests through 4 slots
            while (step[0] < 64) {
                long r = k.syscalls().pwrite(f, 4096, step[0] * 2L * 4096);
                if (r == Errno.SCHEDULE) {
                    return;
                }
                step[0]++;
            }
            long r = k.syscalls().fsync(f);
            maxAllocated[0] = Math.max(maxAllocated[0], k.queue().allocated(true));
            if (r == Errno.SCHEDULE) {
                return;
            }
            result[0] = r;
            cur.exit();
        });
        k.sim().runUntil(() -> result[0] != Long.MIN_VALUE);
        assertThat(result[0]).isZero();
        assertThat(maxAllocated[0]).isEqualTo(3 + RequestQueue.BLK_BATCH_REQ);
        assertThat(k.queue().backlogged()).isZero();
        assertThat(dev.commands).hasSize(64);
        assertThat(t.sleeps()).isGreaterThanOrEqualTo(1);
        assertThat(k.pageCache().nrDirty() + k.pageCache().nrWriteback()).isZero();
    }
}
