package dev.aiolab.jupyter;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How a {@link JShellEvaluator} is set up. {@link #fromEnvironment(Map)} reads IJava's variables under aiolab's
 * prefix, with IJava's meaning:
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><td>AIOLAB_CLASSPATH</td><td>extra class path entries (path-separator list, globs allowed)</td></tr>
 *   <tr><td>AIOLAB_STARTUP_SCRIPTS_PATH</td><td>.jsh scripts run at startup (path-separator list, globs)</td></tr>
 *   <tr><td>AIOLAB_STARTUP_SCRIPT</td><td>a block of Java code run at startup, after the scripts</td></tr>
 *   <tr><td>AIOLAB_TIMEOUT</td><td>a cell's time limit in milliseconds; -1 (the default) for none</td></tr>
 *   <tr><td>AIOLAB_COMPILER_OPTS</td><td>javac options for cells, space separated</td></tr>
 *   <tr><td>AIOLAB_JVM_OPTS</td><td>JVM options; read by the launchers ({@code bin/aiolab}, {@code kernel start})</td></tr>
 * </table>
 *
 * @param classpath      entries added to the cells' class path, after the JVM's own
 * @param compilerOptions javac options
 * @param startupScripts .jsh files evaluated after the built-in imports
 * @param startupCode    code evaluated last at startup
 * @param timeoutMillis  per-cell limit, or -1
 * @param guardExit      make System.exit in a cell an exception instead of the end of the JVM
 */
public record EvaluatorOptions(List<String> classpath, List<String> compilerOptions, List<Path> startupScripts,
                               String startupCode, long timeoutMillis, boolean guardExit) {

    public static EvaluatorOptions defaults() {
        return new EvaluatorOptions(List.of(), List.of(), List.of(), "", -1, true);
    }

    public static EvaluatorOptions fromEnvironment(Map<String, String> env) {
        List<String> cp = new ArrayList<>();
        for (Path p : resolveGlobs(env.getOrDefault("AIOLAB_CLASSPATH", ""))) {
            cp.add(p.toString());
        }
        List<String> opts = splitOptions(env.getOrDefault("AIOLAB_COMPILER_OPTS", ""));
        List<Path> scripts = resolveGlobs(env.getOrDefault("AIOLAB_STARTUP_SCRIPTS_PATH", ""));
        String code = env.getOrDefault("AIOLAB_STARTUP_SCRIPT", "");
        long timeout = -1;
        String t = env.getOrDefault("AIOLAB_TIMEOUT", "").trim();
        if (!t.isEmpty()) {
            try {
                timeout = Long.parseLong(t);
            } catch (NumberFormatException e) {
                System.getLogger("dev.aiolab.jupyter").log(System.Logger.Level.WARNING,
                        "AIOLAB_TIMEOUT is not a number of milliseconds: " + t);
            }
        }
        return new EvaluatorOptions(cp, opts, scripts, code, timeout, true);
    }

    public EvaluatorOptions withGuardExit(boolean guard) {
        return new EvaluatorOptions(classpath, compilerOptions, startupScripts, startupCode, timeoutMillis, guard);
    }

    static List<String> splitOptions(String s) {
        String trimmed = s.trim();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }

    /**
     * Paths named by a path-separator list whose entries may end in a glob over one directory level
     * ({@code lib/*.jar}, {@code libs/*}). Entries that match nothing are dropped.
     */
    public static List<Path> resolveGlobs(String list) {
        List<Path> out = new ArrayList<>();
        for (String entry : list.split(File.pathSeparator)) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            if (e.startsWith("~" + File.separator)) {
                e = System.getProperty("user.home") + e.substring(1);
            }
            if (!e.contains("*") && !e.contains("?")) {
                Path p = Paths.get(e);
                if (Files.exists(p)) {
                    out.add(p.toAbsolutePath().normalize());
                }
                continue;
            }
            Path glob = Paths.get(e);
            Path dir = glob.getParent() == null ? Paths.get(".") : glob.getParent();
            List<Path> matches = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob.getFileName().toString())) {
                ds.forEach(p -> matches.add(p.toAbsolutePath().normalize()));
            } catch (IOException ignored) {
                // a directory that does not exist contributes nothing, as in IJava
            }
            matches.sort(null);
            out.addAll(matches);
        }
        return out;
    }
}
