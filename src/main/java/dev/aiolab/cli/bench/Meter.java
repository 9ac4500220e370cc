package dev.aiolab.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.DoubleSupplier;

/** Times {@link Workload}s: warm-up, then the best of the interleaved trials of a {@link Budget}. */
public final class Meter {
    private Meter() {}

    /** Events per wall second of {@code w}: warm-up, then best of {@code budget.trials()}. */
    public static double rate(Workload w, Budget budget) {
        return rates(new Workload[] {w}, budget)[0];
    }

    /**
     * Events per wall second of each workload; trials are interleaved across workloads, in turn
     * forwards and backwards, so that a burst of noise or the garbage one leaves does not land on
     * one of them only.
     */
    public static double[] rates(Workload[] ws, Budget budget) {
        for (Workload w : ws) {
            w.runFor(budget.warmupNanos());
        }
        double[] best = new double[ws.length];
        for (int t = 0; t < budget.trials(); t++) {
            for (int k = 0; k < ws.length; k++) {
                int i = t % 2 == 0 ? k : ws.length - 1 - k;
                long t0 = System.nanoTime();
                long n = ws[i].runFor(budget.trialNanos());
                long dt = System.nanoTime() - t0;
                best[i] = Math.max(best[i], n * 1e9 / dt);
            }
        }
        return best;
    }

    /**
     * Runs {@code warmUp} until the JIT has settled: until a run during which the compilers worked
     * for under {@code quietMillis} ms, or {@code maxRuns} runs. A whole-stack row exercises
     * hundreds of methods, which C2 keeps compiling for several seconds on one core; a trial timed
     * before then measures the compiler as much as the model. Returns the runs made.
     */
    public static int warmUntilJitQuiet(Runnable warmUp, long quietMillis, int maxRuns) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        for (int run = 1; run <= maxRuns; run++) {
            long before = timed ? jit.getTotalCompilationTime() : 0;
            warmUp.run();
            if (timed && jit.getTotalCompilationTime() - before < quietMillis) {
                return run;
            }
        }
        return maxRuns;
    }

    /**
     * A whole-stack row's figure: {@code warmUp} once on a quick budget, else until the JIT has
     * settled ({@link #warmUntilJitQuiet}, under 50 ms of compiling, at most 15 runs); then the best
     * of the budget's trials of {@code trial}, which returns its run's rate.
     */
    public static double bestAfterJitSettles(Budget budget, Runnable warmUp, DoubleSupplier trial) {
        if (budget.isQuick()) {
            warmUp.run();
        } else {
            warmUntilJitQuiet(warmUp, 50, 15);
        }
        double best = 0;
        for (int i = 0; i < budget.trials(); i++) {
            best = Math.max(best, trial.getAsDouble());
        }
        return best;
    }
}
