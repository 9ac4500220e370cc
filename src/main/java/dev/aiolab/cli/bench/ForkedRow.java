package dev.aiolab.cli.bench;

import java.util.List;
import java.util.Locale;

/**
 * A row measured in a child JVM whose heap never changes size and is touched before the row starts.
 * A whole-stack row allocates some 460 bytes per simulated I/O. In a JVM whose heap is still
 * growing (or whose collector moves the boundary between eden and survivor spaces), the allocator
 * and the collector keep reaching memory the kernel has never mapped, and a timed trial pays a page
 * fault every few I/Os: 5-8% of the AIO row's profile, and tens of thousands of faults a second
 * well after the warm-up. With a fixed, pre-touched heap a trial takes none, and the row reports
 * the same figure whether it runs alone or after others.
 */
final class ForkedRow implements Benchmark {
    /** Heap options of a whole-stack row's JVM: 2 GiB, 1 GiB of it young, all touched at start-up. */
    static final List<String> STEADY_HEAP = List.of("-Xms2g", "-Xmx2g", "-Xmn1g", "-XX:+AlwaysPreTouch");

    private final Benchmark row;
    private final List<String> jvmArgs;

    /** {@code row} must have a no-argument constructor and report only its own figure. */
    ForkedRow(Benchmark row, List<String> jvmArgs) {
        this.row = row;
        this.jvmArgs = jvmArgs;
    }

    @Override
    public String name() {
        return row.name();
    }

    @Override
    public String unit() {
        return row.unit();
    }

    @Override
    public Result run(Budget budget) {
        String last = ChildJvm.run(name(), jvmArgs, ForkedRow.class, List.of(row.getClass().getName(),
                Long.toString(budget.warmupNanos()), Long.toString(budget.trialNanos()),
                Integer.toString(budget.trials())), "figure [0-9.]+");
        return Result.ours(last == null ? 0 : Double.parseDouble(last.substring("figure ".length())));
    }

    /** In the child: {@code row-class warmup-ns trial-ns trials}; prints {@code figure <value>} last. */
    public static void main(String[] args) throws ReflectiveOperationException {
        var ctor = Class.forName(args[0]).asSubclass(Benchmark.class).getDeclaredConstructor();
        ctor.setAccessible(true);
        Benchmark row = ctor.newInstance();
        Result r = row.run(new Budget(Long.parseLong(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3])));
        if (r.hasPeer() || !r.derived().isEmpty()) {
            throw new IllegalStateException(row.name() + " reports more than its own figure, which is all a "
                    + "forked row forwards");
        }
        System.out.printf(Locale.ROOT, "figure %.1f%n", r.aiolab());
    }
}
