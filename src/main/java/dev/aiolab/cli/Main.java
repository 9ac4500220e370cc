package dev.aiolab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code aiolab} launcher: one subcommand per way of using the lab. */
@Command(name = "aiolab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A laboratory for Linux asynchronous I/O.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            dev.aiolab.cli.bench.BenchCommand.class,
            KernelCommand.class,
            ShellCommand.class,
            RunCommand.class,
            ExecuteCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The version recorded in the jar manifest, or "dev" when run from classes. */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"aiolab " + version()};
        }
    }
}
