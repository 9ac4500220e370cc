package dev.aiolab.kernel.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.FixedLatencyDevice;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.block.RequestQueue;
import dev.aiolab.kernel.boot.Kernel;
import dev.aiolab.kernel.sched.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectIoQueueFullTest {
    @Test
    void asyncDirectIoSubmitterBatchesPastNrRequestsThenSleepsInGetRequestWait() {
        // the submission that fills the 4 slots makes the submitter a batcher of 32 requests; the
        // 36th waits in get_request_wait, on the io_submit caller
        FixedLatencyDevice dev = new FixedLatencyDevice(1_000_000, 2);
        Kernel k = Kernel.builder().device(dev).memoryBytes(16 << 20).flusher(false)
                .config(KernelConfig.aioWaitBit().with(KernelConfig.NR_REQUESTS, 4)).build();
        Inode inode = k.createFile("f", 64L << 20);
        List<Long> completions = new ArrayList<>();
        int n = 40;
        int[] maxAllocated = {0};
        int[] submitted = {0};
        DirectIo.Dio[] cur = {null};
        Task t = k.spawn("io_submit", 0, task -> {
            while (submitted[0] < n) {
                if (cur[0] == null) {
                    // scattered 4 KiB reads: no merging
                    cur[0] = new DirectIo.Dio(inode, false, submitted[0] * 1_000_000L * 4096 % (60L << 20) / 4096 * 4096,
                            4096, (d, res) -> completions.add(res));
                }
                long r = k.directIo().blockdevDirectIO(cur[0]);
                if (r == Errno.SCHEDULE) {
                    return;
                }
                assertThat(r).isEqualTo(-Errno.EIOCBQUEUED);
                maxAllocated[0] = Math.max(maxAllocated[0], k.queue().allocated(false));
                cur[0] = null;
                submitted[0]++;
            }
            task.exit();
        });
        k.sim().runUntil(() -> completions.size() == n);
        assertThat(completions).containsOnly(4096L);
        assertThat(t.sleeps()).as("the submitter slept for free requests").isPositive();
        assertThat(maxAllocated[0]).isEqualTo(3 + RequestQueue.BLK_BATCH_REQ);
        assertThat(k.queue().backlogged()).isZero();
    }
}
