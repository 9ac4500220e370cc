package dev.aiolab.kernel.sched;

import static dev.aiolab.kernel.Errno.EIOCBRETRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.KernelConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitBitTest {
    static final int PG_LOCKED = 0;

    private final SchedFixture f = new SchedFixture(1);

    /** Two words that hash to the same bucket of a 4-bucket table. */
    private static FlagsWord[] collidingWords(WaitTable table) {
        FlagsWord first = new FlagsWord(0x1000);
        for (long a = 0x1040; ; a += 0x40) {
            FlagsWord w = new FlagsWord(a);
            if (table.pageWaitqueue(w) == table.pageWaitqueue(first)) {
                return new FlagsWord[] {first, w};
            }
        }
    }

    @Test
    void aKeylessEntryOnASharedBucketIsWokenByEveryWakeOnThatBucket() {
        WaitTable table = new WaitTable(f.sched, KernelConfig.WaitTable.ZONE_2612, 1024);
        FlagsWord[] pages = collidingWords(table);
        WaitQueueHead bucket = table.pageWaitqueue(pages[0]);
        List<String> kicked = new ArrayList<>();
        // a 2.6.12 kiocb: plain entry, no task, wake function ignores the key
        WaitQueueEntry plain = new WaitQueueEntry(null, "iocb", (w, m, s, k) -> {
            w.queue().listDelInit(w);
            kicked.add("kick");
            return 1;
        });
        pages[0].setBit(PG_LOCKED);
        bucket.prepareToWaitExclusive(plain, TaskState.UNINTERRUPTIBLE);

        // the wake is for the other page on the same bucket
        pages[1].clearBit(PG_LOCKED);
        WaitBit.wakeUpBit(bucket, pages[1], PG_LOCKED, f.sched);

        assertThat(kicked).hasSize(1);
        assertThat(plain.isQueued()).isFalse();
    }

    @Test
    void aKeyedEntryIsSkippedUnlessItsPageAndBitMatchAndTheBitIsClear() {
        WaitTable table = new WaitTable(f.sched, KernelConfig.WaitTable.ZONE_2612, 1024);
        FlagsWord[] pages = collidingWords(table);
        WaitQueueHead bucket = table.pageWaitqueue(pages[0]);
        Task t = f.sleeper("reader");
        t.wait.initWaitBitKey(pages[0], PG_LOCKED);
        pages[0].setBit(PG_LOCKED);
        bucket.prepareToWaitExclusive(t.wait, TaskState.UNINTERRUPTIBLE);

        WaitBit.wakeUpBit(bucket, pages[1], PG_LOCKED, f.sched);          // other page
        assertThat(t.state()).isEqualTo(TaskState.UNINTERRUPTIBLE);
        WaitBit.wakeUpBit(bucket, pages[0], 3, f.sched);                  // other bit
        assertThat(t.state()).isEqualTo(TaskState.UNINTERRUPTIBLE);
        WaitBit.wakeUpBit(bucket, pages[0], PG_LOCKED, f.sched);          // bit still set
        assertThat(t.state()).isEqualTo(TaskState.UNINTERRUPTIBLE);
        assertThat(f.probe.wakeCalls).allSatisfy(c -> assertThat(c.filtered()).isEqualTo(1));

        pages[0].clearBit(PG_LOCKED);
        WaitBit.wakeUpBit(bucket, pages[0], PG_LOCKED, f.sched);
        assertThat(t.state()).isEqualTo(TaskState.RUNNABLE);
        assertThat(bucket.size()).isZero();
    }

    @Test
    void anAsyncWaitEntryStaysQueuedAfterEiocbretry() {
        WaitTable table = new WaitTable(f.sched, KernelConfig.WaitTable.ZONE_2612, 1024);
        FlagsWord page = new FlagsWord(0x2000);
        page.setBit(PG_LOCKED);
        WaitBitQueue kiocbWait = new WaitBitQueue(null, "iocb", (w, m, s, k) -> 0);
        WaitQueueHead wq = table.pageWaitqueue(page);

        int ret = WaitBit.waitOnBitLock(wq, kiocbWait, page, PG_LOCKED, (word, wait) -> WaitBit.ioWaitSchedule(wait),
                TaskState.UNINTERRUPTIBLE);

        assertThat(ret).isEqualTo(-EIOCBRETRY);
        assertThat(kiocbWait.isQueued()).isTrue();
        assertThat(kiocbWait.queue()).isSameAs(wq);
        assertThat(kiocbWait.isExclusive()).isTrue();
        assertThat(kiocbWait.bitKey.word).isSameAs(page);
    }

    @Test
    void aSyncWaitEntryIsRemovedOnceTheBitIsTaken() {
        FlagsWord page = new FlagsWord(0x2000);
        WaitQueueHead wq = f.sched.newQueue("wq");
        Task t = f.sched.createTask("t", Context.TASK, 0, cur -> { });
        int ret = WaitBit.waitOnBitLock(wq, t.wait, page, PG_LOCKED, (w, e) -> WaitBit.ioWaitSchedule(e),
                TaskState.UNINTERRUPTIBLE);
        assertThat(ret).isZero();
        assertThat(page.testBit(PG_LOCKED)).isTrue();
        assertThat(t.wait.isQueued()).isFalse();
        assertThat(t.state()).isEqualTo(TaskState.RUNNING);
    }

    /**
     * Five tasks each lock a page, hold it 10 us and unlock it. Every unlock must wake exactly one
     * exclusive waiter (nr_exclusive = 1), which then takes the lock; all five finish, one at a time.
     */
    @Test
    void waitOnBitLockHandsTheLockToExactlyOneExclusiveWaiterPerUnlock() {
        WaitTable table = new WaitTable(f.sched, KernelConfig.WaitTable.ZONE_2612, 1024);
        FlagsWord page = new FlagsWord(0x3000);
        WaitQueueHead wq = table.pageWaitqueue(page);
        List<String> order = new ArrayList<>();
        int[] holders = {0};
        int[] maxHolders = {0};
        for (int i = 0; i < 5; i++) {
            String name = "t" + i;
            boolean[] holding = {false};
            Task t = f.sched.createTask(name, Context.TASK, 0, cur -> {
                if (holding[0]) {
                    holding[0] = false;
                    holders[0]--;
                    page.clearBit(PG_LOCKED);                       // unlock_page
                    WaitBit.wakeUpBit(wq, page, PG_LOCKED, f.sched);
                    cur.exit();
                    return;
                }
                int r = WaitBit.waitOnBitLock(wq, cur.ioWait, page, PG_LOCKED,
                        (w, e) -> WaitBit.ioWaitSchedule(e), TaskState.UNINTERRUPTIBLE);
                if (r == dev.aiolab.kernel.Errno.SCHEDULE) {
                    return;                                          // asleep in the loop
                }
                holding[0] = true;
                holders[0]++;
                maxHolders[0] = Math.max(maxHolders[0], holders[0]);
                order.add(name);
                cur.sleepFor(10_000);                                // hold the lock 10 us
            });
            f.sched.start(t, 0);
        }
        f.sim.run();

        assertThat(order).hasSize(5).doesNotHaveDuplicates();
        assertThat(maxHolders[0]).isEqualTo(1);
        // four unlocks found waiters; each woke exactly one of them
        List<SchedFixture.WakeCall> calls = f.probe.wakeCalls;
        assertThat(calls).hasSize(4);
        assertThat(calls).allSatisfy(c -> assertThat(c.woken()).isEqualTo(1));
        assertThat(calls).extracting(SchedFixture.WakeCall::visited).containsExactly(1, 1, 1, 1);
    }

    @Test
    void waitOnBitReturnsWithoutTakingTheBit() {
        FlagsWord page = new FlagsWord(0x4000);
        WaitQueueHead wq = f.sched.newQueue("wq");
        Task t = f.sched.createTask("t", Context.TASK, 0, cur -> { });
        page.setBit(PG_LOCKED);
        int r = WaitBit.waitOnBit(wq, t.wait, page, PG_LOCKED, (w, e) -> WaitBit.ioWaitSchedule(e),
                TaskState.UNINTERRUPTIBLE);
        assertThat(r).isEqualTo(dev.aiolab.kernel.Errno.SCHEDULE);
        assertThat(t.wait.isQueued()).isTrue();
        assertThat(t.wait.isExclusive()).isFalse();
        page.clearBit(PG_LOCKED);
        WaitBit.wakeUpBit(wq, page, PG_LOCKED, f.sched);
        assertThat(t.state()).isEqualTo(TaskState.RUNNABLE);
        r = WaitBit.waitOnBit(wq, t.wait, page, PG_LOCKED, (w, e) -> WaitBit.ioWaitSchedule(e),
                TaskState.UNINTERRUPTIBLE);
        assertThat(r).isZero();
        assertThat(page.testBit(PG_LOCKED)).isFalse();
    }
}
