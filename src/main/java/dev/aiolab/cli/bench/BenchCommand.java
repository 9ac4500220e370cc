package dev.aiolab.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aiolab bench}: engine and wake-path throughput, side by side with the peer engine SSJ. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures events per second of the engine (M/M/1, hold model) against SSJ, "
                + "and wake calls per second of a wait-queue wake storm.",
            "Run it on one core: taskset -c 1 bin/aiolab bench"})
public final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--quick", description = "Short smoke run; the figures mean nothing.")
    boolean quick;

    @Option(names = "--rows", split = ",", paramLabel = "NAME",
            description = "Rows to run (default: all): ${COMPLETION-CANDIDATES}")
    List<String> rows;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Also write the rows to FILE: benchmark,unit,aiolab,peer,peer_value")
    Path csv;

    @Option(names = "--queues", description = "Compare pending-event structures on the hold model instead.")
    boolean queues;

    @Option(names = "--peer-list", paramLabel = "LIST", defaultValue = SsjPeer.FASTEST,
            description = "SSJ event list: SplayTree, Henriksen, BinaryTree, RedblackTree, DoublyLinked, "
                    + "or fastest: try each on every row and keep the fastest (default: ${DEFAULT-VALUE}).")
    String peerList;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Budget budget = quick ? Budget.QUICK : Budget.FULL;
        List<String[]> csvRows = new ArrayList<>();
        out.printf("aiolab bench: %d CPU(s) available, %s %s, collectors %s; %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), collectors(), describe(budget));
        if (queues) {
            runQueues(out, budget, csvRows);
        } else {
            if (!runRows(out, budget, csvRows)) {
                return 2;
            }
        }
        if (csv != null) {
            writeCsv(csvRows);
            out.println("wrote " + csv);
        }
        out.flush();
        return 0;
    }

    private static String describe(Budget b) {
        return String.format(Locale.ROOT, "%.1f s warm-up, best of %d trial(s) of %.1f s per engine",
                b.warmupNanos() / 1e9, b.trials(), b.trialNanos() / 1e9);
    }

    private boolean runRows(PrintWriter out, Budget budget, List<String[]> csvRows) {
        SsjPeer peer = new SsjPeer(peerList);
        List<Benchmark> all = Benchmarks.all(peer);
        List<Benchmark> chosen = new ArrayList<>();
        if (rows == null || rows.isEmpty()) {
            chosen.addAll(all);
        } else {
            for (String r : rows) {
                Benchmark b = all.stream().filter(x -> x.name().equals(r)).findFirst().orElse(null);
                if (b == null) {
                    spec.commandLine().getErr().println("unknown row " + r + "; rows are "
                            + all.stream().map(Benchmark::name).toList());
                    return false;
                }
                chosen.add(b);
            }
        }
        out.printf("peer: SSJ 3.3.2 simevents, event list: %s; every workload in its own class loader%n%n",
                peer.list());
        out.printf("%-18s %-18s %14s %14s %8s  %s%n", "benchmark", "unit", "aiolab", "ssj", "ratio", "ssj list");
        out.flush();
        for (Benchmark b : chosen) {
            Result r = b.run(budget);
            if (r.hasPeer()) {
                out.printf(Locale.ROOT, "%-18s %-18s %,14.0f %,14.0f %7.2fx  %s%n", b.name(), b.unit(), r.aiolab(),
                        r.peerValue(), r.aiolab() / r.peerValue(), r.peer().substring(r.peer().indexOf('/') + 1));
                csvRows.add(new String[] {b.name(), b.unit(), num(r.aiolab()), r.peer(), num(r.peerValue())});
            } else {
                out.printf(Locale.ROOT, "%-18s %-18s %,14.0f %14s%n", b.name(), b.unit(), r.aiolab(), "-");
                csvRows.add(new String[] {b.name(), b.unit(), num(r.aiolab()), "", ""});
            }
            for (Result.Derived d : r.derived()) {
                out.printf(Locale.ROOT, "%-18s %-18s %,14.0f %14s%n", d.name(), d.unit(), d.aiolab(), "-");
                csvRows.add(new String[] {d.name(), d.unit(), num(d.aiolab()), "", ""});
            }
            out.flush();
        }
        return true;
    }

    private void runQueues(PrintWriter out, Budget budget, List<String[]> csvRows) {
        out.printf("hold model on the bare structures, events/s%n%n");
        out.printf("%-24s %14s %14s %16s%n", "structure", "10 pending", "1,000 pending", "100,000 pending");
        out.flush();
        List<QueueComparison.Row> rs = QueueComparison.run(budget);
        List<String> names = rs.stream().map(QueueComparison.Row::structure).distinct().toList();
        for (String name : names) {
            StringBuilder line = new StringBuilder(String.format("%-24s", name));
            for (int pending : QueueComparison.PENDING) {
                String width = pending == 100_000 ? "%16s" : "%14s";
                String cell = "-";
                for (QueueComparison.Row r : rs) {
                    if (r.structure().equals(name) && r.pending() == pending) {
                        cell = String.format(Locale.ROOT, "%,.0f", r.rate());
                        csvRows.add(new String[] {"queue-hold-" + pending + "/"
                            + name.replace(", ", "-").replace(' ', '-'), "events/s", num(r.rate()), "", ""});
                    }
                }
                line.append(' ').append(String.format(width, cell));
            }
            out.println(line);
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private void writeCsv(List<String[]> csvRows) throws IOException {
        StringBuilder sb = new StringBuilder("benchmark,unit,aiolab,peer,peer_value\n");
        for (String[] r : csvRows) {
            sb.append(String.join(",", r)).append('\n');
        }
        Files.writeString(csv, sb.toString());
    }

    /** The garbage collectors of this JVM, by their MXBean names ("PS Scavenge + PS MarkSweep"). */
    static String collectors() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName)
                .collect(java.util.stream.Collectors.joining(" + "));
    }
}
