package dev.aiolab.kernel.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of waits and wakes on one {@link WaitQueueHead} agree with a plain list model of
 * {@code __add_wait_queue}, {@code prepare_to_wait(_exclusive)}, {@code finish_wait} and
 * {@code __wake_up_common} with {@code autoremove_wake_function}.
 */
class WaitQueuePropertyTest {
    private static final int ENTRIES = 5;

    enum Kind { ADD, ADD_EXCLUSIVE, PREPARE, PREPARE_EXCLUSIVE, FINISH, REMOVE, SLEEP, WAKE }

    record Op(Kind kind, int entry, int nr) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, ENTRIES - 1),
                Arbitraries.integers().between(0, 3)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(60);
    }

    /** The reference: entry ids in list order, exclusive flags, and whether each task sleeps. */
    static final class Model {
        final List<Integer> list = new ArrayList<>();
        final boolean[] exclusive = new boolean[ENTRIES];
        final boolean[] asleep = new boolean[ENTRIES];

        int wake(int nr) {
            int woken = 0;
            for (Integer e : new ArrayList<>(list)) {
                if (asleep[e]) {
                    asleep[e] = false;
                    list.remove(e);
                    woken++;
                    if (exclusive[e] && --nr == 0) {
                        break;
                    }
                }
            }
            return woken;
        }
    }

    @Property(tries = 300)
    void waitsAndWakesMatchAListModel(@ForAll("ops") List<Op> ops) {
        SchedFixture f = new SchedFixture(1);
        WaitQueueHead q = f.sched.newQueue("q");
        WaitQueueEntry[] e = new WaitQueueEntry[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            Task t = f.sched.createTask("t" + i, Context.TASK, 0, cur -> { });
            t.setState(TaskState.RUNNABLE);
            e[i] = WaitQueueEntry.defineWait(t);
        }
        Model m = new Model();
        for (Op op : ops) {
            int i = op.entry();
            WaitQueueEntry w = e[i];
            boolean queued = m.list.contains(i);
            switch (op.kind()) {
                case ADD -> {
                    if (!queued) {
                        q.addWaitQueue(w);
                        m.exclusive[i] = false;
                        m.list.add(0, i);
                    }
                }
                case ADD_EXCLUSIVE -> {
                    if (!queued) {
                        q.addWaitQueueExclusive(w);
                        m.exclusive[i] = true;
                        m.list.add(i);
                    }
                }
                case PREPARE -> {
                    q.prepareToWait(w, TaskState.UNINTERRUPTIBLE);
                    m.exclusive[i] = false;
                    m.asleep[i] = true;
                    if (!queued) {
                        m.list.add(0, i);
                    }
                }
                case PREPARE_EXCLUSIVE -> {
                    q.prepareToWaitExclusive(w, TaskState.UNINTERRUPTIBLE);
                    m.exclusive[i] = true;
                    m.asleep[i] = true;
                    if (!queued) {
                        m.list.add(i);
                    }
                }
                case FINISH -> {
                    q.finishWait(w);
                    m.asleep[i] = false;
                    m.list.remove((Integer) i);
                }
                case REMOVE -> {
                    q.removeWaitQueue(w);
                    m.list.remove((Integer) i);
                }
                case SLEEP -> {
                    w.task.setState(TaskState.UNINTERRUPTIBLE);
                    m.asleep[i] = true;
                }
                case WAKE -> {
                    int woken = q.wakeUp(WaitQueueHead.TASK_NORMAL, op.nr(), null);
                    assertThat(woken).as("woken by %s", op).isEqualTo(m.wake(op.nr()));
                    // a woken task stays runnable until the test puts it to sleep again
                }
            }
            List<Integer> actual = new ArrayList<>();
            for (WaitQueueEntry x : q.entries()) {
                actual.add(List.of(e).indexOf(x));
            }
            assertThat(actual).as("list after %s", op).isEqualTo(m.list);
            for (int k = 0; k < ENTRIES; k++) {
                if (m.list.contains(k)) {
                    assertThat(e[k].isExclusive()).as("exclusive flag of %d after %s", k, op).isEqualTo(m.exclusive[k]);
                }
                assertThat(e[k].task.state().isRunnable()).as("state of %d after %s", k, op).isEqualTo(!m.asleep[k]);
            }
        }
    }
}
