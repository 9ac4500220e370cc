package dev.aiolab.cli.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Ten million simulated I/Os in aggregates-only mode must fit in a 512 MB heap: runs {@link BigRun}
 * in a child JVM with {@code -Xmx512m} and reports simulated I/Os per wall second; a run that does not
 * fit fails with OutOfMemoryError and the row reports 0.
 */
final class BigRunBenchmark implements Benchmark {
    @Override
    public String name() {
        return "aggregates-10M-xmx512m";
    }

    @Override
    public String unit() {
        return "simulated I/Os/s";
    }

    @Override
    public Result run(Budget budget) {
        boolean quick = budget.trialNanos() < 100_000_000L;
        long ios = quick ? 20_000 : 10_000_000;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m"));
        // the child runs with this JVM's collector, so the row measures what the other rows do
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.matches("-XX:\\+Use\\w+GC")).forEach(cmd::add);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BigRun.class.getName(), Long.toString(ios)));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String last = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    last = line;
                }
            }
            int rc = p.waitFor();
            if (rc != 0 || last == null || !last.matches("\\d+ [0-9.]+ [0-9.]+")) {
                System.err.println("aiolab bench: " + name() + " failed (exit " + rc + "): " + last);
                return Result.ours(0);
            }
            String[] f = last.split(" ");
            double wall = Double.parseDouble(f[1]);
            return Result.ours(Long.parseLong(f[0]) / wall,
                    new Result.Derived(name() + "-ios", "simulated I/Os", Long.parseLong(f[0])),
                    new Result.Derived(name() + "-wall", "s", wall),
                    new Result.Derived(name() + "-heap-used", "MB at end", Double.parseDouble(f[2])));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.ours(0);
        }
    }
}
