package dev.aiolab.kernel.aio;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.sched.Context;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.TaskBody;
import dev.aiolab.kernel.sched.TaskState;
import dev.aiolab.kernel.sched.WaitTable;
import dev.aiolab.kernel.trace.Fault;
import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A machine for AIO tests: one CPU, a 4-bucket wait table, a fake page file. */
final class AioFixture {
    final Simulation sim = new Simulation(1);
    final Recorder probe = new Recorder();
    final KernelConfig config;
    final Sched sched;
    final WaitTable table;
    final Aio aio;
    final FakePageFile file;

    AioFixture(KernelConfig config) {
        this(config, 1);
    }

    AioFixture(KernelConfig config, int cpus) {
        this.config = config;
        this.sched = new Sched(sim, cpus, config, probe);
        this.table = new WaitTable(sched, config.get(KernelConfig.WAIT_TABLE), 1024);
        this.aio = new Aio(sched, config);
        this.file = new FakePageFile(sched, table, 64, 0xffff810000000000L, 56);
    }

    Task task(String name, TaskBody body) {
        Task t = sched.createTask(name, Context.TASK, 0, body);
        sched.start(t, 0);
        return t;
    }

    /** A body that makes a resumable call until it returns, then runs {@code after} and exits. */
    static TaskBody once(Supplier<Long> call, java.util.function.LongConsumer after) {
        return cur -> {
            long r = call.get();
            if (r == Errno.SCHEDULE) {
                return;
            }
            after.accept(r);
            cur.exit();
        };
    }

    /** Tasks asleep that are not idle aio workers: what a hang report would name. */
    List<Task> sleepers() {
        List<Task> l = new ArrayList<>();
        for (Task t : sched.tasks()) {
            boolean asleep = t.state() == TaskState.UNINTERRUPTIBLE || t.state() == TaskState.INTERRUPTIBLE;
            if (asleep && t.context() != Context.AIO_WORKER) {
                l.add(t);
            }
        }
        return l;
    }

    static final class Recorder implements Probe {
        final List<String> retries = new ArrayList<>();
        final List<Fault> faults = new ArrayList<>();
        final List<Long> completions = new ArrayList<>();
        int kicks;
        int queuedKicks;

        @Override
        public void aioRetry(long timeNs, int ctxId, long iocbId, RetryReason reason, boolean progressed,
                boolean waitedAgain) {
            retries.add(timeNs + " iocb" + iocbId + " " + reason + (progressed ? " progressed" : " no-progress")
                    + (waitedAgain ? " waits" : ""));
        }

        @Override
        public void aioKick(long timeNs, int ctxId, long iocbId, boolean queued) {
            kicks++;
            queuedKicks += queued ? 1 : 0;
        }

        @Override
        public void aioComplete(long timeNs, int ctxId, long iocbId, long result) {
            completions.add(result);
        }

        @Override
        public void fault(Fault fault) {
            faults.add(fault);
        }
    }
}
