package dev.aiolab.cli;

import dev.aiolab.jupyter.EvaluatorOptions;
import dev.aiolab.jupyter.ScriptRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aiolab run script.jsh}: a JShell script, run non-interactively by the kernel's evaluator. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a JShell script (.jsh) non-interactively with the notebook kernel's evaluator. "
                + "A failing snippet stops the run, is named on stderr, and the exit status is 1.")
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCRIPT")
    Path script;

    @Override
    public Integer call() throws Exception {
        // A script may end the JVM on purpose; cells in a notebook may not.
        EvaluatorOptions opts = EvaluatorOptions.fromEnvironment(System.getenv()).withGuardExit(false);
        return ScriptRunner.run(script, opts, System.err);
    }
}
