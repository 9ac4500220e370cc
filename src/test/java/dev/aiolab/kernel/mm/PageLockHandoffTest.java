package dev.aiolab.kernel.mm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.FixedLatencyDevice;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.boot.Kernel;
import dev.aiolab.kernel.fs.Inode;
import org.junit.jupiter.api.Test;

class PageLockHandoffTest {
    /** A waiter sleeps on a locked page; a stealer unlocks and re-locks it before the waiter runs. */
    private static int steals(boolean handoff, boolean[] waiterGotIt) {
        Kernel k = Kernel.builder().device(new FixedLatencyDevice(1000, 1)).memoryBytes(16 << 20).flusher(false)
                .config(KernelConfig.aioWaitBit().with(KernelConfig.PAGE_LOCK_HANDOFF, handoff)).build();
        Inode inode = k.createFile("f", 1 << 20);
        Page page = k.pageCache().addNewPage(inode.mapping(), 0);
        PageWaits waits = k.pageWaits();
        k.spawn("waiter", 0, t -> {
            if (waits.lockPage(page, t.wait) != Errno.SCHEDULE) {
                waiterGotIt[0] = true;
                t.exit();
            }
        });
        k.sim().runUntil(1_000_000);
        int steals = 0;
        for (int i = 0; i < 20 && !waiterGotIt[0]; i++) {
            waits.unlockPage(page);
            if (!waits.trylockPage(page)) {
                break;
            }
            steals++;
            k.sim().runUntil(k.sim().now() + 1_000_000);
        }
        k.sim().runUntil(k.sim().now() + 1_000_000);
        return steals;
    }

    @Test
    void withHandoffTheWakerTakesTheLockForAWaiterAfterFiveSteals() {
        boolean[] got = {false};
        // the waiter queues with unfairness 4, 3, 2, 1, 0 after each steal, then -1: WQ_FLAG_CUSTOM
        assertThat(steals(true, got)).isEqualTo(PageWaits.PAGE_LOCK_UNFAIRNESS);
        assertThat(got[0]).isTrue();
    }

    @Test
    void withoutHandoffTheLockCanBeStolenForever() {
        boolean[] got = {false};
        assertThat(steals(false, got)).isEqualTo(20);
        assertThat(got[0]).isFalse();
    }
}
