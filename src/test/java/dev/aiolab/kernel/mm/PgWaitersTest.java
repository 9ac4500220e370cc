package dev.aiolab.kernel.mm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.FixedLatencyDevice;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.boot.Kernel;
import dev.aiolab.kernel.fs.Inode;
import org.junit.jupiter.api.Test;

class PgWaitersTest {
    private static Kernel kernel(boolean pgWaiters) {
        return Kernel.builder().device(new FixedLatencyDevice(1000, 1)).memoryBytes(16 << 20).flusher(false)
                .config(KernelConfig.aioWaitBit().with(KernelConfig.PG_WAITERS, pgWaiters)).build();
    }

    @Test
    void withPgWaitersUnlockOfAPageWithoutWaitersMakesNoWakeCall() {
        for (boolean on : new boolean[] {false, true}) {
            Kernel k = kernel(on);
            Inode inode = k.createFile("f", 1 << 20);
            Page waited = k.pageCache().addNewPage(inode.mapping(), 0);
            // another page on the same bucket keeps the bucket non-empty
            Page other = null;
            for (long i = 1; other == null; i++) {
                Page p = k.pageCache().addNewPage(inode.mapping(), i);
                if (k.pageWaits().pageWaitqueue(p) == k.pageWaits().pageWaitqueue(waited)) {
                    other = p;
                }
            }
            boolean[] got = {false};
            k.spawn("waiter", 0, t -> {
                if (k.pageWaits().lockPage(waited, t.wait) != Errno.SCHEDULE) {
                    got[0] = true;
                    t.exit();
                }
            });
            k.sim().runUntil(1_000_000);
            assertThat(waited.testBit(Page.PG_waiters)).isEqualTo(on);
            long before = k.pageWaits().pageWaitqueue(waited).wakeCalls();
            k.pageWaits().unlockPage(other);
            long after = k.pageWaits().pageWaitqueue(waited).wakeCalls();
            assertThat(after - before).as("wake calls for a page without waiters, pg_waiters=%s", on)
                    .isEqualTo(on ? 0 : 1);
            k.pageWaits().unlockPage(waited);
            k.sim().runUntil(2_000_000);
            assertThat(got[0]).isTrue();
            assertThat(waited.testBit(Page.PG_waiters)).isFalse();
        }
    }
}
