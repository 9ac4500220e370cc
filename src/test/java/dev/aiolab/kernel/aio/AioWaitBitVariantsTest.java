package dev.aiolab.kernel.aio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.sched.FlagsWord;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.TaskState;
import dev.aiolab.kernel.sched.WaitQueueHead;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's patch (1) and the exclusive-wakeup baton, on pages that share one hashed bucket. */
class AioWaitBitVariantsTest {

    /** Indexes of {@code n} pages of the file that hash to the same bucket. */
    private static List<Integer> sameBucket(AioFixture f, int n) {
        List<Integer> l = new ArrayList<>();
        WaitQueueHead b = f.table.pageWaitqueue(f.file.pages[0]);
        for (int i = 0; i < f.file.pages.length && l.size() < n; i++) {
            if (f.table.pageWaitqueue(f.file.pages[i]) == b) {
                l.add(i);
            }
        }
        assertThat(l).hasSize(n);
        return l;
    }

    /**
     * Four AIO readers each wait on a different page under I/O; the pages share a bucket; the
     * application waits in io_getevents (so kicked work runs on the next tick); the reads complete
     * one by one, 2 ms apart. Returns the kiocbs.
     */
    private static List<Kiocb> fourReadersOnOneBucket(AioFixture f) {
        List<Integer> pages = sameBucket(f, 4);
        pages.forEach(f.file::startRead);
        List<Kiocb> k = new ArrayList<>();
        f.task("app", new dev.aiolab.kernel.sched.TaskBody() {
            Aio.IoGetevents ge;

            @Override
            public void run(Task cur) {
                if (ge == null) {
                    AioContext ctx = f.aio.ioSetup(8);
                    List<Iocb> batch = new ArrayList<>();
                    for (int p : pages) {
                        batch.add(Iocb.pread(f.file, (long) p * 4096, 4096, p));
                    }
                    Aio.IoSubmit s = f.aio.ioSubmit(ctx, batch);
                    s.call();
                    k.addAll(s.kiocbs());
                    ge = f.aio.ioGetevents(ctx, 4, 4, -1);
                }
                if (ge.call() != Errno.SCHEDULE) {
                    cur.exit();
                }
            }
        });
        for (int i = 0; i < 4; i++) {
            int p = pages.get(i);
            f.sim.schedule(2_000_000L * (i + 1), () -> f.file.endRead(p));
        }
        f.sim.run();
        assertThat(k).allSatisfy(x -> assertThat(x.result).isEqualTo(4096));
        return k;
    }

    @Test
    void plainWaitEntriesAreKickedByWakesForOtherPagesOnTheirBucket() {
        AioFixture f = new AioFixture(KernelConfig.plainWaitReturnZero());
        List<Kiocb> k = fourReadersOnOneBucket(f);
        int spurious = k.stream().mapToInt(x -> x.spuriousRetries).sum();
        int wakes = k.stream().mapToInt(x -> x.wakeupsReceived).sum();
        // the first wake kicks all four, the second the three left, ...: 4 + 3 + 2 + 1 wakes;
        // each kick of a reader whose page is still locked is a retry that waits again: 3 + 2 + 1
        assertThat(wakes).isEqualTo(10);
        assertThat(spurious).isEqualTo(6);
    }

    @Test
    void waitBitEntriesGiveZeroSpuriousRetries() {
        AioFixture f = new AioFixture(KernelConfig.aioWaitBit());
        List<Kiocb> k = fourReadersOnOneBucket(f);
        assertThat(k).allSatisfy(x -> {
            assertThat(x.spuriousRetries).isZero();
            assertThat(x.wakeupsReceived).isEqualTo(1);
            assertThat(x.kiRetried).isEqualTo(2);
        });
    }

