package dev.aiolab.kernel.sched;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.kernel.trace.WakeRecord;
import dev.aiolab.sim.Simulation;
import java.util.ArrayList;
import java.util.List;

/** A small machine for wait-queue tests: a simulation, a scheduler and a recording probe. */
final class SchedFixture {
    final Simulation sim = new Simulation(1);
    final RecordingProbe probe = new RecordingProbe();
    final Sched sched;

    SchedFixture(int cpus) {
        this(cpus, KernelConfig.aioWaitBit());
    }

    SchedFixture(int cpus, KernelConfig config) {
        sched = new Sched(sim, cpus, config, probe);
    }

    /** A task that is asleep (TASK_UNINTERRUPTIBLE) and does nothing when it runs. */
    Task sleeper(String name) {
        Task t = sched.createTask(name, Context.TASK, 0, cur -> cur.setState(TaskState.UNINTERRUPTIBLE));
        t.setState(TaskState.UNINTERRUPTIBLE);
        return t;
    }

    record WakeCall(long time, int queue, long keyWord, int keyBit, int visited, int woken, int filtered,
            Probe.WalkStop stop, long cpuNs) {}

    static final class RecordingProbe implements Probe {
        final List<WakeCall> wakeCalls = new ArrayList<>();
        final List<Long> contention = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public void wakeCall(WakeRecord w) {
            wakeCalls.add(new WakeCall(w.timeNs, w.queueId, w.keyBit < 0 ? -1 : w.keyWord, w.keyBit, w.visited,
                    w.woken, w.filtered, w.stop, w.cpuNs));
            events.add("wake " + w.timeNs + " q" + w.queueId + " v" + w.visited + " w" + w.woken);
        }

        @Override
        public void lockContention(long timeNs, int queueId, long waitNs) {
            contention.add(waitNs);
            events.add("spin " + timeNs + " q" + queueId + " " + waitNs);
        }

        @Override
        public void taskSleep(long timeNs, int taskId, int queueId) {
            events.add("sleep " + timeNs + " t" + taskId + " q" + queueId);
        }

        @Override
        public void taskWakeup(long timeNs, int taskId) {
            events.add("wakeup " + timeNs + " t" + taskId);
        }
    }
}
