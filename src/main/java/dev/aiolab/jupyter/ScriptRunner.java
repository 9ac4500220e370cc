package dev.aiolab.jupyter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs a JShell script snippet by snippet with the kernel's evaluator; the first failure ends the run. */
public final class ScriptRunner {

    private ScriptRunner() {
    }

    /**
     * Runs {@code script}; returns 0, or 1 after printing to {@code err} which snippet failed (its number, line and
     * first line of source) and its traceback.
     */
    public static int run(Path script, EvaluatorOptions options, PrintStream err) throws IOException {
        String source = Files.readString(script, StandardCharsets.UTF_8);
        try (JShellEvaluator eval = new JShellEvaluator(options)) {
            List<String> units = eval.units(source);
            int searchFrom = 0;
            for (int i = 0; i < units.size(); i++) {
                String unit = units.get(i);
                String firstLine = unit.strip().lines().findFirst().orElse("");
                int at = source.indexOf(firstLine, searchFrom);
                int line = at < 0 ? 0 : 1 + (int) source.substring(0, at).chars().filter(c -> c == '\n').count();
                if (at >= 0) {
                    searchFrom = at + firstLine.length();
                }
                CellOutcome o = eval.evaluate(unit, i + 1);
                if (o.failed()) {
                    System.out.flush();
                    err.println("aiolab run: " + script + ": snippet " + (i + 1)
                            + (line > 0 ? " (line " + line + ")" : "") + " failed: " + firstLine);
                    err.println(o.failure().tracebackText());
                    return 1;
                }
            }
        }
        return 0;
    }
}
