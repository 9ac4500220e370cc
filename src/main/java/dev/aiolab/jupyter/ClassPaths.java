package dev.aiolab.jupyter;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The JVM's class path as plain files, with the Class-Path entries of jar manifests followed. */
public final class ClassPaths {

    private ClassPaths() {
    }

    /**
     * Every entry of {@code java.class.path}, followed by the entries its jars name in their manifests. The cells'
     * compiler sees exactly the classes the JVM sees, whether the JVM was started with {@code -jar aiolab.jar}
     * (dependencies in the manifest) or by a test runner's manifest-only jar.
     */
    public static List<String> expandedJvmClassPath() {
        Set<String> out = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                add(Paths.get(e).toAbsolutePath().normalize(), out);
            }
        }
        return new ArrayList<>(out);
    }

    private static void add(Path p, Set<String> out) {
        if (!out.add(p.toString()) || !Files.isRegularFile(p) || !p.toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jar = new JarFile(p.toFile())) {
            Manifest mf = jar.getManifest();
            String cp = mf == null ? null : mf.getMainAttributes().getValue("Class-Path");
            if (cp == null) {
                return;
            }
            for (String ref : cp.trim().split("\\s+")) {
                if (ref.isEmpty()) {
                    continue;
                }
                Path target;
                if (ref.startsWith("file:")) {
                    target = Paths.get(URI.create(ref));
                } else {
                    target = p.getParent().resolve(ref.replace('/', File.separatorChar));
                }
                if (Files.exists(target)) {
                    add(target.toAbsolutePath().normalize(), out);
                }
            }
        } catch (IOException | IllegalArgumentException ignored) {
            // an unreadable jar adds nothing beyond itself
        }
    }

    /** Where the jar or directory holding aiolab's classes is. */
    public static Path codeSource() {
        try {
            return Paths.get(ClassPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate aiolab's classes", e);
        }
    }
}
