package dev.aiolab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel against a real Jupyter client: Debian's jupyter_client, jupyter_kernel_test and nbconvert, run by
 * /usr/bin/python3 on a kernel spec that starts the kernel from the test class path.
 *
 * <p>Runs whenever Jupyter is installed; required (fails instead of skipping) when CI=true.
 */
class JupyterClientTest {

    /** Debian's, never the first python3 on PATH; the properties exist to try the skip path. */
    static final String PYTHON = System.getProperty("aiolab.test.python", "/usr/bin/python3");
    static final String JUPYTER = System.getProperty("aiolab.test.jupyter", "/usr/bin/jupyter");
    static final String KERNEL = "aiolab-test";
    static final Path PY_TESTS = Paths.get("src/test/python");

    @TempDir
    static Path jupyterHome;

    @BeforeAll
    static void requireJupyter() {
        String missing = missingJupyter();
        if (missing != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI=true but Jupyter is not usable: " + missing);
            }
            System.out.println("NOTICE: skipping the Jupyter client tests: " + missing
                    + " (install Debian's jupyter-client, jupyter-nbconvert, python3-nbclient and "
                    + "python3-jupyter-kernel-test; see .ci/run)");
            Assumptions.assumeTrue(false, missing);
        }
        KernelSpecs.writeSpec(jupyterHome.resolve("kernels").resolve(KERNEL), "aiolab (Java, test build)");
    }

    private static String missingJupyter() {
        if (!Files.isExecutable(Path.of(JUPYTER)) || !Files.isExecutable(Path.of(PYTHON))) {
            return JUPYTER + " or " + PYTHON + " is missing";
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c",
                    "import jupyter_client, jupyter_kernel_test, nbclient, nbconvert")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? null : "the Python modules are missing: " + out.strip();
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    /** Runs a command with the temporary Jupyter path; returns its exit status, echoing its output. */
    static int run(List<String> cmd, Path workDir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        env.put("JUPYTER_PATH", jupyterHome.toString());
        env.put("JUPYTER_RUNTIME_DIR", jupyterHome.resolve("runtime").toString());
        env.put("JUPYTER_PLATFORM_DIRS", "1");
        env.put("AIOLAB_KERNEL_NAME", KERNEL);
        env.put("PYTHONUNBUFFERED", "1");
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        Thread pump = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process is gone
            }
        });
        pump.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        pump.join();
        System.out.println("$ " + String.join(" ", cmd) + "\n" + out);
        return p.isAlive() ? -1 : p.exitValue();
    }

    @Test
    void jupyterKernelTestSuitePasses() throws Exception {
        assertThat(run(List.of(PYTHON, PY_TESTS.resolve("kernel_suite.py").toAbsolutePath().toString()),
                Paths.get("."))).as("jupyter_kernel_test suite (output above)").isZero();
    }

    @Test
    void protocolTestsPass() throws Exception {
        assertThat(run(List.of(PYTHON, PY_TESTS.resolve("protocol_test.py").toAbsolutePath().toString()),
                Paths.get("."))).as("protocol tests (output above)").isZero();
    }

    /** Every notebook in notebooks/ (or the smoke notebook while that is empty), through nbconvert and aiolab. */
    @Test
    void notebooksExecuteWithNbconvertAndWithAiolabExecute(@TempDir Path out) throws Exception {
        for (Path nb : notebooks()) {
            Path viaJupyter = out.resolve("nbconvert-" + nb.getFileName());
            int status = run(List.of(JUPYTER, "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.kernel_name=" + KERNEL, "--ExecutePreprocessor.timeout=600",
                    "--output", viaJupyter.toAbsolutePath().toString(), nb.toAbsolutePath().toString()),
                    Paths.get("."));
            assertThat(status).as("nbconvert --execute " + nb).isZero();

            Path viaAiolab = out.resolve("aiolab-" + nb.getFileName());
            NotebookExecutor.Result r = new NotebookExecutor(EvaluatorOptions.defaults(), false).execute(nb, viaAiolab);
            assertThat(r.ok()).as("aiolab execute " + nb + ": " + r.failure()).isTrue();

            assertThat(outputKinds(viaAiolab)).as("same outputs from aiolab execute and nbconvert for " + nb)
                    .isEqualTo(outputKinds(viaJupyter));
            if (nb.getFileName().toString().equals("smoke.ipynb")) {
                assertThat(String.join(" ", outputKinds(viaJupyter)))
                        .contains("stream:stdout", "execute_result:text/html", "execute_result:image/png",
                                "display_data:text/html");
            }
        }
    }

    static List<Path> notebooks() throws IOException {
        Path dir = Paths.get("notebooks");
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".ipynb")).sorted().forEach(found::add);
            }
        }
        if (found.isEmpty()) {
            found.add(Paths.get("src/test/resources/notebooks/smoke.ipynb"));
        }
        return found;
    }

    /** Per code cell, its outputs as "type:mime,mime" (or "stream:name"), in order. */
    static List<String> outputKinds(Path nb) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(nb)).getAsJsonObject();
        List<String> kinds = new ArrayList<>();
        for (JsonElement c : json.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (!cell.get("cell_type").getAsString().equals("code")) {
                continue;
            }
            List<String> outs = new ArrayList<>();
            for (JsonElement o : cell.getAsJsonArray("outputs")) {
                JsonObject out = o.getAsJsonObject();
                String type = out.get("output_type").getAsString();
                assertThat(type).as("error output in " + nb).isNotEqualTo("error");
                String detail = out.has("data")
                        ? String.join(",", new TreeSet<>(out.getAsJsonObject("data").keySet()))
                        : out.has("name") ? out.get("name").getAsString() : "";
                outs.add(type + ":" + detail);
            }
            kinds.add(outs.stream().collect(Collectors.joining(" ")));
        }
        return kinds;
    }
}
