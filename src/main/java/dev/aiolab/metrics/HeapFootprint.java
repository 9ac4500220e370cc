package dev.aiolab.metrics;

import dev.aiolab.kernel.trace.IoRecord;
import java.util.SplittableRandom;

/**
 * Measures the heap a {@link Recorder} holds per I/O: records {@code n} synthetic full I/O records
 * and compares used heap after garbage collection before and after. A benchmark figure to print
 * ({@code aiolab bench}), not a test assertion: it depends on the JVM and its collector.
 */
public final class HeapFootprint {
    private HeapFootprint() {}

    /** Heap bytes per I/O for {@code n} synthetic I/Os recorded in {@code mode}. */
    public static double bytesPerIo(int n, Recorder.Mode mode) {
        long before = usedAfterGc();
        Recorder r = new Recorder(mode);
        feedSynthetic(r, n, 42);
        long after = usedAfterGc();
        double perIo = (double) (after - before) / n;
        if (r.completedIos() != n) {
            throw new AssertionError("recorder lost records");
        }
        return perIo;
    }

    /** Feeds {@code n} synthetic I/O completions (two jobs, reads and writes) with seed {@code seed}. */
    public static void feedSynthetic(Recorder r, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] jobs = {r.jobCode("reader"), r.jobCode("writer")};
        int engine = r.engineCode("libaio");
        long t = 0;
        IoRecord record = new IoRecord();
        for (int i = 0; i < n; i++) {
            int j = jobs[i & 1];
            t += rng.nextInt(1_000, 20_000);
            long lat = 50_000 + rng.nextInt(5_000_000);
            IoRecord io = record.clearCounts();
            io.job = j;
            io.task = 100 + (i & 7);
            io.op = (i & 1) == 0 ? Recorder.OP_READ : Recorder.OP_WRITE;
            io.engine = engine;
            io.aio = true;
            io.offset = rng.nextLong(1L << 30) & ~4095L;
            io.bytes = 4096;
            io.submitNs = t;
            io.completeNs = t + lat;
            io.slatNs = rng.nextInt(20_000);
            io.retries = rng.nextInt(4);
            io.kicks = rng.nextInt(3);
            io.wakeups = rng.nextInt(5);
            io.spurious = rng.nextInt(2);
            io.lostWakeups = rng.nextInt(2);
            io.workerWaitNs = rng.nextInt(2_000_000);
            io.cacheHits = rng.nextInt(2);
            io.cacheMisses = rng.nextInt(2);
            io.result = 4096;
            r.ioCompleted(io);
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** Prints the figure: {@code [n] [FULL|AGGREGATES_ONLY]}, both modes by default, n = 1,000,000. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Recorder.Mode[] modes = args.length > 1 ? new Recorder.Mode[] {Recorder.Mode.valueOf(args[1])}
                : Recorder.Mode.values();
        for (Recorder.Mode m : modes) {
            System.out.println(report(n, m));
        }
    }

    /** One line: mode, bytes per I/O, number of I/Os and the heap limit. */
    public static String report(int n, Recorder.Mode mode) {
        return String.format(java.util.Locale.ROOT, "Recorder %s: %.1f heap bytes per I/O over %,d I/Os (max heap %d MB)",
                mode, bytesPerIo(n, mode), n, Runtime.getRuntime().maxMemory() >> 20);
    }
}
