package dev.aiolab.cli;

import dev.aiolab.jupyter.ClassPaths;
import dev.aiolab.jupyter.Startup;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aiolab shell}: the interactive jshell with aiolab on the class path and the startup imports. */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = "Interactive JShell with aiolab, Tablesaw and XChart on the class path and imported.")
public final class ShellCommand implements Callable<Integer> {

    @Parameters(paramLabel = "JSHELL_ARG", arity = "0..*",
            description = "Further jshell options or script files, passed through.")
    List<String> jshellArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path startup = Files.createTempFile("aiolab-startup", ".jsh");
        startup.toFile().deleteOnExit();
        Files.writeString(startup, Startup.presentImports() + Startup.HELPERS, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of(
                "--class-path", String.join(File.pathSeparator, ClassPaths.expandedJvmClassPath()),
                "--startup", "DEFAULT", "--startup", startup.toString()));
        String cp = System.getenv("AIOLAB_CLASSPATH");
        if (cp != null && !cp.isBlank()) {
            args.set(1, args.get(1) + File.pathSeparator + cp);
        }
        args.addAll(jshellArgs);
        return JavaShellToolBuilder.builder().start(args.toArray(new String[0]));
    }
}
