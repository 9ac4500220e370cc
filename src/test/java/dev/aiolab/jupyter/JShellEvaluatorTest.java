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
    void systemExitInACellIsAnErrorAndTheEvaluatorLivesOn() {
        CellOutcome o = eval.evaluate("System.exit(3)");
        assertThat(o.failure().name()).isEqualTo("java.lang.SecurityException");
        assertThat(eval.evaluate("1 + 1").value()).isEqualTo(2);
    }

    @Test
    void interruptStopsACellThatChecksTheFlagAndTheNextCellRuns() throws Exception {
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                return;
            }
            eval.interrupt();
        });
        long t0 = System.nanoTime();
        interrupter.start();
        CellOutcome o = eval.evaluate("long n = 0; while (!Thread.currentThread().isInterrupted()) { n++; }"
                + " if (Thread.interrupted()) throw new InterruptedException(\"stopped\");");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(o.failure().name()).isEqualTo("Interrupted");
        assertThat(ms).isLessThan(2000);
        assertThat(eval.evaluate("\"alive\"").value()).isEqualTo("alive");
    }

    @Test
    void aCellThatIgnoresItsInterruptIsStoppedAndTheNextCellRuns() {
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                return;
            }
            eval.interrupt();
        });
        long t0 = System.nanoTime();
        interrupter.start();
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
