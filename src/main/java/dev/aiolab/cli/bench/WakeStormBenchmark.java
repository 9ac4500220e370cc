package dev.aiolab.cli.bench;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.sched.Context;
import dev.aiolab.kernel.sched.Cpu;
import dev.aiolab.kernel.sched.CpuWork;
import dev.aiolab.kernel.sched.FlagsWord;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.Task;
import dev.aiolab.kernel.sched.TaskState;
import dev.aiolab.kernel.sched.WaitBit;
import dev.aiolab.kernel.sched.WaitBitQueue;
import dev.aiolab.kernel.sched.WaitQueueHead;
import dev.aiolab.kernel.sched.WaitTable;
import dev.aiolab.kernel.sched.WakeFunction;
import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.sim.Simulation;

/**
 * A wake storm on one bucket of a hashed wait table, through the real {@code __wake_up_common}: the
 * bucket holds {@code n} keyed {@link WaitBitQueue} entries, {@code n - 1} of them for other pages
 * that hash to the same bucket (each filtered out by {@code wake_bit_function}) and, at the tail,
 * the one task waiting for the page being unlocked. Every wake call visits all {@code n} entries,
 * wakes the task (autoremove) and re-queues it, so the bucket size stays {@code n}. Wakes run inside
 * an interrupt work item on a one-CPU {@link Sched}, as a block completion would, and charge CPU time.
 * No peer: SSJ has no wait queues.
 */
public final class WakeStormBenchmark implements Benchmark {
    /** Wake calls per CPU work item. */
    static final int BATCH = 4096;
    static final int PG_LOCKED = 0;

    private final int n;

    public WakeStormBenchmark(int bucketSize) {
        this.n = bucketSize;
    }

    @Override
    public String name() {
        return "wake-" + n;
    }

    @Override
    public String unit() {
        return "wake calls/s";
    }

    @Override
    public Result run(Budget budget) {
        double calls = Meter.rate(Isolated.workload(Storm.class, new Class<?>[] {int.class}, n), budget);
        return Result.ours(calls, new Result.Derived(name() + "-visited", "entries visited/s", calls * n));
    }

    /** The bucket, its waiters and the interrupt work item that wakes them. */
    static final class Storm implements Workload, CpuWork {
        final Simulation sim = new Simulation(1);
        final Sched sched;
        final Cpu cpu;
        final WaitTable table;
        final FlagsWord page = new FlagsWord(0xffff_8100_0000_0000L);
        final WaitQueueHead bucket;
        final Task waiter;
        long calls;

        Storm(int n) {
            this(n, Probe.NONE);
        }

        Storm(int n, Probe probe) {
            sched = new Sched(sim, 1, KernelConfig.linux2612(), probe);
            cpu = sched.cpu(0);
            // a 4 GiB zone: 4096 buckets, as in 2.6.12
            table = new WaitTable(sched, KernelConfig.WaitTable.ZONE_2612, 1L << 20);
            bucket = table.pageWaitqueue(page);
            waiter = sched.createTask("waiter", Context.TASK, 0, t -> t.setState(TaskState.UNINTERRUPTIBLE));
            // other pages on the same bucket, each with an async waiter keyed on its own PG_locked
            long addr = page.address();
            for (int queued = 1; queued < n; ) {
                addr += 64;
                FlagsWord other = new FlagsWord(addr);
                if (table.pageWaitqueue(other) == bucket) {
                    WaitBitQueue w = new WaitBitQueue(null, other, WakeFunction.WAKE_BIT);
                    w.initWaitBitKey(other, PG_LOCKED);
                    bucket.addWaitQueueExclusive(w);
                    queued++;
                }
            }
            waiter.wait.initWaitBitKey(page, PG_LOCKED);
            bucket.prepareToWaitExclusive(waiter.wait, TaskState.UNINTERRUPTIBLE);
            if (bucket.size() != n) {
                throw new IllegalStateException("bucket holds " + bucket.size() + ", wanted " + n);
            }
        }

        /** One interrupt: {@value #BATCH} unlock_page wakes of the same page, each re-queueing its waiter. */
        @Override
        public void runOn(Cpu c) {
            for (int i = 0; i < BATCH; i++) {
                WaitBit.wakeUpBit(bucket, page, PG_LOCKED, sched);
                bucket.prepareToWaitExclusive(waiter.wait, TaskState.UNINTERRUPTIBLE);
            }
            calls += BATCH;
        }

        @Override
        public long runFor(long wallNanos) {
            long before = calls;
            long end = System.nanoTime() + wallNanos;
            do {
                cpu.raiseIrq(this);
                sim.run();
            } while (System.nanoTime() < end);
            return calls - before;
        }
    }
}
