package dev.aiolab.cli.bench;

import java.util.List;
import java.util.Locale;

/**
 * A row measured in a child JVM whose young generation has a fixed size. A whole-stack row allocates
 * some 650 bytes per simulated I/O; in a JVM whose young generation is still growing, each growth
 * sends the allocator through memory the kernel has never mapped, and a timed trial then pays a page
 * fault every few I/Os (7-8% of the profile). With a fixed young generation the warm-up touches
 * all of it once and the trials measure the model. The row reports the same figure whether it runs
 * alone or after others.
 */
final class ForkedRow implements Benchmark {
    /** Heap options of a whole-stack row's JVM: 1 GiB of young generation, never resized. */
    static final List<String> STEADY_HEAP = List.of("-Xmx2g", "-Xmn1g");

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
