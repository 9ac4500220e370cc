package dev.aiolab.cli;

import dev.aiolab.jupyter.EvaluatorOptions;
import dev.aiolab.jupyter.NotebookExecutor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aiolab execute notebook.ipynb}: runs a notebook without Jupyter and writes its outputs, like nbconvert. */
@Command(name = "execute", mixinStandardHelpOptions = true,
        description = "Run a notebook's cells in order without Jupyter and write the outputs into it, "
                + "as `jupyter nbconvert --execute` would.")
public final class ExecuteCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NOTEBOOK")
    Path notebook;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Where to write the executed notebook (default: overwrite NOTEBOOK).")
    Path output;

    @Option(names = "--allow-errors", description = "Keep going after a failing cell (the run still exits 1).")
    boolean allowErrors;

    @Override
    public Integer call() throws Exception {
        NotebookExecutor.Result r = new NotebookExecutor(EvaluatorOptions.fromEnvironment(System.getenv()), allowErrors)
                .execute(notebook, output == null ? notebook : output);
        if (!r.ok()) {
            System.err.println("aiolab execute: " + notebook + ": cell " + (r.failedCell() + 1) + " failed");
            System.err.println(r.failure().tracebackText());
            return 1;
        }
        System.err.println("aiolab execute: " + r.cellsRun() + " cells run, written to "
                + (output == null ? notebook : output));
        return 0;
    }
}