    /**
     * Page 0 is under read I/O. An AIO reader waits for its lock first (exclusive, at the tail); then
     * a synchronous reader waits for the lock behind it. The read completes and unlock_page wakes
     * one exclusive waiter. The AIO retry finds the page uptodate and copies without ever taking and
     * releasing the lock, so if aio_wake_function consumed the exclusive wakeup, the sync reader is
     * never woken.
     */
    private static AioFixture batonScenario(KernelConfig config) {
        AioFixture f = new AioFixture(config);
        f.file.startRead(0);
        f.task("aio-app", cur -> {
            f.aio.ioSubmit(f.aio.ioSetup(8), List.of(Iocb.pread(f.file, 0, 4096, 1))).call();
            cur.exit();
        });
        FakePageFile.SyncRead read = new FakePageFile.SyncRead(0, 4096);
        Task sync = f.sched.createTask("sync-reader", dev.aiolab.kernel.sched.Context.TASK, 0,
                AioFixture.once(() -> read.step(f.file), r -> { }));
        f.sched.start(sync, 5_000);
        f.sim.schedule(50_000, () -> f.file.endRead(0));
        f.sim.run();
        return f;
    }

    @Test
    void withTheBatonSwitchAnExclusiveLockWaiterBehindAnAioWaiterIsNeverWoken() {
        AioFixture f = batonScenario(KernelConfig.aioWaitBit().with(KernelConfig.AIO_WAKE_RETURNS_ONE, true));
        assertThat(f.probe.completions).containsExactly(4096L);
        assertThat(f.sleepers()).extracting(Task::name).containsExactly("sync-reader");
        Task sync = f.sleepers().get(0);
        assertThat(sync.state()).isEqualTo(TaskState.UNINTERRUPTIBLE);
        FlagsWord page = f.file.pages[0];
        assertThat(sync.sleepingOn().queue()).isSameAs(f.table.pageWaitqueue(page));
        assertThat(sync.sleepingOn().key().word).isSameAs(page);
        assertThat(page.testBit(FakePageFile.PG_LOCKED)).isFalse();   // nobody holds it, yet he sleeps
    }

    @Test
    void withoutTheBatonSwitchEveryWaiterFinishes() {
        AioFixture f = batonScenario(KernelConfig.aioWaitBit());
        assertThat(f.probe.completions).containsExactly(4096L);
        assertThat(f.sleepers()).isEmpty();
        assertThat(f.sched.tasks()).filteredOn(t -> t.name().equals("sync-reader"))
                .singleElement().extracting(Task::state).isEqualTo(TaskState.DEAD);
    }

    /**
     * The seed's patchset reset current->io_wait to NULL after a retry. A task whose first retry ran
     * inline in io_submit then reads synchronously and must wait for a locked page: __lock_page
     * dereferences NULL and oopses (MySQL crashed so). With the fix it reads normally.
     */
    private static AioFixture mixedSyncAndAsync(KernelConfig config) {
        AioFixture f = new AioFixture(config);
        f.file.startRead(3);
        FakePageFile.SyncRead read = new FakePageFile.SyncRead(3 * 4096, 4096);
        long[] result = {0};
        f.task("mysqld", new dev.aiolab.kernel.sched.TaskBody() {
            boolean submitted;

            @Override
            public void run(Task cur) {
                if (!submitted) {
                    submitted = true;
                    f.aio.ioSubmit(f.aio.ioSetup(8), List.of(Iocb.pread(f.file, 0, 4096, 1))).call();
                }
                long r = read.step(f.file);
                if (r == Errno.SCHEDULE) {
                    return;
                }
                result[0] = r;
                cur.exit();
            }
        });
        f.sim.schedule(20_000, () -> f.file.endRead(3));
        f.sim.run();
        f.probe.completions.add(result[0]);
        return f;
    }

    @Test
    void theIoWaitNullResetOopsesInLockPageOfALaterSyncRead() {
        AioFixture f = mixedSyncAndAsync(KernelConfig.aioWaitBit().with(KernelConfig.IO_WAIT_RESET_NULL, true));
        assertThat(f.probe.faults).singleElement().satisfies(fl -> {
            assertThat(fl.kind()).isEqualTo("OOPS");
            assertThat(fl.function()).isEqualTo("__lock_page");
            assertThat(fl.task()).startsWith("mysqld");
        });
        assertThat(f.sched.tasks().get(f.sched.tasks().size() - 1).state()).isEqualTo(TaskState.DEAD);
    }

    @Test
    void withTheIoWaitFixTheMixedTaskNeverFaults() {
        AioFixture f = mixedSyncAndAsync(KernelConfig.aioWaitBit());
        assertThat(f.probe.faults).isEmpty();
        assertThat(f.probe.completions).containsExactly(4096L, 4096L);
    }
}
