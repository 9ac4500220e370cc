package dev.aiolab.kernel.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.trace.Probe;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitQueueHeadTest {
    private final SchedFixture f = new SchedFixture(1);
    private final WaitQueueHead q = f.sched.newQueue("q");

    private WaitQueueEntry entry(String name) {
        return WaitQueueEntry.defineWait(f.sleeper(name));
    }

    @Test
    void nonExclusiveEntriesGoAtTheHeadAndExclusiveEntriesAtTheTail() {
        WaitQueueEntry a = entry("a");
        WaitQueueEntry b = entry("b");
        WaitQueueEntry x = entry("x");
        WaitQueueEntry y = entry("y");
        q.addWaitQueueExclusive(x);
        q.addWaitQueue(a);
        q.addWaitQueueExclusive(y);
        q.addWaitQueue(b);
        assertThat(q.entries()).containsExactly(b, a, x, y);
        assertThat(x.isExclusive()).isTrue();
        assertThat(a.isExclusive()).isFalse();
    }

    @Test
    void wakeUpWakesEveryNonExclusiveEntryAndOneExclusiveWalkingHeadToTail() {
        WaitQueueEntry x1 = entry("x1");
        WaitQueueEntry x2 = entry("x2");
        WaitQueueEntry a = entry("a");
        q.prepareToWaitExclusive(x1, TaskState.UNINTERRUPTIBLE);
        q.prepareToWaitExclusive(x2, TaskState.UNINTERRUPTIBLE);
        q.prepareToWait(a, TaskState.UNINTERRUPTIBLE);

        int woken = q.wakeUp();

        assertThat(woken).isEqualTo(2);
        assertThat(a.task.state()).isEqualTo(TaskState.RUNNABLE);
        assertThat(x1.task.state()).isEqualTo(TaskState.RUNNABLE);
        assertThat(x2.task.state()).isEqualTo(TaskState.UNINTERRUPTIBLE);
        assertThat(q.entries()).containsExactly(x2);
        SchedFixture.WakeCall call = f.probe.wakeCalls.get(0);
        assertThat(call.visited()).isEqualTo(2);
        assertThat(call.stop()).isEqualTo(Probe.WalkStop.EXCLUSIVE_DONE);
    }

    @Test
    void wakeFunctionReturningZeroIsNotCountedAndTheWalkGoesOn() {
        Task t = f.sleeper("filtered");
        WaitQueueEntry refuses = new WaitQueueEntry(t, null, (w, mode, sync, key) -> 0);
        WaitQueueEntry x = entry("x");
        q.addWaitQueueExclusive(refuses);
        q.addWaitQueueExclusive(x);

        assertThat(q.wakeUp()).isEqualTo(1);

        assertThat(x.task.state()).isEqualTo(TaskState.RUNNABLE);
        assertThat(t.state()).isEqualTo(TaskState.UNINTERRUPTIBLE);
        SchedFixture.WakeCall call = f.probe.wakeCalls.get(0);
        assertThat(call.visited()).isEqualTo(2);
        assertThat(call.woken()).isEqualTo(1);
        assertThat(call.filtered()).isEqualTo(1);
    }

    @Test
    void theWalkStopsWhenNrExclusiveReachesZero() {
        List<WaitQueueEntry> xs = List.of(entry("x1"), entry("x2"), entry("x3"), entry("x4"));
        xs.forEach(x -> q.addWaitQueueExclusive(x));

        assertThat(q.wakeUp(WaitQueueHead.TASK_NORMAL, 2, null)).isEqualTo(2);

        assertThat(xs).extracting(x -> x.task.state()).containsExactly(TaskState.RUNNABLE,
                TaskState.RUNNABLE, TaskState.UNINTERRUPTIBLE, TaskState.UNINTERRUPTIBLE);
        assertThat(f.probe.wakeCalls.get(0).visited()).isEqualTo(2);
    }

    @Test
    void nrExclusiveZeroWakesEveryone() {
        List<WaitQueueEntry> xs = List.of(entry("x1"), entry("x2"), entry("x3"));
        xs.forEach(x -> q.addWaitQueueExclusive(x));

        assertThat(q.wakeUpAll()).isEqualTo(3);
        assertThat(f.probe.wakeCalls.get(0).stop()).isEqualTo(Probe.WalkStop.END_OF_LIST);
    }

    @Test
    void wakingAnAlreadyRunnableTaskDoesNotConsumeTheExclusiveCount() {
        WaitQueueEntry runnable = entry("runnable");
        WaitQueueEntry sleeping = entry("sleeping");
        q.addWaitQueueExclusive(runnable);
        q.addWaitQueueExclusive(sleeping);
        runnable.task.setState(TaskState.RUNNABLE);

        assertThat(q.wakeUp()).isEqualTo(1);

        assertThat(sleeping.task.state()).isEqualTo(TaskState.RUNNABLE);
        // autoremove unlinks only on success: the runnable task's entry stays queued
        assertThat(q.entries()).containsExactly(runnable);
    }

    @Test
    void prepareToWaitQueuesOnlyIfNotAlreadyQueuedAndSetsTheTaskState() {
        Task t = f.sched.createTask("t", Context.TASK, 0, cur -> { });
        WaitQueueEntry w = WaitQueueEntry.defineWait(t);
        q.prepareToWait(w, TaskState.UNINTERRUPTIBLE);
        q.prepareToWaitExclusive(w, TaskState.UNINTERRUPTIBLE);
        assertThat(q.size()).isEqualTo(1);
        assertThat(w.isExclusive()).isTrue();
        assertThat(t.state()).isEqualTo(TaskState.UNINTERRUPTIBLE);

        q.finishWait(w);
        assertThat(q.size()).isZero();
        assertThat(t.state()).isEqualTo(TaskState.RUNNING);
    }

    @Test
    void prepareToWaitLeavesTheTaskStateAloneForAnAsyncEntry() {
        Task t = f.sched.createTask("t", Context.TASK, 0, cur -> { });
        t.setState(TaskState.RUNNING);
        WaitQueueEntry async = new WaitQueueEntry(null, "iocb", (w, m, s, k) -> 1);
        q.prepareToWait(async, TaskState.UNINTERRUPTIBLE);
        assertThat(t.state()).isEqualTo(TaskState.RUNNING);
        assertThat(async.isQueued()).isTrue();
    }

    @Test
    void aWakeCallChargesTheLockEachEntryVisitedAndEachWakeup() {
        Task waker = f.sched.createTask("waker", Context.TASK, 0, cur -> {
            q.wakeUpAll();
            cur.exit();
        });
        List<WaitQueueEntry> xs = List.of(entry("x1"), entry("x2"), entry("x3"));
        xs.forEach(x -> q.addWaitQueue(x));
        f.sched.start(waker, 0);
        f.sim.run();

        SchedFixture.WakeCall call = f.probe.wakeCalls.get(0);
        long expected = f.sched.lockNs + 3 * f.sched.walkEntryNs + 3 * f.sched.tryToWakeUpNs;
        assertThat(call.cpuNs()).isEqualTo(expected);
        assertThat(f.sched.cpu(0).busyNs(Context.TASK)).isGreaterThanOrEqualTo(expected);
    }

    @Test
    void aCpuThatWantsTheLockWhileAnotherHoldsItSpinsAndTheSpinIsRecorded() {
        SchedFixture two = new SchedFixture(2);
        WaitQueueHead shared = two.sched.newQueue("shared");
        for (int i = 0; i < 50; i++) {
            shared.addWaitQueue(new WaitQueueEntry(null, "async" + i, (w, m, s, k) -> 0));
        }
        Task a = two.sched.createTask("a", Context.TASK, 0, cur -> {
            shared.wakeUpAll();
            cur.exit();
        });
        Task b = two.sched.createTask("b", Context.TASK, 1, cur -> {
            shared.wakeUpAll();
            cur.exit();
        });
        two.sched.start(a, 0);
        two.sched.start(b, 0);
        two.sim.run();

        // a walks 50 entries at 100 ns each from t=0; b starts at t=0 on cpu1 and must wait for it
        long walk = two.sched.lockNs + 50 * two.sched.walkEntryNs;
        assertThat(two.probe.contention).containsExactly(walk);
    }
}
