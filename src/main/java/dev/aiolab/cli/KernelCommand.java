package dev.aiolab.cli;

import dev.aiolab.jupyter.EvaluatorOptions;
import dev.aiolab.jupyter.KernelLauncher;
import dev.aiolab.jupyter.KernelSpecs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aiolab kernel}: the Jupyter kernel, its installation, and the entry point its kernel.json calls. */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "The aiolab Jupyter kernel (Java, with aiolab preloaded).",
        subcommands = {KernelCommand.Install.class, KernelCommand.Start.class, KernelCommand.WarmUp.class})
public final class KernelCommand implements Runnable {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Install the kernel spec (kernel.json with absolute paths to this jar) with "
                    + "`jupyter kernelspec install`.")
    static final class Install implements Callable<Integer> {
        @Option(names = "--user", description = "Install for the current user (the default).")
        boolean user;

        @Option(names = "--sys-prefix", description = "Install into sys.prefix of the Python running Jupyter.")
        boolean sysPrefix;

        @Option(names = "--prefix", paramLabel = "DIR", description = "Install under DIR/share/jupyter/kernels.")
        Path prefix;

        @Option(names = "--name", description = "Kernel name (default: aiolab, or aiolab-ijava with --base-kernel-jar).")
        String name;

        @Option(names = "--base-kernel-jar", paramLabel = "JAR",
                description = "Install the variant for an existing IJava or JJava kernel jar instead: their kernel "
                        + "with aiolab on its class path and the aiolab imports as its startup script.")
        Path baseKernelJar;

        @Option(names = "--jupyter", defaultValue = "", paramLabel = "PATH",
                description = "The jupyter executable (default: /usr/bin/jupyter if present, else jupyter on PATH).")
        String jupyter;

        @Override
        public Integer call() throws Exception {
            List<String> where = new ArrayList<>();
            if (sysPrefix) {
                where.add("--sys-prefix");
            } else if (prefix != null) {
                where.add("--prefix");
                where.add(prefix.toAbsolutePath().toString());
            } else {
                where.add("--user");
            }
            String n = name != null ? name : baseKernelJar != null ? "aiolab-ijava" : "aiolab";
            Path installed = KernelSpecs.install(n, where, jupyter.isBlank() ? null : jupyter, baseKernelJar);
            System.out.println("installed kernel spec '" + n + "' in " + installed);
            return 0;
        }
    }

    @Command(name = "warmup", hidden = true,
            description = "Load what a kernel session loads, then exit (used to build the class-data archive).")
    static final class WarmUp implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            KernelLauncher.warmUp();
            return 0;
        }
    }

    @Command(name = "start", hidden = true, description = "Run the kernel on a Jupyter connection file.")
    static final class Start implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CONNECTION_FILE")
        Path connectionFile;

        @Override
        public Integer call() throws Exception {
            String jvmOpts = System.getenv().getOrDefault("AIOLAB_JVM_OPTS", "").trim();
            if (!jvmOpts.isEmpty() && System.getProperty(RELAUNCHED) == null) {
                return relaunch(jvmOpts);
            }
            KernelLauncher.run(connectionFile, EvaluatorOptions.fromEnvironment(System.getenv()));
            return 0;
        }

        private static final String RELAUNCHED = "aiolab.kernel.relaunched";

        /**
         * kernel.json cannot expand variables, so AIOLAB_JVM_OPTS is honoured by starting the kernel again in a JVM
         * with those options; this JVM only waits for it, and takes it down if it is itself shut down.
         */
        private int relaunch(String jvmOpts) throws Exception {
            List<String> cmd = new ArrayList<>();
            cmd.add(KernelSpecs.javaExecutable());
            cmd.addAll(List.of(jvmOpts.split("\\s+")));
            cmd.add("-D" + RELAUNCHED + "=true");
            cmd.addAll(KernelSpecs.mainLaunch());
            cmd.addAll(List.of("kernel", "start", connectionFile.toString()));
            Process child = new ProcessBuilder(cmd).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            return child.waitFor();
        }
    }
}
