package dev.aiolab.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.FixedLatencyDevice;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.fs.Inode;
import dev.aiolab.kernel.sched.TaskState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two synchronous readers of one page under I/O: the first sleeps in the lock_page that follows its
 * own ->readpage, the second in lock_page behind it. unlock_page wakes one exclusive waiter; the
 * first reader wakes inside lock_page, takes the lock and unlocks it again, and that unlock wakes the
 * second. If the woken reader skipped the lock because the page is now up to date, the exclusive
 * wakeup would die with it and the second reader would sleep forever.
 */
class SyncBatonTest {

    @Test
    void aReaderWokenInsideLockPageTakesAndReleasesTheLockSoTheNextWaiterWakes() {
        FixedLatencyDevice dev = new FixedLatencyDevice(1_000_000, 1);
        // readahead off (ra_pages = 0): the first reader adds the page itself, ->readpage, then waits in
        // the second lock_page; the second reader finds it locked and waits in the first
        Kernel k = Kernel.builder().device(dev).memoryBytes(16 << 20).flusher(false)
                .config(KernelConfig.aioWaitBit().with(KernelConfig.READAHEAD_MAX_KB, 0)).build();
        Inode inode = k.createFile("f", 1 << 20);
        List<String> done = new ArrayList<>();
        for (String name : List.of("first", "second")) {
            File f = k.open(inode, 0);
            k.spawn(name, 0, cur -> {
                long r = k.syscalls().pread(f, 4096, 0);
                if (r == Errno.SCHEDULE) {
                    return;
                }
                done.add(name + "=" + r);
                cur.exit();
            });
        }
        k.sim().run();

        assertThat(done).containsExactly("first=4096", "second=4096");
        assertThat(k.sched().tasks()).filteredOn(t -> t.name().equals("second"))
                .singleElement().satisfies(t -> {
                    assertThat(t.state()).isEqualTo(TaskState.DEAD);
                    assertThat(t.sleeps()).isEqualTo(1);
                });
        assertThat(k.hangReport()).isEmpty();
    }
}
