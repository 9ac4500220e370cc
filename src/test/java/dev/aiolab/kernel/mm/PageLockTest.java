package dev.aiolab.kernel.mm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.FixedLatencyDevice;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.boot.Kernel;
import dev.aiolab.kernel.fs.File;
import dev.aiolab.kernel.fs.Inode;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.TaskState;
import dev.aiolab.kernel.sched.WaitBitQueue;
import dev.aiolab.kernel.trace.Fault;
import dev.aiolab.kernel.trace.Probe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageLockTest {
    private static final long LATENCY = 1_000_000;

    private static Kernel kernel(int cpus, Probe probe, KernelConfig config) {
        return Kernel.builder().cpus(cpus).device(new FixedLatencyDevice(LATENCY, 1)).memoryBytes(16 << 20)
                .config(config).probe(probe).flusher(false).build();
    }

    @Test
    void secondReaderOfPageUnderIoSleepsOnPgLockedAndWakesWhenReadCompletes() {
        Kernel k = kernel(2, Probe.NONE, KernelConfig.aioWaitBit());
        Inode inode = k.createFile("f", 1 << 20);
        File fa = k.open(inode, 0);
        File fb = k.open(inode, 0);
        long[] result = {-1, -1};
        long[] doneAt = new long[2];
        Task a = k.spawn("a", 0, t -> {
            long r = k.syscalls().pread(fa, 4096, 0);
            if (r != Errno.SCHEDULE) {
                result[0] = r;
                doneAt[0] = k.sched().now();
                t.exit();
            }
        });
        Task[] b = new Task[1];
        k.sim().schedule(100_000, () -> b[0] = k.spawn("b", 1, t -> {
            long r = k.syscalls().pread(fb, 4096, 0);
            if (r != Errno.SCHEDULE) {
                result[1] = r;
                doneAt[1] = k.sched().now();
                t.exit();
            }
        }));
        k.sim().runUntil(500_000);

        Page page = inode.mapping().lookup(0);
        assertThat(page.locked()).isTrue();
        assertThat(page.uptodate()).isFalse();
        assertThat(a.state()).isEqualTo(TaskState.UNINTERRUPTIBLE);
        assertThat(b[0].state()).isEqualTo(TaskState.UNINTERRUPTIBLE);
        assertThat(b[0].sleepingOn()).isSameAs(b[0].wait);
        assertThat(b[0].wait.queue()).isSameAs(k.pageWaits().pageWaitqueue(page));
        assertThat(b[0].wait.key().word).isSameAs(page);
        assertThat(b[0].wait.key().bitNr).isEqualTo(Page.PG_locked);

        k.sim().runUntil(() -> result[0] >= 0 && result[1] >= 0);
        assertThat(result).containsExactly(4096, 4096);
        assertThat(doneAt[0]).isGreaterThanOrEqualTo(LATENCY);
        assertThat(doneAt[1]).isGreaterThanOrEqualTo(LATENCY);
        assertThat(b[0].sleeps()).isEqualTo(1);
        assertThat(page.locked()).isFalse();
        assertThat(page.uptodate()).isTrue();
    }

    @Test
    void unlockPageHandsPgLockedToExactlyOneExclusiveWaiterPerUnlock() {
        Kernel k = kernel(1, Probe.NONE, KernelConfig.aioWaitBit());
        Inode inode = k.createFile("f", 1 << 20);
        Page page = k.pageCache().addNewPage(inode.mapping(), 0); // locked by its creator
        PageWaits waits = k.pageWaits();
        List<Task> acquired = new ArrayList<>();
        List<Task> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiters.add(k.spawn("w" + i, 0, t -> {
                if (waits.lockPage(page, t.wait) == Errno.SCHEDULE) {
                    return;
                }
                acquired.add(t);
                t.exit();
            }));
        }
        k.sim().runUntil(10_000_000);
        assertThat(waiters).allMatch(t -> t.state() == TaskState.UNINTERRUPTIBLE);
        assertThat(k.pageWaits().pageWaitqueue(page).size()).isEqualTo(3);
        assertThat(waiters.get(0).wait.isExclusive()).isTrue();

        for (int round = 0; round < 3; round++) {
            waits.unlockPage(page);
            long runnable = waiters.stream().filter(t -> t.state().isRunnable()).count();
            assertThat(runnable).as("waiters woken by unlock %d", round).isEqualTo(1);
            k.sim().runUntil(k.sim().now() + 10_000_000);
            assertThat(acquired).containsExactlyElementsOf(waiters.subList(0, round + 1));
            assertThat(page.locked()).as("the woken waiter took PG_locked").isTrue();
            assertThat(k.pageWaits().pageWaitqueue(page).size()).isEqualTo(2 - round);
        }
    }

    @Test
    void lockPageWithNullIoWaitOopsInLockPageAndIsRecordedAsAFault() {
        List<Fault> faults = new ArrayList<>();
        Probe probe = new Probe() {
            @Override
            public void fault(Fault f) {
                faults.add(f);
            }
        };
        Kernel k = kernel(2, probe, KernelConfig.aioWaitBit());
        Inode inode = k.createFile("f", 1 << 20);
        File fa = k.open(inode, 0);
        File fb = k.open(inode, 0);
        long[] result = {-1, -1};
        k.spawn("sync-reader", 0, t -> {
            long r = k.syscalls().pread(fa, 4096, 0);
            if (r != Errno.SCHEDULE) {
                result[0] = r;
                t.exit();
            }
        });
        Task[] mysql = new Task[1];
        k.sim().schedule(100_000, () -> {
            mysql[0] = k.spawn("ran-an-aio-retry", 1, t -> {
                long r = k.syscalls().pread(fb, 4096, 0);
                if (r != Errno.SCHEDULE) {
                    result[1] = r;
                }
            });
            // aio_run_iocb reset current->io_wait to NULL (the bug in the thread)
            mysql[0].ioWait = null;
        });
        k.sim().runUntil(() -> result[0] >= 0 && result[1] != -1);

        assertThat(result[1]).isEqualTo(-Errno.EFAULT);
        assertThat(mysql[0].state()).isEqualTo(TaskState.DEAD);
        assertThat(faults).hasSize(1);
        assertThat(faults.get(0).kind()).isEqualTo("OOPS");
        assertThat(faults.get(0).function()).isEqualTo("__lock_page");
        assertThat(result[0]).isEqualTo(4096);
    }

    @Test
    void asyncWaitEntryGetsEiocbRetryStaysQueuedAndIsWokenByTheReadCompletion() {
        Kernel k = kernel(1, Probe.NONE, KernelConfig.aioWaitBit());
        Inode inode = k.createFile("f", 1 << 20);
        File f = k.open(inode, 0);
        int[] kicks = new int[1];
        // a kiocb's entry: no task, a wake function that "kicks" and returns 0 (the seed)
        WaitBitQueue kiocbWait = new WaitBitQueue(null, "kiocb", (w, mode, sync, key) -> {
            if (key != null && !((WaitBitQueue) w).testWaitBitKey(key)) {
                return 0;
            }
            w.queue().listDelInit(w);
            kicks[0]++;
            return 0;
        });
        boolean[] retried = {false};
        k.filemap().setIsRetriedKiocb(w -> w == kiocbWait && retried[0]);
        List<Long> results = new ArrayList<>();
        long[] raCalls = new long[2];
        k.spawn("aio-submitter", 0, t -> {
            t.ioWait = kiocbWait;
            ReadDescriptor d = new ReadDescriptor(0, 8192);
            results.add(k.filemap().genericFileRead(inode.mapping(), f.ra, d));
            raCalls[0] = k.readahead().calls();
            t.ioWait = t.wait;
            t.exit();
        });
        k.sim().runUntil(() -> kicks[0] == 1);
        assertThat(results).containsExactly((long) -Errno.EIOCBRETRY);
        assertThat(raCalls[0]).isEqualTo(1);
        assertThat(kiocbWait.isQueued()).isFalse();

        // the retry: a fresh descriptor at the same position; readahead is not issued again
        retried[0] = true;
        k.spawn("aio-worker", 0, t -> {
            t.ioWait = kiocbWait;
            results.add(k.filemap().genericFileRead(inode.mapping(), f.ra, new ReadDescriptor(0, 8192)));
            raCalls[1] = k.readahead().calls();
            t.ioWait = t.wait;
            t.exit();
        });
        k.sim().runUntil(() -> results.size() == 2);
        assertThat(results.get(1)).isEqualTo(8192);
        assertThat(raCalls[1]).isEqualTo(raCalls[0]);
    }
}
