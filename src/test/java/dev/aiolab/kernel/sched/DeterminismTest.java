package dev.aiolab.kernel.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.Errno;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.sim.RandomStream;
import dev.aiolab.sim.Simulation;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    /** Eight tasks on two CPUs lock random pages of a shared table for random times. */
    private static List<String> run(long seed) {
        Simulation sim = new Simulation(seed);
        SchedFixture.RecordingProbe probe = new SchedFixture.RecordingProbe();
        Sched sched = new Sched(sim, 2, KernelConfig.aioWaitBit(), probe);
        WaitTable table = new WaitTable(sched, KernelConfig.WaitTable.ZONE_2612, 4096);
        FlagsWord[] pages = new FlagsWord[32];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = new FlagsWord(0xffff810000000000L + i * 56L);
        }
        for (int i = 0; i < 8; i++) {
            RandomStream rng = sim.random().stream("task" + i);
            int[] rounds = {0};
            FlagsWord[] held = {null};
            FlagsWord[] wanted = {null};
            Task t = sched.createTask("t" + i, Context.TASK, i, cur -> {
                if (held[0] != null) {
                    held[0].clearBit(0);
                    WaitBit.wakeUpBit(table.pageWaitqueue(held[0]), held[0], 0, sched);
                    held[0] = null;
                    if (++rounds[0] == 20) {
                        cur.exit();
                        return;
                    }
                }
                if (wanted[0] == null) {
                    wanted[0] = pages[rng.nextInt(pages.length)];
                }
                FlagsWord p = wanted[0];
                int r = WaitBit.waitOnBitLock(table.pageWaitqueue(p), cur.ioWait, p, 0,
                        (w, e) -> WaitBit.ioWaitSchedule(e), TaskState.UNINTERRUPTIBLE);
                if (r == Errno.SCHEDULE) {
                    return;
                }
                held[0] = p;
                wanted[0] = null;
                cur.sleepFor(rng.exponential(20_000));
            });
            sched.start(t, rng.nextInt(1000));
        }
        sim.run();
        assertThat(sched.tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo(TaskState.DEAD));
        return probe.events;
    }

    @Test
    void identicalSeedsGiveIdenticalResults() {
        List<String> a = run(42);
        List<String> b = run(42);
        assertThat(a).isNotEmpty().isEqualTo(b);
    }

    @Test
    void differentSeedsGiveDifferentResults() {
        assertThat(run(1)).isNotEqualTo(run(2));
    }
}
