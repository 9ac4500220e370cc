package dev.aiolab.lab;

import dev.aiolab.kernel.KernelConfig;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * The seed thread's central question as one experiment: as the number of concurrent buffered AIO
 * reads sharing the hashed page wait table grows, with synchronous readers beside them, what do
 * retries, wakeup fan-out and latency do under
 * <ul>
 *   <li>mainline 2.6.12, where a buffered AIO read blocks in {@code io_submit};</li>
 *   <li>filesystem AIO with a plain kiocb wait entry, kicked by every wake on its bucket;</li>
 *   <li>the seed's wait-bit filtered AIO.</li>
 * </ul>
 * A 2005-sized machine: 2 CPUs, 64 MiB (so the 2.6.12 zone wait table has 64 buckets), a 7200 rpm disk,
 * a 1 GiB file read at random, two synchronous readers beside the AIO job.
 */
public final class Flagship {
    private Flagship() {}

    /** The AIO queue depths swept: concurrent buffered AIO reads. */
    public static final int[] IODEPTHS = {1, 8, 32, 128};

    /** The kernels compared, in the order of the thread's history. */
    public static List<KernelConfig> kernels() {
        return List.of(KernelConfig.linux2612(), KernelConfig.fsAioPlainWait(), KernelConfig.aioWaitBit());
    }

    /** The machine: 2 CPUs, 64 MiB, a 7200 rpm disk, a 1 GiB file. */
    public static Machine machine() {
        return Machine.builder().cpus(2).memory("64M").disk(Disk.hdd7200()).file("data", "1G")
                .kernel(KernelConfig.aioWaitBit()).build();
    }

    /** One point: an AIO job of {@code iodepth} buffered random 4 KiB reads and two sync readers. */
    public static Experiment experiment(int iodepth, int aioReads) {
        return Experiment.on(machine()).seed(2005)
                .job(Job.aio("aio-readers").file("data").rw("randread").bs("4k").iodepth(iodepth)
                        .iodepthBatchSubmit(iodepth).ios(aioReads))
                .job(Job.sync("sync-readers").file("data").rw("randread").bs("4k").numjobs(2)
                        .ios(aioReads / 4));
    }

    /** One run of the sweep. */
    private record Point(KernelConfig kernel, int iodepth) {
        @Override
        public String toString() {
            return kernel.name() + " iodepth=" + iodepth;
        }
    }

    /** The results of the flagship sweep. */
    public record Results(Table sweep, List<RunResult> runs, List<RunResult> deepest) {}

    /** Runs the sweep: every kernel at every queue depth. */
    public static Results run(int aioReads, ProgressListener progress) {
        Experiment e = experiment(IODEPTHS[0], aioReads);
        List<Point> combos = new ArrayList<>();
        for (KernelConfig k : kernels()) {
            for (int d : IODEPTHS) {
                combos.add(new Point(k, d));
            }
        }
        // one point per (kernel, iodepth); the batch size follows the depth, so each point is its own run
        Sweep<Experiment> diag = Sweep.of(e).vary("run", combos.toArray()).seeds(2005).progress(progress)
                .runner(p -> {
                    Point c = p.get("run", Point.class);
                    return experiment(c.iodepth(), aioReads).withMachine(machine().withKernel(c.kernel()))
                            .label(c.kernel().name()).run();
                });
        Table table = diag.run();
        List<RunResult> runs = new ArrayList<>(diag.results());
        List<RunResult> deepest = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if ((i + 1) % IODEPTHS.length == 0) {
                deepest.add(runs.get(i));
            }
        }
        return new Results(tabulate(table, runs), runs, deepest);
    }

    /** The sweep table with readable kernel and iodepth columns instead of the combined point. */
    private static Table tabulate(Table raw, List<RunResult> runs) {
        Table t = raw.copy();
        tech.tablesaw.api.StringColumn kernel = tech.tablesaw.api.StringColumn.create("kernel");
        tech.tablesaw.api.IntColumn depth = tech.tablesaw.api.IntColumn.create("iodepth");
        for (int i = 0; i < runs.size(); i++) {
            kernel.append(kernels().get(i / IODEPTHS.length).name());
            depth.append(IODEPTHS[i % IODEPTHS.length]);
        }
        t.removeColumns("run");
        t.insertColumn(1, kernel);
        t.insertColumn(2, depth);
        return t.setName("flagship");
    }
}
