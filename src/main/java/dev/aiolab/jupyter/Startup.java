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
