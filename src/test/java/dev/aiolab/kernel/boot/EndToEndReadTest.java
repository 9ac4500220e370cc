package dev.aiolab.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.FixedLatencyDevice;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.fs.Inode;
import dev.aiolab.kernel.sched.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndToEndReadTest {
    private static final long LATENCY = 1_000_000;

    @Test
    void syncReaderReadsThroughPageCacheBlockLayerAndDevice() {
        FixedLatencyDevice dev = new FixedLatencyDevice(LATENCY, 1);
        Kernel k = Kernel.builder().device(dev).memoryBytes(16 << 20).flusher(false).build();
        Inode inode = k.createFile("f", 1 << 20);
        File f = k.open(inode, 0);
        List<Long> results = new ArrayList<>();
        long[] doneAt = new long[2];
        Task t = k.spawn("reader", 0, cur -> {
            for (;;) {
                long r = k.syscalls().read(f, 16384);
                if (r == Errno.SCHEDULE) {
                    return;
                }
                doneAt[results.size()] = k.sched().now();
                results.add(r);
                if (results.size() == 1) {
                    f.pos = 0;
                } else {
                    cur.exit();
                    return;
                }
            }
        });
        k.sim().runUntil(() -> results.size() == 2);

        assertThat(results).containsExactly(16384L, 16384L);
        // first read: a miss, readahead of the initial window (16 KiB asked -> 4 pages -> max/4 = 8 pages)
        assertThat(inode.mapping().nrpages()).isEqualTo(8);
        assertThat(dev.commands).hasSize(1);
        assertThat(dev.commands.get(0).nrSectors).isEqualTo(64);
        assertThat(doneAt[0]).isGreaterThanOrEqualTo(LATENCY);
        assertThat(t.sleeps()).isEqualTo(1);
        // the sync reader unplugged the queue in sync_page rather than waiting for the 3 ms timer
        assertThat(dev.commands.get(0).issueNs).isLessThan(100_000);
        // first read: page 0 missed, pages 1-3 came with the same request; second read: 4 hits
        assertThat(k.pageCache().misses()).isEqualTo(1);
        assertThat(k.pageCache().hits()).isEqualTo(7);
        assertThat(doneAt[1] - doneAt[0]).isLessThan(50_000);
        assertThat(f.pos).isEqualTo(16384);
    }
}
