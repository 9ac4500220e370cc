package dev.aiolab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookExecutorTest {

    static JsonObject notebook(String... cells) {
        JsonObject nb = new JsonObject();
        JsonArray arr = new JsonArray();
        for (String src : cells) {
            JsonObject c = new JsonObject();
            c.addProperty("cell_type", "code");
            c.add("metadata", new JsonObject());
            c.add("outputs", new JsonArray());
            c.add("source", NotebookExecutor.lines(src));
            arr.add(c);
        }
        nb.add("cells", arr);
        nb.add("metadata", new JsonObject());
        nb.addProperty("nbformat", 4);
        nb.addProperty("nbformat_minor", 5);
        return nb;
    }

    static JsonArray outputs(JsonObject nb, int cell) {
        return nb.getAsJsonArray("cells").get(cell).getAsJsonObject().getAsJsonArray("outputs");
    }

    @Test
    void outputsAreWrittenAsNbconvertWritesThem() {
        JsonObject nb = notebook(
                "System.out.println(\"a\");\nSystem.out.println(\"b\");\n6 * 7",
                "String id = display(\"first\");\nupdateDisplay(id, \"second\");",
                "System.out.println(\"gone\");\nclearOutput();\nSystem.out.println(\"kept\");");
        NotebookExecutor.Result r = new NotebookExecutor(EvaluatorOptions.defaults(), false).execute(nb);
        assertThat(r.ok()).isTrue();
        JsonArray first = outputs(nb, 0);
        assertThat(first).hasSize(2);
        assertThat(first.get(0).getAsJsonObject().get("text").toString()).isEqualTo("[\"a\\n\",\"b\\n\"]");
        JsonObject result = first.get(1).getAsJsonObject();
        assertThat(result.get("output_type").getAsString()).isEqualTo("execute_result");
        assertThat(result.get("execution_count").getAsInt()).isEqualTo(1);
        assertThat(outputs(nb, 1).get(0).getAsJsonObject().getAsJsonObject("data").get("text/plain").toString())
                .isEqualTo("[\"second\"]");
        assertThat(outputs(nb, 2)).hasSize(1);
        assertThat(outputs(nb, 2).get(0).getAsJsonObject().get("text").toString()).contains("kept");
    }

    @Test
    void aFailingCellStopsTheRunAndIsNamed(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.ipynb");
        Files.writeString(in, notebook("int a = 1;", "throw new RuntimeException(\"no disk\");", "a").toString());
        Path out = dir.resolve("out.ipynb");
        NotebookExecutor.Result r = new NotebookExecutor(EvaluatorOptions.defaults(), false).execute(in, out);
        assertThat(r.ok()).isFalse();
        assertThat(r.failedCell()).isEqualTo(1);
        JsonObject written = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        JsonObject err = outputs(written, 1).get(0).getAsJsonObject();
        assertThat(err.get("output_type").getAsString()).isEqualTo("error");
        assertThat(err.get("evalue").getAsString()).isEqualTo("no disk");
        assertThat(outputs(written, 2)).isEmpty();
    }

    @Test
    void theSmokeNotebookGetsAPngChartAndAnHtmlTable(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("smoke.ipynb");
        NotebookExecutor.Result r = new NotebookExecutor(EvaluatorOptions.defaults(), false)
                .execute(Paths.get("src/test/resources/notebooks/smoke.ipynb"), out);
        assertThat(r.ok()).as(String.valueOf(r.failure())).isTrue();
        String json = Files.readString(out);
        assertThat(json).contains("\"image/png\"", "\"text/html\"", "\"execution_count\": 4");
        assertThat(json).startsWith("{\n \"cells\"");
    }

    @Test
    void aScriptRunStopsAtTheFailingSnippetAndNamesIt(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("s.jsh");
        Files.writeString(script, "int a = 1;\n\nint b = a + 1;\nObject o = null;\no.hashCode();\nint c = 3;\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ScriptRunner.run(script, EvaluatorOptions.defaults().withGuardExit(false),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("snippet 4 (line 5) failed: o.hashCode();", "NullPointerException");
        Files.writeString(script, "int a = 1;\nSystem.out.println(a);\n");
        assertThat(ScriptRunner.run(script, EvaluatorOptions.defaults().withGuardExit(false), System.err)).isZero();
    }
}
