package dev.aiolab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class JShellEvaluatorTest {

    static JShellEvaluator eval;

    @BeforeAll
    static void start() {
        eval = new JShellEvaluator(EvaluatorOptions.defaults());
        eval.awaitReady();
    }

    @AfterAll
    static void stop() {
        eval.close();
    }

    @Test
    void aCellsValueIsItsLastExpressionAsALiveObject() {
        CellOutcome o = eval.evaluate("int a = 20;\nint b = 22;\njava.util.List.of(a, b)");
        assertThat(o.failed()).isFalse();
        assertThat(o.hasValue()).isTrue();
        assertThat(o.value()).isEqualTo(java.util.List.of(20, 22));
    }

    @Test
    void aCellEndingInAStatementHasNoValue() {
        assertThat(eval.evaluate("int unused = 3;").hasValue()).isFalse();
    }

    @Test
    void startupImportsTablesawAndXChartAndTheDisplayHelpers() {
        CellOutcome o = eval.evaluate("Table.create(\"t\", IntColumn.create(\"x\", 1, 2, 3))");
        assertThat(o.value()).isInstanceOf(Table.class);
        assertThat(eval.evaluate("new XYChart(100, 100)").failed()).isFalse();
        assertThat(eval.evaluate("Runnable r = () -> clearOutput(); r").failed()).isFalse();
        assertThat(eval.startupProblems()).isEmpty();
    }

    @Test
    void anExceptionNamesItsClassMessageAndSnippet() {
        CellOutcome o = eval.evaluate("int x = 1;\nthrow new IllegalStateException(\"boom\");");
        assertThat(o.failed()).isTrue();
        assertThat(o.failure().name()).isEqualTo("java.lang.IllegalStateException");
        assertThat(o.failure().message()).isEqualTo("boom");
        assertThat(o.failure().snippet()).isEqualTo(2);
        assertThat(o.failure().tracebackText()).contains("IllegalStateException: boom").contains("at cell");
    }

    @Test
    void aCompilationErrorPointsAtTheCode() {
        CellOutcome o = eval.evaluate("int y = \"text\";");
        assertThat(o.failure().name()).isEqualTo("CompilationError");
        assertThat(o.failure().tracebackText()).contains("int y = \"text\";").contains("^");
    }

    @Test
    void plainValuesAreArithmeticConstantsFieldsAndElementsButNotCallsNamesOrDeclarations() {
        assertThat(java.util.List.of("1 + 1", "x * 2;", "a[1] - b.length", "\"s\" + x", "p.x", "-1e9",
                "b ? 1 : 2", "k == 3", "x++", "String.class"))
                .allMatch(JShellEvaluator::isPlainValue);
        assertThat(java.util.List.of("f()", "x", "$3", "x = 1", "x += 1", "int x", "new int[3]", "(1 + 1)",
                "() -> 1", "new Object() {}", "\"a b\"", "1 // one", "o instanceof String", "\\u0028", ""))
                .noneMatch(JShellEvaluator::isPlainValue);
    }

    @Test
    void aPlainValueIsItsObjectAndFailuresReadAsJShellsOwn() {
        assertThat(eval.evaluate("int[] xs = {4, 5};\nxs[1] * 2").value()).isEqualTo(10);
        CellOutcome div = eval.evaluate("1 / (xs[0] - 4)");
        assertThat(div.failure().name()).isEqualTo("java.lang.ArithmeticException");
        CellOutcome zero = eval.evaluate("int zero = 0;\n7 / zero");
        assertThat(zero.failure().name()).isEqualTo("java.lang.ArithmeticException");
        assertThat(zero.failure().snippet()).isEqualTo(2);
        // a package name is no value: the cell falls back to JShell, whose diagnostic the user sees
        CellOutcome pkg = eval.evaluate("java.util");
        assertThat(pkg.failure().name()).isEqualTo("CompilationError");
        assertThat(pkg.failure().tracebackText()).contains("java.util").doesNotContain("Object $");
        assertThat(eval.evaluate("undeclaredThing + 1").failure().name()).isEqualTo("CompilationError");
    }

    @Test
    void valuesAreNumberedInOrderAndTheRecentOnesAndEveryOneACellNamesStayReachable() {
        try (JShellEvaluator e = new JShellEvaluator(EvaluatorOptions.defaults())) {
            e.awaitReady();
            assertThat(e.evaluate("100 + 1").value()).isEqualTo(101); // $1, a plain value
            assertThat(e.evaluate("\"\" + java.util.List.of(1).size()").value()).isEqualTo("1"); // $2, by JShell
            assertThat(e.evaluate("$2 + \"!\"").value()).isEqualTo("1!"); // $3; $2 is now named by a cell
            for (int i = 0; i < JShellEvaluator.KEEP_VALUES + 2; i++) {
                e.evaluate(i + " * 2");
            }
            int last = 3 + JShellEvaluator.KEEP_VALUES + 2;
            assertThat(e.evaluate("$" + last).value()).isEqualTo((JShellEvaluator.KEEP_VALUES + 1) * 2);
            assertThat(e.evaluate("$2").value()).isEqualTo("1");
            assertThat(e.evaluate("$1").failure().name())
                    .as("the oldest value, never named, was forgotten").isEqualTo("CompilationError");
        }
    }

    @Test
    void systemExitInACellIsAnErrorAndTheEvaluatorLivesOn() {
        CellOutcome o = eval.evaluate("System.exit(3)");
        assertThat(o.failure().name()).isEqualTo("java.lang.SecurityException");
        assertThat(eval.evaluate("1 + 1").value()).isEqualTo(2);
    }

    /** Interrupts the running cell from another thread {@code ms} milliseconds from now. */
    private void interruptAfter(long ms) {
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException ignored) {
                return;
            }
            eval.interrupt();
        });
        interrupter.start();
    }

    @Test
    void interruptStopsACellThatChecksTheFlagAndTheNextCellRuns() throws Exception {
        long t0 = System.nanoTime();
        interruptAfter(300);
        CellOutcome o = eval.evaluate("long n = 0; while (!Thread.currentThread().isInterrupted()) { n++; }"
                + " if (Thread.interrupted()) throw new InterruptedException(\"stopped\");");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(o.failure().name()).isEqualTo("Interrupted");
        assertThat(ms).isLessThan(2000);
        assertThat(eval.evaluate("\"alive\"").value()).isEqualTo("alive");
    }

    @Test
    void aCellThatIgnoresItsInterruptIsStoppedAndTheNextCellRuns() {
        long t0 = System.nanoTime();
        interruptAfter(300);
        CellOutcome o = eval.evaluate("long spins = 0; while (true) { spins++; }");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(o.failure().name()).isEqualTo("Interrupted");
        assertThat(ms).isLessThan(6000);
        assertThat(eval.evaluate("21 * 2").value()).isEqualTo(42);
    }

    @Test
    void magicsLoadScriptsAndExtendTheClassPath(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("helpers.jsh");
        Files.writeString(script, "int triple(int x) { return 3 * x; }\n");
        Path java = dir.resolve("Greeter.java");
        Files.writeString(java, "package demo;\npublic class Greeter { public static String hi() { return \"hi\"; } }\n");
        assertThat(eval.evaluate("%load " + script + "\ntriple(5)").value()).isEqualTo(15);
        assertThat(eval.evaluate("%load " + java + "\nGreeter.hi()").value()).isEqualTo("hi");
        assertThat(eval.evaluate("%classpath " + dir.resolve("nothing-here.jar")).failure().name())
                .isEqualTo("MagicError");
        assertThat(eval.evaluate("%classpath " + dir).failed()).isFalse();
    }

    @Test
    void environmentVariablesHaveIJavasMeaning(@TempDir Path dir) throws Exception {
        Path scripts = dir.resolve("scripts");
        Files.createDirectories(scripts);
        Files.writeString(scripts.resolve("a.jsh"), "int fromScript = 5;\n");
        Map<String, String> env = Map.of(
                "AIOLAB_STARTUP_SCRIPTS_PATH", scripts + "/*.jsh",
                "AIOLAB_STARTUP_SCRIPT", "int fromCode = fromScript + 1;",
                "AIOLAB_CLASSPATH", dir.toString(),
                "AIOLAB_TIMEOUT", "500",
                "AIOLAB_COMPILER_OPTS", "-Xlint:none");
        EvaluatorOptions opts = EvaluatorOptions.fromEnvironment(env);
        assertThat(opts.classpath()).containsExactly(dir.toAbsolutePath().normalize().toString());
        try (JShellEvaluator e = new JShellEvaluator(opts)) {
            assertThat(e.startupProblems()).isEmpty();
            assertThat(e.evaluate("fromCode").value()).isEqualTo(6);
            long t0 = System.nanoTime();
            CellOutcome slow = e.evaluate("Thread.sleep(30_000);");
            assertThat(slow.failure().name()).isEqualTo("EvaluationTimeout");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
            assertThat(e.evaluate("fromCode * 7").value()).isEqualTo(42);
        }
    }

    @Test
    void completionInspectionAndCompleteness() {
        JShellEvaluator.Completion c = eval.complete("int q = 1; Math.ma", 18);
        assertThat(c.matches()).contains("max(");
        assertThat(c.start()).isEqualTo(16);
        assertThat(eval.inspect("Math.max", 8)).contains("max(");
        assertThat(eval.isComplete("int z = 1;")).isEqualTo("complete");
        assertThat(eval.isComplete("for (int i = 0; i < 3; i++) {")).isBlank().isNotEqualTo("complete");
        assertThat(eval.isComplete("int w = 1)")).isEqualTo("invalid");
        assertThat(eval.isComplete("int v = ;")).isEqualTo("invalid");
    }
}
