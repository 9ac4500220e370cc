package dev.aiolab.cli.bench;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.lab.Disk;
import dev.aiolab.lab.Experiment;
import dev.aiolab.lab.Job;
import dev.aiolab.lab.Machine;
import dev.aiolab.lab.RunResult;

/**
 * A run of many I/Os in aggregates-only mode, in its own JVM with a small heap: buffered 4 KiB AIO
 * random reads at iodepth 32 on a RAM disk (so the simulation, not the device, sets the pace).
 * Prints "ios wall_s heap_used_mb".
 */
public final class BigRun {
    private BigRun() {}

    public static void main(String[] args) {
        long ios = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        Machine m = Machine.builder().cpus(2).memory("256M").disk(Disk.ram().with("capacity_gb", 8))
                .file("data", "4G").kernel(KernelConfig.aioWaitBit()).build();
        long t0 = System.nanoTime();
        RunResult r = Experiment.on(m).seed(1).aggregatesOnly()
                .job(Job.aio("big").file("data").rw("randread").bs("4k").iodepth(32).iodepthBatchSubmit(8)
                        .ios(ios)).run();
        double wall = (System.nanoTime() - t0) / 1e9;
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long done = r.summary().row(0).getLong("ios");
        System.out.printf("%d %.3f %.1f%n", done, wall, used / 1048576.0);
    }
}
