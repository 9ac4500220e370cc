package dev.aiolab.jupyter;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the aiolab kernel spec: the template in kernel-spec/aiolab/ (shipped in the jar) with {@code "java"}
 * replaced by this JVM's java and {@code "aiolab.jar"} by the absolute path of the running jar (or, when running
 * from class directories, by {@code -cp <class path> dev.aiolab.cli.Main}).
 */
public final class KernelSpecs {

    private static final String TEMPLATE = "/kernel-spec/aiolab/";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private KernelSpecs() {
    }

    /** The java executable of this JVM. */
    public static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** How to start aiolab's Main in a new JVM from where this one found its classes. */
    public static List<String> mainLaunch() {
        Path code = ClassPaths.codeSource();
        if (Files.isRegularFile(code) && code.toString().endsWith(".jar")) {
            return List.of("-jar", code.toAbsolutePath().toString());
        }
        return List.of("-cp", String.join(File.pathSeparator, ClassPaths.expandedJvmClassPath()),
                "dev.aiolab.cli.Main");
    }

    /** Writes kernel.json, the logos and startup.jsh into {@code dir}, for the JVM and classes running now. */
    public static Path writeSpec(Path dir, String displayName) {
        try {
            Files.createDirectories(dir);
            JsonObject spec = JsonParser.parseString(Startup.resource(TEMPLATE + "kernel.json")).getAsJsonObject();
            JsonArray argv = new JsonArray();
            for (var e : spec.getAsJsonArray("argv")) {
                String a = e.getAsString();
                if (a.equals("java")) {
                    argv.add(javaExecutable());
                } else if (a.equals("-jar")) {
                    continue;
                } else if (a.equals("aiolab.jar")) {
                    mainLaunch().forEach(argv::add);
                } else {
                    argv.add(a);
                }
            }
            Path archive = classDataArchive(argv);
            if (archive != null) {
                JsonArray withArchive = new JsonArray();
                withArchive.add(argv.get(0));
                withArchive.add("-XX:SharedArchiveFile=" + archive);
                for (int i = 1; i < argv.size(); i++) {
                    withArchive.add(argv.get(i));
                }
                argv = withArchive;
            }
            spec.add("argv", argv);
            if (displayName != null) {
                spec.addProperty("display_name", displayName);
            }
            return writeFiles(dir, spec, "logo-32x32.png", "logo-64x64.png", "startup.jsh");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code spec} as {@code dir/kernel.json} and copies the template's {@code files} that exist beside it. */
    private static Path writeFiles(Path dir, JsonObject spec, String... files) throws IOException {
        Files.writeString(dir.resolve("kernel.json"), GSON.toJson(spec) + "\n", StandardCharsets.UTF_8);
        for (String f : files) {
            try (var in = KernelSpecs.class.getResourceAsStream(TEMPLATE + f)) {
                if (in != null) {
                    Files.copy(in, dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir;
    }

    /**
     * Writes the IJava/JJava variant (kernel-spec/ijava/) into {@code dir}: their kernel jar {@code baseKernelJar},
     * with aiolab's jar and libraries on its class path and the startup imports that exist as its startup script.
     */
    public static Path writeBaseKernelVariant(Path dir, Path baseKernelJar) {
        try {
            Files.createDirectories(dir);
            String cp = String.join(File.pathSeparator, ClassPaths.expandedJvmClassPath());
            String imports = Startup.presentImports().lines().filter(l -> l.startsWith("import"))
                    .reduce("", (a, b) -> a + b + "\n");
            JsonObject spec = JsonParser.parseString(Startup.resource("/kernel-spec/ijava/kernel.json")).getAsJsonObject();
            JsonArray argv = new JsonArray();
            for (var e : spec.getAsJsonArray("argv")) {
                String a = e.getAsString();
                argv.add(a.equals("java") ? javaExecutable()
                        : a.equals("BASE_KERNEL_JAR") ? baseKernelJar.toAbsolutePath().toString() : a);
            }
            spec.add("argv", argv);
            JsonObject env = spec.getAsJsonObject("env");
            for (String k : List.copyOf(env.keySet())) {
                String v = env.get(k).getAsString();
                env.addProperty(k, v.equals("AIOLAB_CLASSPATH") ? cp : v.equals("AIOLAB_STARTUP_IMPORTS") ? imports : v);
            }
            return writeFiles(dir, spec, "logo-32x32.png", "logo-64x64.png");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * When the kernel runs from a jar, builds an AppCDS archive of what a kernel session loads next to the jar
     * (aiolab-kernel.jsa), by running {@code kernel warmup} in a JVM with {@code -XX:ArchiveClassesAtExit}. This
     * takes about a third off kernel start-up. A rebuilt jar makes the archive stale; the JVM then ignores it, and
     * {@code kernel install} builds a new one. Returns null when no archive could be made.
     */
    static Path classDataArchive(JsonArray argv) {
        Path code = ClassPaths.codeSource();
        if (!Files.isRegularFile(code) || !code.toString().endsWith(".jar")) {
            return null;
        }
        Path jsa = code.toAbsolutePath().getParent().resolve("aiolab-kernel.jsa");
        List<String> cmd = new ArrayList<>();
        for (var e : argv) {
            String a = e.getAsString();
            if (a.equals("kernel")) {
                break;
            }
            cmd.add(a);
            if (cmd.size() == 1) {
                cmd.add("-XX:ArchiveClassesAtExit=" + jsa);
            }
        }
        cmd.addAll(List.of("kernel", "warmup"));
        try {
            Files.deleteIfExists(jsa);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 && Files.isRegularFile(jsa) ? jsa : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Installs the spec with {@code jupyter kernelspec install --replace --name NAME <where>} and returns the
     * directory Jupyter reports.
     */
    public static Path install(String name, List<String> where, String jupyter) throws IOException, InterruptedException {
        return install(name, where, jupyter, null);
    }

    /** As {@link #install(String, List, String)}; with {@code baseKernelJar}, installs the IJava/JJava variant. */
    public static Path install(String name, List<String> where, String jupyter, Path baseKernelJar)
            throws IOException, InterruptedException {
        Path tmp = Files.createTempDirectory("aiolab-kernelspec");
        try {
            Path spec = baseKernelJar == null ? writeSpec(tmp.resolve(name), null)
                    : writeBaseKernelVariant(tmp.resolve(name), baseKernelJar);
            List<String> cmd = new ArrayList<>();
            cmd.add(jupyter != null ? jupyter : Files.isExecutable(Path.of("/usr/bin/jupyter")) ? "/usr/bin/jupyter" : "jupyter");
            cmd.addAll(List.of("kernelspec", "install", "--replace", "--name", name));
            cmd.addAll(where);
            cmd.add(spec.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
            }
            Matcher m = Pattern.compile("Installed kernelspec \\S+ in (.+)").matcher(out);
            return m.find() ? Path.of(m.group(1).trim()) : spec;
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
