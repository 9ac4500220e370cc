package dev.aiolab.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A row measured in a JVM of its own: this JVM's {@code java}, class path and collector, plus the
 * row's own heap options, so the row's figure does not depend on what ran before it in this JVM.
 */
final class ChildJvm {
    private ChildJvm() {}

    /**
     * Runs {@code main} with {@code args} in a child JVM with {@code jvmArgs}; returns the last line
     * it printed if it exits with 0 and that line matches {@code lastLine}, else null after naming
     * {@code row}, the exit status and the line on standard error.
     */
    static String run(String row, List<String> jvmArgs, Class<?> main, List<String> args, String lastLine) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmArgs);
        // the child runs with this JVM's collector, so the row measures what the other rows do
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.matches("-XX:\\+Use\\w+GC")).forEach(cmd::add);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
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
            if (rc != 0 || last == null || !last.matches(lastLine)) {
                System.err.println("aiolab bench: " + row + " failed (exit " + rc + "): " + last);
                return null;
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
