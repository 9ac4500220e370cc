package dev.aiolab.kernel.aio;

import static dev.aiolab.kernel.Errno.EAGAIN;
import static dev.aiolab.kernel.Errno.EINTR;
import static dev.aiolab.kernel.Errno.EIOCBRETRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.sched.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AioRetryCoreTest {
    /** A file whose reads do what {@code read} says; writes and fsyncs do nothing. */
    private static AioFile readsWith(String name, java.util.function.ToLongFunction<Kiocb> read) {
        return new AioFile() {
            @Override
            public long aioRead(Kiocb iocb) {
                return read.applyAsLong(iocb);
            }

            @Override
            public long aioWrite(Kiocb iocb) {
                return 0;
            }

            @Override
            public long aioFsync(Kiocb iocb, boolean datasync) {
                return 0;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    private final AioFixture f = new AioFixture(KernelConfig.aioWaitBit());

    @Test
    void ringEntriesAreSizedAsAioSetupRingDoes() {
        // (nr_events + 2) io_events plus the ring header, rounded up to whole pages
        assertThat(AioContext.ringEntries(1)).isEqualTo(127);
        assertThat(AioContext.ringEntries(126)).isEqualTo(255);
        assertThat(AioContext.ringEntries(128)).isEqualTo(255);
        assertThat(AioContext.ringEntries(1024)).isEqualTo(1151);
    }

    @Test
    void ioSubmitOneRunsTheFirstRetryInlineOnTheSubmitter() {
        AioContext[] ctx = new AioContext[1];
        long[] submitted = {-1};
        f.task("submitter", cur -> {
            ctx[0] = f.aio.ioSetup(8);
            Aio.IoSubmit s = f.aio.ioSubmit(ctx[0], List.of(Iocb.pread(f.file, 0, 4096, 7)));
            submitted[0] = s.call();
            cur.exit();
        });
        f.sim.run();
        assertThat(submitted[0]).isEqualTo(1);
        assertThat(f.file.lastReader).isEqualTo("submitter");
        assertThat(f.probe.completions).containsExactly(4096L);
        assertThat(ctx[0].eventsAvailable()).isEqualTo(1);
    }

    @Test
    void aRetryThatWaitsReturnsEiocbretryAndIsRunAgainByTheWorkerAfterTheWake() {
        f.file.startRead(0);
        List<Kiocb> k = new ArrayList<>();
        f.task("submitter", cur -> {
            AioContext ctx = f.aio.ioSetup(8);
            Aio.IoSubmit s = f.aio.ioSubmit(ctx, List.of(Iocb.pread(f.file, 0, 4096, 7)));
            s.call();
            k.addAll(s.kiocbs());
            cur.exit();
        });
        f.sim.schedule(50_000, () -> f.file.endRead(0));
        f.sim.run();
        Kiocb iocb = k.get(0);
        assertThat(iocb.kiRetried).isEqualTo(2);
        assertThat(iocb.result).isEqualTo(4096);
        assertThat(f.file.lastReader).isEqualTo("aio/0");
        // nobody waits in io_getevents: the work runs HZ/10 = 100 ms later, on a jiffy boundary
        assertThat(iocb.completeNs).isGreaterThanOrEqualTo(100_000_000L).isLessThan(101_000_000L);
    }

    @Test
    void aKickedIocbRunsAfterOneJiffyWhenSomeoneWaitsInIoGetevents() {
        f.file.startRead(0);
        List<IoEvent> got = new ArrayList<>();
        f.task("app", new dev.aiolab.kernel.sched.TaskBody() {
            AioContext ctx;
            Aio.IoGetevents ge;

            @Override
            public void run(Task cur) {
                if (ctx == null) {
                    ctx = f.aio.ioSetup(8);
                    f.aio.ioSubmit(ctx, List.of(Iocb.pread(f.file, 0, 4096, 7))).call();
                    ge = f.aio.ioGetevents(ctx, 1, 1, -1);
                }
                if (ge.call() == dev.aiolab.kernel.Errno.SCHEDULE) {
                    return;
                }
                got.addAll(ge.events());
                cur.exit();
            }
        });
        f.sim.schedule(50_000, () -> f.file.endRead(0));
        f.sim.run();
        assertThat(got).extracting(IoEvent::res).containsExactly(4096L);
        // the wake at 50 us queues the work for the next tick: 1 ms
        assertThat(f.sim.now()).isBetween(1_000_000L, 1_100_000L);
    }

    @Test
    void aRetryThatQueuesNoWaitKicksItselfOntoTheRunListWhereIoGeteventsRunsIt() {
        // 2.6.12 aio_run_iocb only puts a self-kicked iocb back on the run list (__queue_kicked_iocb):
        // io_submit's pass leaves it there, and io_getevents' racy check runs the list
        int[] calls = {0};
        int[] afterSubmit = {0};
        AioFile shortReads = readsWith("short", iocb -> {
            calls[0]++;
            iocb.kiPos += 1024;
            return 1024;   // a short read, no wait queued
        });
        List<IoEvent> got = new ArrayList<>();
        f.task("submitter", new dev.aiolab.kernel.sched.TaskBody() {
            Aio.IoGetevents ge;

            @Override
            public void run(Task cur) {
                if (ge == null) {
                    AioContext ctx = f.aio.ioSetup(8);
                    f.aio.ioSubmit(ctx, List.of(Iocb.pread(shortReads, 0, 4096, 1))).call();
                    afterSubmit[0] = calls[0];
                    ge = f.aio.ioGetevents(ctx, 1, 1, -1);
                }
                if (ge.call() == dev.aiolab.kernel.Errno.SCHEDULE) {
                    return;
                }
                got.addAll(ge.events());
                cur.exit();
            }
        });
        f.sim.run();
        assertThat(afterSubmit[0]).isEqualTo(1);
        assertThat(calls[0]).isEqualTo(4);
        assertThat(f.probe.completions).containsExactly(4096L);
        assertThat(got).hasSize(1);
        assertThat(f.probe.retries).filteredOn(r -> r.contains("SELF_KICK")).hasSize(3);
    }

    @Test
    void aRetryOnTheWorkerThatKicksItselfRunsAgainInTheSameWorkRunNotAJiffyLater() {
        // first pass: waits for page 0 under read; after the wake (50 us) the worker's retries are
        // short reads that queue no wait: each kicks itself (__queue_kicked_iocb) and the handler
        // requeues its work at once, so all four run at the tick the wake's work was queued for
        f.file.startRead(0);
        int[] calls = {0};
        long[] at = new long[5];
        AioFile file = readsWith("waits-then-short", iocb -> {
            at[calls[0]] = f.sim.now();
            if (calls[0]++ == 0) {
                return f.file.aioRead(iocb);
            }
            iocb.kiPos += 1024;
            return 1024;
        });
        List<IoEvent> got = new ArrayList<>();
        f.task("app", new dev.aiolab.kernel.sched.TaskBody() {
            Aio.IoGetevents ge;

            @Override
            public void run(Task cur) {
                if (ge == null) {
                    AioContext ctx = f.aio.ioSetup(8);
                    f.aio.ioSubmit(ctx, List.of(Iocb.pread(file, 0, 4096, 7))).call();
                    ge = f.aio.ioGetevents(ctx, 1, 1, -1);
                }
                if (ge.call() == dev.aiolab.kernel.Errno.SCHEDULE) {
                    return;
                }
                got.addAll(ge.events());
                cur.exit();
            }
        });
        f.sim.schedule(50_000, () -> f.file.endRead(0));
        f.sim.run();
        assertThat(got).hasSize(1);
        assertThat(calls[0]).isEqualTo(5);
        assertThat(got.get(0).res()).isEqualTo(4096);
        assertThat(at[1]).as("the woken retry, at the next tick").isBetween(1_000_000L, 1_100_000L);
        assertThat(at[4] - at[1]).as("the self-kicked retries follow in the same work run").isLessThan(100_000L);
    }

    @Test
    void ioSubmitFailsWithEagainOnceActiveRequestsFillTheRing() {
        f.file.direct = true;   // every iocb stays queued: -EIOCBQUEUED, never completed
        long[] results = new long[2];
        f.task("submitter", cur -> {
            AioContext ctx = f.aio.ioSetup(1);          // a ring of 127 events: 126 usable
            List<Iocb> batch = new ArrayList<>();
            for (int i = 0; i < 130; i++) {
                batch.add(Iocb.pread(f.file, 0, 4096, i));
            }
            results[0] = f.aio.ioSubmit(ctx, batch).call();
            results[1] = f.aio.ioSubmit(ctx, List.of(Iocb.pread(f.file, 0, 4096, 0))).call();
            cur.exit();
        });
        f.sim.run();
        assertThat(results[0]).isEqualTo(126);
        assertThat(results[1]).isEqualTo(-EAGAIN);
    }

    @Test
    void ioCancelCompletesAnIocbWithEintrAtItsNextRetry() {
        f.file.startRead(0);
        List<IoEvent> got = new ArrayList<>();
        f.task("app", new dev.aiolab.kernel.sched.TaskBody() {
            AioContext ctx;
            Aio.IoGetevents ge;

            @Override
            public void run(Task cur) {
                if (ctx == null) {
                    ctx = f.aio.ioSetup(8);
                    Aio.IoSubmit s = f.aio.ioSubmit(ctx, List.of(Iocb.pread(f.file, 0, 4096, 7)));
                    s.call();
                    assertThat(s.kiocbs().get(0).kiWait.isQueued()).isTrue();
                    assertThat(f.aio.ioCancel(ctx, s.kiocbs().get(0))).isEqualTo(-EAGAIN);
                    ge = f.aio.ioGetevents(ctx, 1, 1, -1);
                }
                if (ge.call() == dev.aiolab.kernel.Errno.SCHEDULE) {
                    return;
                }
                got.addAll(ge.events());
                cur.exit();
            }
        });
        f.sim.run();
        assertThat(got).extracting(IoEvent::res).containsExactly((long) -EINTR);
        assertThat(f.file.reads).isEqualTo(1);       // the retry after the cancel did not read
        assertThat(f.table.pageWaitqueue(f.file.pages[0]).size()).isZero();
    }

    @Test
    void ioDestroyWithIocbsInFlightLosesNoCompletionAndLeaksNoPageLock() {
        for (int i = 0; i < 4; i++) {
            f.file.startRead(i);
        }
        long[] destroyed = {1};
        List<Kiocb> k = new ArrayList<>();
        f.task("app", new dev.aiolab.kernel.sched.TaskBody() {
            Aio.IoDestroy d;

            @Override
            public void run(Task cur) {
                if (d == null) {
                    AioContext ctx = f.aio.ioSetup(8);
                    List<Iocb> batch = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        batch.add(Iocb.pread(f.file, (long) (i % 4) * 4096, 4096, i));
                    }
                    Aio.IoSubmit s = f.aio.ioSubmit(ctx, batch);
                    s.call();
                    k.addAll(s.kiocbs());
                    d = f.aio.ioDestroy(ctx);
                }
                long r = d.call();
                if (r == dev.aiolab.kernel.Errno.SCHEDULE) {
                    return;
                }
                destroyed[0] = r;
                cur.exit();
            }
        });
        for (int i = 0; i < 4; i++) {
            int p = i;
            f.sim.schedule(10_000 * (i + 1), () -> f.file.endRead(p));
        }
        f.sim.run();
        assertThat(destroyed[0]).isZero();
        assertThat(k).hasSize(8).allSatisfy(x -> assertThat(x.isCompleted()).isTrue());
        assertThat(f.probe.completions).hasSize(8);
        for (var page : f.file.pages) {
            assertThat(page.testBit(FakePageFile.PG_LOCKED)).isFalse();
        }
        assertThat(f.sleepers()).isEmpty();
    }

    @Test
    void ioGeteventsTimesOutWithWhatItHas() {
        long[] r = {-1};
        long[] when = {0};
        f.task("app", new dev.aiolab.kernel.sched.TaskBody() {
            Aio.IoGetevents ge;

            @Override
            public void run(Task cur) {
                if (ge == null) {
                    ge = f.aio.ioGetevents(f.aio.ioSetup(8), 1, 4, 2_000_000);
                }
                long x = ge.call();
                if (x == dev.aiolab.kernel.Errno.SCHEDULE) {
                    return;
                }
                r[0] = x;
                when[0] = f.sched.now();
                cur.exit();
            }
        });
        f.sim.run();
        assertThat(r[0]).isZero();
        assertThat(when[0]).isBetween(2_000_000L, 2_100_000L);
    }

    @Test
    void atTheRetryLimitTheKiocbLeaksWithoutAnEventAndIsReportedSo() {
        // 2.6.12 aio_run_iocb returns -EAGAIN past the limit without aio_complete: no event ever
        // comes and the request stays active
        AioFixture small = new AioFixture(KernelConfig.aioWaitBit().with(KernelConfig.AIO_MAX_RETRIES, 3));
        AioFile never = readsWith("never", iocb -> {
            return -EIOCBRETRY;    // never makes progress, never queues a wait
        });
        AioContext[] ctx = new AioContext[1];
        long[] got = {-1};
        small.task("submitter", new dev.aiolab.kernel.sched.TaskBody() {
            Aio.IoGetevents ge;

            @Override
            public void run(Task cur) {
                if (ge == null) {
                    ctx[0] = small.aio.ioSetup(8);
                    small.aio.ioSubmit(ctx[0], List.of(Iocb.pread(never, 0, 4096, 1))).call();
                    ge = small.aio.ioGetevents(ctx[0], 1, 1, 10_000_000L);
                }
                long x = ge.call();
                if (x == dev.aiolab.kernel.Errno.SCHEDULE) {
                    return;
                }
                got[0] = x;
                cur.exit();
            }
        });
        small.sim.run();
        assertThat(got[0]).as("io_getevents times out: no event").isZero();
        assertThat(small.probe.completions).isEmpty();
        assertThat(ctx[0].reqsActive()).isEqualTo(1);
        assertThat(small.probe.faults).singleElement().satisfies(fl -> {
            assertThat(fl.kind()).isEqualTo("RETRY_LIMIT");
            assertThat(fl.function()).isEqualTo("aio_run_iocb");
            assertThat(fl.kiocb()).isEqualTo("ctx0/iocb0");
            assertThat(fl.explanation()).contains("leaks");
        });
    }
}
