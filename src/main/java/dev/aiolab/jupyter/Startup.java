package dev.aiolab.jupyter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The code every session starts with: kernel-spec/aiolab/startup.jsh (shipped in the jar) and the display helpers. */
public final class Startup {

    /** Where startup.jsh sits inside the jar (copied there from kernel-spec/ by the build). */
    public static final String RESOURCE = "/kernel-spec/aiolab/startup.jsh";

    /** The cell helpers: display, updateDisplay, clearOutput and Progress. Not in startup.jsh, which IJava users share. */
    public static final String HELPERS = "import static dev.aiolab.jupyter.Display.*;\n"
            + "import dev.aiolab.jupyter.Progress;\n";

    private Startup() {
    }

    public static String source() {
        return resource(RESOURCE);
    }

    /**
     * startup.jsh without the imports whose package or class is absent from the class path, for tools that would
     * print an error for each (the interactive jshell).
     */
    public static String presentImports() {
        StringBuilder b = new StringBuilder();
        ClassLoader cl = Startup.class.getClassLoader();
        for (String line : source().split("\n")) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("^\\s*import\\s+(static\\s+)?([\\w.]+?)(\\.\\*)?\\s*;").matcher(line);
            if (!m.find()) {
                b.append(line).append('\n');
                continue;
            }
            String name = m.group(2).replace('.', '/');
            boolean present = m.group(3) != null
                    ? cl.getResource(name + "/") != null
                    : cl.getResource(name + ".class") != null;
            if (present) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    static String resource(String name) {
        try (InputStream in = Startup.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (is kernel-spec/ on the class path?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
