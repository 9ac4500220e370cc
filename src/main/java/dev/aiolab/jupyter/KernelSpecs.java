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
            spec.add("argv", argv);
            if (displayName != null) {
                spec.addProperty("display_name", displayName);
            }
            Files.writeString(dir.resolve("kernel.json"), GSON.toJson(spec) + "\n", StandardCharsets.UTF_8);
            for (String f : List.of("logo-32x32.png", "logo-64x64.png", "startup.jsh")) {
                try (var in = KernelSpecs.class.getResourceAsStream(TEMPLATE + f)) {
                    if (in != null) {
                        Files.copy(in, dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Installs the spec with {@code jupyter kernelspec install --replace --name NAME <where>} and returns the
     * directory Jupyter reports.
     */
    public static Path install(String name, List<String> where, String jupyter) throws IOException, InterruptedException {
        Path tmp = Files.createTempDirectory("aiolab-kernelspec");
        try {
            Path spec = writeSpec(tmp.resolve(name), null);
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
