package dev.aiolab.lab;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.trace.Fault;
import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.kernel.trace.TraceRecords;
import dev.aiolab.metrics.HeapFootprint;
import dev.aiolab.metrics.Recorder;
import dev.aiolab.metrics.RunTotals;
import java.util.List;
import java.util.SplittableRandom;

/** RunResults made of synthetic events, standing in for the kernel model in lab and chart tests. */
public final class SyntheticRuns {
    private SyntheticRuns() {}

    public static Machine machine(KernelConfig kernel) {
        return Machine.builder().cpus(2).memory("256M").disk(Disk.hdd7200()).file("data", "1G").kernel(kernel)
                .build();
    }

    public static List<Job> jobs(int iodepth) {
        return List.of(Job.aio("reader").rw("randread").bs("4k").size("64M").iodepth(iodepth).file("data").build());
    }

    /** A run of {@code ios} synthetic I/Os, wake calls whose fan-out grows with {@code fanOut}, and a timeline. */
    public static RunResult run(KernelConfig kernel, int iodepth, long seed, int ios, int fanOut) {
        Recorder r = Recorder.full();
        HeapFootprint.feedSynthetic(r, ios, seed * 31 + iodepth);
        SplittableRandom rng = new SplittableRandom(seed);
        long t = 0;
        for (int i = 0; i < ios / 2; i++) {
            t += 10_000;
            int visited = 1 + rng.nextInt(fanOut);
            int woken = 1 + rng.nextInt(visited);
            r.wakeCall(TraceRecords.wake(t, rng.nextInt(64), rng.nextInt(100), 0, visited, woken, visited - woken,
                    Probe.WalkStop.END_OF_LIST, visited * 100L + woken * 1_500L));
        }
        for (int s = 0; s < 50; s++) {
            r.sample(s * 1_000_000L, rng.nextInt(iodepth + 1), rng.nextInt(4), rng.nextDouble(), 1000 + s, s % 7);
        }
        r.fault(new Fault(5_000, "RETRY_LIMIT", "reader/0", "1/3", "aio_run_iocb", "kiocb <gave up> after 3 retries",
                ""));
        r.fault(new Fault(9_000, "HANG", "reader/0", "1/9", "__wait_on_bit_lock", "waiter asleep at the end of the run",
                "bucket 17 key 4:0"));
        RunResult res = new RunResult(RunResult.manifest(machine(kernel), jobs(iodepth), seed), r,
                new RunTotals(50_000_000L, 20_000_000L, 5_000_000L, 3_000_000L, 1_000_000L, 40_000_000L, 1));
        return res;
    }
}
