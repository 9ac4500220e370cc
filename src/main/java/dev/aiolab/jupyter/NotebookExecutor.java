package dev.aiolab.jupyter;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a notebook's code cells in order with a {@link JShellEvaluator} and writes their outputs into the notebook
 * the way {@code jupyter nbconvert --execute} does: streams (consecutive writes merged), display_data,
 * execute_result with its execution count, and the error that stopped the run. Rich output is rendered as in the
 * kernel, so charts become PNG and tables HTML.
 */
public final class NotebookExecutor {

    /** What a run did: how many cells ran and the failure that stopped it, if any. */
    public record Result(int cellsRun, CellFailure failure, int failedCell) {
        public boolean ok() {
            return failure == null;
        }
    }

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final EvaluatorOptions options;
    private final boolean allowErrors;

    public NotebookExecutor(EvaluatorOptions options, boolean allowErrors) {
        // the same progress bars as in the kernel, so a notebook's outputs do not depend on how it ran
        Progress.installAsDefault();
        this.options = options;
        this.allowErrors = allowErrors;
    }

    /** Executes {@code in} and writes the executed notebook to {@code out} (which may be {@code in}). */
    public Result execute(Path in, Path out) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(in, StandardCharsets.UTF_8)).getAsJsonObject();
        Result r = execute(nb);
        Files.writeString(out, toNbformatJson(nb), StandardCharsets.UTF_8);
        return r;
    }

    /** Executes the notebook in place. */
    public Result execute(JsonObject nb) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        DisplaySink oldSink = Display.sink();
        Capture capture = new Capture();
        try (JShellEvaluator eval = new JShellEvaluator(options)) {
            eval.awaitReady();
            System.setOut(new PrintStream(capture.stream("stdout"), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capture.stream("stderr"), true, StandardCharsets.UTF_8));
            Display.install(capture);
            int count = 0;
            int run = 0;
            CellFailure firstFailure = null;
            int firstFailedCell = -1;
            JsonArray cells = nb.getAsJsonArray("cells");
            for (int i = 0; i < cells.size(); i++) {
                JsonObject cell = cells.get(i).getAsJsonObject();
                if (!"code".equals(cell.get("cell_type").getAsString())) {
                    continue;
                }
                String source = joinSource(cell.get("source"));
                JsonArray outputs = new JsonArray();
                cell.add("outputs", outputs);
                if (source.isBlank()) {
                    cell.add("execution_count", null);
                    continue;
                }
                count++;
                run++;
                cell.addProperty("execution_count", count);
                capture.begin(outputs);
                CellOutcome o = eval.evaluate(source);
                System.out.flush();
                System.err.flush();
                if (o.failed()) {
                    JsonObject err = new JsonObject();
                    err.addProperty("output_type", "error");
                    err.addProperty("ename", o.failure().name());
                    err.addProperty("evalue", o.failure().message());
                    JsonArray tb = new JsonArray();
                    o.failure().traceback().forEach(tb::add);
                    err.add("traceback", tb);
                    capture.add(err);
                    if (!allowErrors) {
                        return new Result(run, o.failure(), i);
                    }
                    if (firstFailure == null) {
                        firstFailure = o.failure();
                        firstFailedCell = i;
                    }
                } else if (o.hasValue()) {
                    MimeBundle b = Display.renderers().render(o.value());
                    JsonObject res = new JsonObject();
                    res.addProperty("output_type", "execute_result");
                    res.addProperty("execution_count", count);
                    res.add("data", data(b));
                    res.add("metadata", GSON.toJsonTree(b.metadata()));
                    capture.add(res);
                }
            }
            JsonObject meta = nb.has("metadata") ? nb.getAsJsonObject("metadata") : new JsonObject();
            nb.add("metadata", meta);
            JsonObject lang = new JsonObject();
            lang.addProperty("name", "java");
            lang.addProperty("version", System.getProperty("java.version"));
            lang.addProperty("mimetype", "text/x-java-source");
            lang.addProperty("file_extension", ".jsh");
            lang.addProperty("pygments_lexer", "java");
            lang.addProperty("codemirror_mode", "text/x-java");
            meta.add("language_info", lang);
            return new Result(run, firstFailure, firstFailedCell);
        } finally {
            System.out.flush();
            System.setOut(oldOut);
            System.setErr(oldErr);
            Display.install(oldSink);
        }
    }

    private static String joinSource(JsonElement src) {
        if (src == null || src.isJsonNull()) {
            return "";
        }
        if (src.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            src.getAsJsonArray().forEach(e -> b.append(e.getAsString()));
            return b.toString();
        }
        return src.getAsString();
    }

    /** A bundle's data as nbformat stores it: text as a list of lines, base64 images as one string. */
    static JsonObject data(MimeBundle b) {
        JsonObject d = new JsonObject();
        b.data().forEach((mime, v) -> {
            if (v instanceof String s && (mime.startsWith("text/") || mime.equals("image/svg+xml"))) {
                d.add(mime, lines(s));
            } else if (v instanceof String s) {
                d.addProperty(mime, s);
            } else {
                d.add(mime, GSON.toJsonTree(v));
            }
        });
        return d;
    }

    static JsonArray lines(String s) {
        JsonArray a = new JsonArray();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                a.add(s.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < s.length()) {
            a.add(s.substring(start));
        }
        return a;
    }

    /** nbformat's on-disk layout: one-space indent, sorted keys, a final newline. */
    static String toNbformatJson(JsonElement nb) throws IOException {
        StringWriter sw = new StringWriter();
        JsonWriter w = new JsonWriter(sw);
        w.setIndent(" ");
        w.setHtmlSafe(false);
        GSON.toJson(sorted(nb), w);
        w.flush();
        return sw + "\n";
    }

    private static JsonElement sorted(JsonElement e) {
        if (e.isJsonObject()) {
            TreeMap<String, JsonElement> m = new TreeMap<>();
            e.getAsJsonObject().entrySet().forEach(en -> m.put(en.getKey(), sorted(en.getValue())));
            JsonObject o = new JsonObject();
            m.forEach(o::add);
            return o;
        }
        if (e.isJsonArray()) {
            JsonArray a = new JsonArray();
            e.getAsJsonArray().forEach(x -> a.add(sorted(x)));
            return a;
        }
        return e;
    }

    /** Collects a cell's outputs; display ids are remembered across cells so updates land where they were shown. */
    private static final class Capture implements DisplaySink {
        private JsonArray outputs = new JsonArray();
        private final Map<String, JsonObject> shown = new HashMap<>();
        private boolean clearOnNextOutput;

        synchronized void begin(JsonArray cellOutputs) {
            outputs = cellOutputs;
            clearOnNextOutput = false;
        }

        synchronized void add(JsonObject output) {
            if (clearOnNextOutput) {
                clearNow();
            }
            outputs.add(output);
        }

        synchronized void text(String stream, String text) {
            if (clearOnNextOutput) {
                clearNow();
            }
            if (!outputs.isEmpty()) {
                JsonObject last = outputs.get(outputs.size() - 1).getAsJsonObject();
                if ("stream".equals(last.get("output_type").getAsString())
                        && stream.equals(last.get("name").getAsString())) {
                    StringBuilder all = new StringBuilder();
                    last.getAsJsonArray("text").forEach(x -> all.append(x.getAsString()));
                    last.add("text", lines(all.append(text).toString()));
                    return;
                }
            }
            JsonObject o = new JsonObject();
            o.addProperty("output_type", "stream");
            o.addProperty("name", stream);
            o.add("text", lines(text));
            outputs.add(o);
        }

        OutputStream stream(String name) {
            return new OutputStream() {
                private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();

                @Override
                public synchronized void write(int b) {
                    buf.write(b);
                }

                @Override
                public synchronized void write(byte[] b, int off, int len) {
                    buf.write(b, off, len);
                }

                @Override
                public synchronized void flush() {
                    if (buf.size() > 0) {
                        String s = buf.toString(StandardCharsets.UTF_8);
                        buf.reset();
                        text(name, s);
                    }
                }
            };
        }

        @Override
        public synchronized void display(MimeBundle bundle, String displayId) {
            System.out.flush();
            JsonObject o = new JsonObject();
            o.addProperty("output_type", "display_data");
            o.add("data", data(bundle));
            o.add("metadata", GSON.toJsonTree(bundle.metadata()));
            add(o);
            if (displayId != null) {
                shown.put(displayId, o);
            }
        }

        @Override
        public synchronized void update(MimeBundle bundle, String displayId) {
            JsonObject o = shown.get(displayId);
            if (o != null) {
                o.add("data", data(bundle));
                o.add("metadata", GSON.toJsonTree(bundle.metadata()));
            }
        }

        @Override
        public synchronized void clear(boolean wait) {
            System.out.flush();
            if (wait) {
                clearOnNextOutput = true;
            } else {
                clearNow();
            }
        }

        private void clearNow() {
            clearOnNextOutput = false;
            while (!outputs.isEmpty()) {
                outputs.remove(outputs.size() - 1);
            }
        }
    }
}
