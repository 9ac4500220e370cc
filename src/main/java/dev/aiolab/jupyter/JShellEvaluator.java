package dev.aiolab.jupyter;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Evaluates Java cells with JShell in this JVM: the notebook kernel, {@code aiolab run} and {@code aiolab execute}
 * all use it, so a script, a notebook and a kernel session behave alike.
 *
 * <p>All JShell work happens on one thread of the evaluator's own ({@code aiolab-eval}); that is the thread an
 * {@link #interrupt()} reaches. Construction returns at once and initialises JShell (class path, startup imports,
 * startup scripts) on that thread, so a kernel can answer its first messages while JShell warms up.
 *
 * <p>Besides Java, a cell may hold IJava's line magics, each on a line of its own: {@code %classpath PATHS},
 * {@code %jars GLOBS} and {@code %load FILE} (a {@code .jsh} script or a {@code .java} source).
 */
public final class JShellEvaluator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.aiolab.jupyter");
    private static final Pattern MAGIC = Pattern.compile("^\\s*%(\\w+)\\s*(.*?)\\s*$");
    private static final long STOP_AFTER_MILLIS = 2000;
    /** JShell's names for the values of expressions: {@code $1}, {@code $2}, ... */
    private static final Pattern VALUE_NAME = Pattern.compile("\\$\\d+");
    /**
     * Expression values kept as {@code $N} variables besides those a cell names. Every live variable lengthens
     * the class javac compiles for each later snippet, so keeping them all would slow every cell of a long session
     * a little more (about 0.4 ms per value here); older values that no cell has named are dropped.
     */
    static final int KEEP_VALUES = 10;
    private static final Pattern IMPORT_OF_AIOLAB = Pattern.compile(
            "^(\\s*//[^\n]*\n|\\s*/\\*.*?\\*/)*\\s*import\\s+(static\\s+)?dev\\.aiolab\\.", Pattern.DOTALL);

    private final EvaluatorOptions options;
    private final ExecutorService worker;
    private final Future<?> ready;
    private volatile Thread workerThread;
    private volatile boolean interruptRequested;
    private volatile long evaluation;
    private volatile boolean scriptNumbering;

    private JShell shell;
    private InProcessExecution execution;
    private final List<String> startupProblems = new ArrayList<>();
    /** JShell's snippet ids ("#12" in stack frames), mapped to where the user wrote them. */
    private final java.util.Map<String, String> snippetLabels = new java.util.HashMap<>();
    private final java.util.Map<String, Long> snippetEvaluation = new java.util.HashMap<>();
    /** The {@code $N} values of expressions, oldest first, and the {@code $N} names that cells have mentioned. */
    private final java.util.ArrayDeque<VarSnippet> values = new java.util.ArrayDeque<>();
    private final Set<String> namedValues = new java.util.HashSet<>();
    private int valueNumber;

    public JShellEvaluator(EvaluatorOptions options) {
        this.options = options;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "aiolab-eval");
            t.setDaemon(true);
            workerThread = t;
            return t;
        });
        this.ready = worker.submit(this::initialise);
    }

    /** Blocks until JShell is initialised; rethrows what initialisation threw. */
    public void awaitReady() {
        try {
            ready.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("JShell failed to start", e.getCause());
        }
    }

    /** Startup snippets that failed for a reason other than an absent aiolab package. */
    public List<String> startupProblems() {
        awaitReady();
        return List.copyOf(startupProblems);
    }

    private void initialise() {
        if (options.guardExit()) {
            ExitGuard.install();
            ExitGuard.markCellThread();
        }
        InProcessExecution.Provider provider = new InProcessExecution.Provider();
        shell = newShell(provider, this::nextValueName);
        execution = provider.created();
        runStartup(Startup.source(), "startup.jsh");
        runStartup(Startup.HELPERS, "kernel helpers");
        for (Path script : options.startupScripts()) {
            runStartup(read(script), script.toString());
        }
        if (!options.startupCode().isBlank()) {
            runStartup(options.startupCode(), "AIOLAB_STARTUP_SCRIPT");
        }
        // Compile one trivial snippet now, so the first cell does not pay for javac's warm-up.
        shell.eval("int $aiolabWarmUp = 0;");
    }

    /**
     * A JShell on the evaluator's options and class path, executing through {@code provider} and naming
     * expression values with {@code valueNames}.
     */
    private JShell newShell(InProcessExecution.Provider provider, java.util.function.Supplier<String> valueNames) {
        JShell.Builder b = JShell.builder().executionEngine(provider, java.util.Map.of())
                .fileManager(ReplFileManager::new)
                .tempVariableNameGenerator(valueNames);
        if (!options.compilerOptions().isEmpty()) {
            b.compilerOptions(options.compilerOptions().toArray(new String[0]));
        }
        JShell js = b.build();
        List<String> cp = new ArrayList<>(ClassPaths.expandedJvmClassPath());
        cp.addAll(options.classpath());
        js.addToClasspath(String.join(File.pathSeparator, cp));
        return js;
    }

    private void runStartup(String source, String origin) {
        for (String snippet : snippets(source)) {
            CellOutcome o = evalSnippets(snippet, 1);
            if (o.failed()) {
                boolean absentAiolabPackage = IMPORT_OF_AIOLAB.matcher(snippet).find();
                if (!absentAiolabPackage) {
                    String problem = origin + ": " + snippet.trim() + " -> " + o.failure().message();
                    startupProblems.add(problem);
                    LOG.log(System.Logger.Level.WARNING, "startup snippet failed: " + problem);
                }
            }
        }
    }

    /**
     * Evaluates a cell on the evaluator's thread and waits for it. The value is the cell's last expression;
     * a failure names the snippet. Honors {@code AIOLAB_TIMEOUT}.
     */
    public CellOutcome evaluate(String cell) {
        return evaluate(cell, () -> { });
    }

    /**
     * As {@link #evaluate(String)}, running {@code prologue} first on the evaluating thread (a host binds the
     * thread to the cell's output there, so that threads the cell starts inherit the binding).
     */
    public CellOutcome evaluate(String cell, Runnable prologue) {
        return evaluate(cell, prologue, 1);
    }

    /** As {@link #evaluate(String)}, numbering the cell's snippets from {@code firstSnippet} (scripts run unit by unit). */
    public CellOutcome evaluate(String cell, int firstSnippet) {
        scriptNumbering = true;
        return evaluate(cell, () -> { }, firstSnippet);
    }

    private CellOutcome evaluate(String cell, Runnable prologue, int firstSnippet) {
        Future<CellOutcome> f = worker.submit(() -> {
            interruptRequested = false;
            evaluation++;
            prologue.run();
            try {
                return evalCell(cell, firstSnippet);
            } finally {
                forgetOldValues();
                Thread.interrupted();
            }
        });
        try {
            if (options.timeoutMillis() > 0) {
                try {
                    return f.get(options.timeoutMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    interrupt();
                    CellOutcome late = f.get();
                    List<String> tb = new ArrayList<>();
                    tb.add("EvaluationTimeout: the cell ran longer than AIOLAB_TIMEOUT=" + options.timeoutMillis() + " ms");
                    if (late.failed()) {
                        tb.addAll(late.failure().traceback());
                    }
                    return CellOutcome.failed(new CellFailure("EvaluationTimeout",
                            "the cell ran longer than " + options.timeoutMillis() + " ms", tb, 0, cell));
                }
            }
            return f.get();
        } catch (InterruptedException e) {
            interrupt();
            Thread.currentThread().interrupt();
            return CellOutcome.failed(new CellFailure("Interrupted", "the evaluating thread was interrupted",
                    List.of("Interrupted"), 0, cell));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return CellOutcome.failed(new CellFailure(c.getClass().getName(), String.valueOf(c.getMessage()),
                    formatHostTrace(c), 0, cell));
        }
    }

    /**
     * Interrupts the running cell: its thread's interrupt flag is set, which stops a simulation at its next check
     * and wakes a sleeping or waiting cell. Code that ignores interrupts is stopped by force two seconds later.
     */
    public void interrupt() {
        Thread t = workerThread;
        if (t == null) {
            return;
        }
        interruptRequested = true;
        long which = evaluation;
        t.interrupt();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(STOP_AFTER_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (evaluation == which && execution != null && execution.userCodeThread() == t) {
                LOG.log(System.Logger.Level.WARNING, "cell ignored its interrupt for "
                        + STOP_AFTER_MILLIS + " ms; stopping its thread");
                stopThread(t);
            }
        }, "aiolab-interrupt-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stopThread(Thread t) {
        try {
            t.stop();
        } catch (UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.WARNING, "this JVM cannot stop a thread; the cell keeps running");
        }
    }

    /** Runs a JShell query (completion, inspection) on the evaluator's thread. */
    private <T> T onWorker(Callable<T> task) {
        try {
            return worker.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    // ---------------------------------------------------------------- evaluation, on the worker thread

    private CellOutcome evalCell(String cell, int firstSnippet) {
        Matcher named = VALUE_NAME.matcher(cell);
        while (named.find()) {
            namedValues.add(named.group());
        }
        CellOutcome last = CellOutcome.NOTHING;
        StringBuilder code = new StringBuilder();
        int snippetBase = firstSnippet;
        for (String line : cell.split("\n", -1)) {
            Matcher m = MAGIC.matcher(line);
            if (m.matches() && !line.trim().startsWith("%%")) {
                if (code.length() > 0) {
                    last = evalSnippets(code.toString(), snippetBase);
                    if (last.failed()) {
                        return last;
                    }
                    snippetBase += snippets(code.toString()).size();
                    code.setLength(0);
                }
                last = lineMagic(m.group(1), m.group(2), snippetBase++);
                if (last.failed()) {
                    return last;
                }
                code.append('\n');
            } else {
                code.append(line).append('\n');
            }
        }
        if (!code.toString().isBlank()) {
            last = evalSnippets(code.toString(), snippetBase);
        }
        return last;
    }

    private CellOutcome lineMagic(String name, String args, int snippet) {
        try {
            switch (name) {
                case "classpath" -> {
                    List<Path> paths = EvaluatorOptions.resolveGlobs(args.replace(' ', File.pathSeparatorChar));
                    if (paths.isEmpty()) {
                        throw new IllegalArgumentException("%classpath: nothing matches " + args);
                    }
                    addToClasspath(paths);
                    return CellOutcome.NOTHING;
                }
                case "jars" -> {
                    List<Path> jars = EvaluatorOptions.resolveGlobs(args.replace(' ', File.pathSeparatorChar))
                            .stream().filter(p -> p.toString().endsWith(".jar")).collect(Collectors.toList());
                    if (jars.isEmpty()) {
                        throw new IllegalArgumentException("%jars: no jar matches " + args);
                    }
                    addToClasspath(jars);
                    return CellOutcome.NOTHING;
                }
                case "load" -> {
                    Path file = Path.of(args.trim().replaceAll("^\"|\"$", ""));
                    String src = read(file);
                    if (file.toString().endsWith(".java")) {
                        // JShell has no packages: a source file's package line would be rejected.
                        src = src.replaceFirst("(?m)^\\s*package\\s+[\\w.]+\\s*;", "");
                    }
                    return evalSnippets(src, snippet);
                }
                default -> throw new IllegalArgumentException("unknown magic %" + name
                        + " (known: %classpath, %jars, %load)");
            }
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            return CellOutcome.failed(new CellFailure("MagicError", msg, List.of("MagicError: " + msg), snippet,
                    "%" + name + " " + args));
        }
    }

    private void addToClasspath(List<Path> paths) {
        shell.addToClasspath(paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    }

    /** Evaluates the snippets of {@code code} in order and stops at the first failure. */
    private CellOutcome evalSnippets(String code, int firstSnippet) {
        CellOutcome last = CellOutcome.NOTHING;
        int index = firstSnippet;
        for (Snip snip : snips(code)) {
            last = evalOne(snip.source(), index++);
            if (!last.failed() && !snip.showValue()) {
                last = CellOutcome.NOTHING;
            }
            if (last.failed()) {
                return last;
            }
        }
        return last;
    }

    private CellOutcome evalOne(String src, int index) {
        if (isPlainValue(src)) {
            CellOutcome plain = evalPlainValue(src, index);
            if (plain != null) {
                return plain;
            }
        }
        List<SnippetEvent> events = shell.eval(src);
        CellOutcome last = CellOutcome.NOTHING;
        for (SnippetEvent ev : events) {
            if (ev.causeSnippet() != null) {
                continue;
            }
            label(ev.snippet(), index);
            if (ev.exception() != null) {
                return CellOutcome.failed(runtimeFailure(ev.exception(), index, src));
            }
            if (ev.status() == Snippet.Status.REJECTED) {
                return CellOutcome.failed(compileFailure(ev.snippet(), index, src));
            }
            Snippet s = ev.snippet();
            if (s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND && s instanceof VarSnippet v) {
                values.addLast(v);
            }
            Object value = execution.take(ev.value());
            last = hasDisplayableValue(s) && value != null ? CellOutcome.value(value) : CellOutcome.NOTHING;
        }
        return last;
    }

    private void label(Snippet s, int index) {
        snippetLabels.put("#" + s.id(), "snippet " + index);
        snippetEvaluation.put("#" + s.id(), evaluation);
    }

    /**
     * Evaluates a {@linkplain #isPlainValue plain value} as {@code Object $N = <expression>;}: JShell compiles a
     * declared type in three javac tasks, where an expression's value costs five (two of them analyses that find
     * the type of {@code $N}). The value is the same object; only {@code $N}'s static type is {@code Object}.
     * Returns null, leaving nothing declared, when the declaration is not valid (a cell JShell would reject or
     * defer); JShell then evaluates the cell itself and reports in its own words.
     */
    private CellOutcome evalPlainValue(String src, int index) {
        String name = nextValueName();
        String expression = src.strip();
        if (expression.endsWith(";")) {
            expression = expression.substring(0, expression.length() - 1);
        }
        List<SnippetEvent> events = shell.eval("Object " + name + " = " + expression + "\n;");
        for (SnippetEvent ev : events) {
            if (ev.causeSnippet() != null) {
                continue;
            }
            if (!(ev.snippet() instanceof VarSnippet v) || ev.status() != Snippet.Status.VALID) {
                if (ev.status().isActive()) {
                    shell.drop(ev.snippet());
                }
                return null;
            }
            label(v, index);
            values.addLast(v);
            if (ev.exception() != null) {
                return CellOutcome.failed(runtimeFailure(ev.exception(), index, src));
            }
            Object value = execution.take(ev.value());
            return value != null ? CellOutcome.value(value) : CellOutcome.NOTHING;
        }
        return null;
    }

    /** The next {@code $N} name; JShell's own expression values draw from the same counter. */
    private String nextValueName() {
        return "$" + (++valueNumber);
    }

    /**
     * Whether a snippet is an expression that cannot be void and that JShell gives no special meaning: one
     * expression without parentheses, braces, assignment, lambda, comment or two adjacent words (so no call,
     * declaration, cast, statement or keyword form); a lone name is left to JShell, which shows it as a variable.
     * Arithmetic, constants, fields and array elements qualify. The test is on text and conservative: what it
     * lets through that is not such an expression fails to declare and falls back to JShell's own evaluation.
     */
    static boolean isPlainValue(String src) {
        String e = src.strip();
        if (e.endsWith(";")) {
            e = e.substring(0, e.length() - 1).strip();
        }
        if (e.isEmpty() || NOT_PLAIN.matcher(e).find() || LONE_NAME.matcher(e).matches()) {
            return false;
        }
        return e.replace("==", "").replace("!=", "").replace("<=", "").replace(">=", "").indexOf('=') < 0;
    }

    private static final Pattern NOT_PLAIN = Pattern.compile(
            "[(){};@\\\\]|->|//|/\\*|[\\p{javaJavaIdentifierPart}\"'][\\s]+[\\p{javaJavaIdentifierPart}\"']");
    private static final Pattern LONE_NAME = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");

    /** Drops the {@code $N} values beyond the {@value #KEEP_VALUES} most recent that no cell has named. */
    private void forgetOldValues() {
        while (values.size() > KEEP_VALUES) {
            VarSnippet v = values.removeFirst();
            if (!namedValues.contains(v.name()) && shell.status(v).isActive()) {
                shell.drop(v);
            }
        }
    }

    private static boolean hasDisplayableValue(Snippet s) {
        return switch (s.subKind()) {
            case VAR_VALUE_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }

    /**
     * One snippet of a cell. {@code showValue} is false when the user ended an expression with a semicolon:
     * as in IPython, a trailing semicolon keeps a value (such as the id {@code display(x);} returns) out of the output.
     */
    private record Snip(String source, boolean showValue) {
    }

    /** Splits source into JShell snippets (statements, declarations, expressions) in order. */
    private List<Snip> snips(String code) {
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        List<Snip> out = new ArrayList<>();
        String rest = code;
        while (!rest.isBlank()) {
            CompletionInfo ci = sca.analyzeCompletion(rest);
            if (ci.completeness() == Completeness.EMPTY) {
                break;
            }
            if (ci.completeness() == Completeness.DEFINITELY_INCOMPLETE || ci.source() == null) {
                out.add(new Snip(rest, true));
                break;
            }
            out.add(new Snip(ci.source(), ci.completeness() != Completeness.COMPLETE
                    || !ci.source().strip().endsWith(";")));
            if (ci.remaining().length() >= rest.length()) {
                break;
            }
            rest = ci.remaining();
        }
        return out;
    }

    private List<String> snippets(String code) {
        return snips(code).stream().map(Snip::source).collect(Collectors.toList());
    }

    /**
     * A script cut into what runs one at a time: each magic line alone, and each Java snippet. For callers that
     * report failures by snippet ({@code aiolab run}).
     */
    public List<String> units(String script) {
        awaitReady();
        return onWorker(() -> {
            List<String> out = new ArrayList<>();
            StringBuilder code = new StringBuilder();
            for (String line : script.split("\n", -1)) {
                if (MAGIC.matcher(line).matches() && !line.trim().startsWith("%%")) {
                    out.addAll(snippets(code.toString()));
                    code.setLength(0);
                    out.add(line.trim());
                } else {
                    code.append(line).append('\n');
                }
            }
            out.addAll(snippets(code.toString()));
            return out;
        });
    }

    // ---------------------------------------------------------------- failures

    private CellFailure runtimeFailure(JShellException ex, int index, String src) {
        List<String> tb = new ArrayList<>();
        String name;
        String message;
        if (ex instanceof EvalException ee) {
            name = ee.getExceptionClassName();
            message = ee.getMessage() == null ? "" : ee.getMessage();
        } else if (ex instanceof UnresolvedReferenceException ure) {
            name = "UnresolvedReference";
            message = "cannot run " + describe(ure.getSnippet()) + " until what it uses is declared";
        } else {
            name = ex.getClass().getName();
            message = String.valueOf(ex.getMessage());
        }
        if (interruptRequested) {
            tb.add("Interrupted: the cell was interrupted (" + name + (message.isEmpty() ? "" : ": " + message) + ")");
            formatReplTrace(ex, tb, false, this::placeOf);
            return new CellFailure("Interrupted", "the cell was interrupted", tb, index, src);
        }
        formatReplTrace(ex, tb, true, this::placeOf);
        tb.add("    in snippet " + index + ": " + firstLine(src));
        return new CellFailure(name, message, tb, index, src);
    }

    /** Where a JShell snippet id ("#12") came from: a snippet of this cell, of an earlier cell, or of the script. */
    private String placeOf(String jshellId) {
        String label = snippetLabels.get(jshellId);
        if (label == null) {
            return "snippet " + jshellId + " of the session";
        }
        Long when = snippetEvaluation.get(jshellId);
        return when != null && when != evaluation && !scriptNumbering ? label + " of an earlier cell" : label;
    }

    private static void formatReplTrace(Throwable t, List<String> tb, boolean header,
                                        java.util.function.Function<String, String> places) {
        Set<Throwable> seen = new LinkedHashSet<>();
        boolean first = true;
        while (t != null && seen.add(t)) {
            if (header || !first) {
                String cls = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
                String msg = t.getMessage();
                tb.add((first ? "" : "Caused by: ") + cls + (msg == null ? "" : ": " + msg));
            }
            StackTraceElement[] st = t.getStackTrace();
            int lastRepl = -1;
            for (int i = 0; i < st.length; i++) {
                if (isReplFrame(st[i])) {
                    lastRepl = i;
                }
            }
            int end = lastRepl >= 0 ? lastRepl + 1 : st.length;
            for (int i = 0; i < end; i++) {
                tb.add("    at " + frame(st[i], places));
            }
            first = false;
            t = t.getCause();
        }
    }

    /** JShell rewrites frames of snippet code: no class, file "#id" (the snippet's id in the session). */
    private static boolean isReplFrame(StackTraceElement e) {
        return e.getClassName().startsWith("REPL.") || e.getClassName().isEmpty()
                || (e.getFileName() != null && e.getFileName().startsWith("#"));
    }

    private static String frame(StackTraceElement e, java.util.function.Function<String, String> places) {
        if (isReplFrame(e)) {
            String m = e.getMethodName();
            String where = m.isEmpty() || m.equals("do_it$") ? "cell" : m;
            String file = e.getFileName() == null ? "" : e.getFileName();
            String place = places.apply(file);
            return where + " (" + place + (e.getLineNumber() > 0 ? ", line " + e.getLineNumber() : "") + ")";
        }
        return e.toString();
    }

    private CellFailure compileFailure(Snippet snippet, int index, String src) {
        List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        if (diags.isEmpty()) {
            diags = shell.diagnostics(snippet).collect(Collectors.toList());
        }
        List<String> tb = new ArrayList<>();
        String first = diags.isEmpty() ? "the snippet was rejected" : diags.get(0).getMessage(Locale.ROOT);
        tb.add("CompilationError in snippet " + index + ":");
        String[] lines = src.split("\n", -1);
        for (Diag d : diags) {
            int pos = (int) Math.max(0, Math.min(d.getStartPosition(), src.length()));
            int line = 0;
            int col = pos;
            for (int i = 0; i < pos; i++) {
                if (src.charAt(i) == '\n') {
                    line++;
                    col = pos - i - 1;
                }
            }
            tb.add("  " + d.getMessage(Locale.ROOT).replace("\n", "\n  "));
            if (line < lines.length) {
                tb.add("    " + lines[line]);
                tb.add("    " + " ".repeat(Math.max(0, col)) + "^");
            }
        }
        if (diags.isEmpty()) {
            tb.add("    " + firstLine(src));
        }
        return new CellFailure("CompilationError", first.replace("\n", " "), tb, index, src);
    }

    private static List<String> formatHostTrace(Throwable t) {
        List<String> tb = new ArrayList<>();
        tb.add(t.toString());
        for (StackTraceElement e : t.getStackTrace()) {
            tb.add("    at " + e);
        }
        return tb;
    }

    private static String describe(Snippet s) {
        return s instanceof VarSnippet v ? "variable " + v.name() : firstLine(s.source());
    }

    private static String firstLine(String src) {
        String t = src.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " ...";
    }

    // ---------------------------------------------------------------- completion, inspection, completeness

    /** Completion candidates for the code before {@code cursor}, and the range of text they replace. */
    public record Completion(List<String> matches, int start, int end) {
    }

    public Completion complete(String code, int cursor) {
        awaitReady();
        return onWorker(() -> {
            int start = lastSnippetStart(code, cursor);
            String part = code.substring(start, cursor);
            int[] anchor = new int[1];
            List<SourceCodeAnalysis.Suggestion> s = shell.sourceCodeAnalysis()
                    .completionSuggestions(part, part.length(), anchor);
            LinkedHashSet<String> matches = new LinkedHashSet<>();
            s.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                    .forEach(x -> matches.add(x.continuation()));
            s.forEach(x -> matches.add(x.continuation()));
            return new Completion(new ArrayList<>(matches), start + anchor[0], cursor);
        });
    }

    /** Documentation (signatures, and javadoc where sources are present) of what is at {@code cursor}, or null. */
    public String inspect(String code, int cursor) {
        awaitReady();
        return onWorker(() -> {
            int start = lastSnippetStart(code, cursor);
            String part = code.substring(start, cursor);
            SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
            List<SourceCodeAnalysis.Documentation> docs = sca.documentation(part, part.length(), true);
            if (docs.isEmpty() && !part.endsWith("(")) {
                docs = sca.documentation(part + "(", part.length() + 1, true);
            }
            StringBuilder out = new StringBuilder();
            for (SourceCodeAnalysis.Documentation d : docs) {
                out.append(d.signature()).append('\n');
                if (d.javadoc() != null && !d.javadoc().isBlank()) {
                    out.append(d.javadoc().strip()).append("\n\n");
                }
            }
            if (out.length() == 0) {
                Matcher m = Pattern.compile("([A-Za-z_$][\\w$]*)$").matcher(part);
                if (m.find()) {
                    String name = m.group(1);
                    shell.variables().filter(v -> v.name().equals(name)).forEach(v ->
                            out.append(v.typeName()).append(' ').append(v.name()).append(" = ")
                                    .append(shortValue(v)).append('\n'));
                }
            }
            if (out.length() == 0) {
                String type = sca.analyzeType(part, part.length());
                if (type != null && !type.isBlank()) {
                    out.append(type).append('\n');
                }
            }
            return out.length() == 0 ? null : out.toString().strip();
        });
    }

    private String shortValue(VarSnippet v) {
        try {
            String s = shell.varValue(v);
            if (execution.isValueKey(s)) {
                return "...";
            }
            return s.length() > 200 ? s.substring(0, 200) + "..." : s;
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /**
     * Jupyter's is_complete: {@code "complete"}, {@code "invalid"}, or an indent for the next line when more
     * input is needed.
     */
    public String isComplete(String code) {
        awaitReady();
        return onWorker(() -> {
            StringBuilder java = new StringBuilder();
            for (String line : code.split("\n", -1)) {
                if (!MAGIC.matcher(line).matches()) {
                    java.append(line).append('\n');
                }
            }
            String rest = java.toString();
            SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
            while (!rest.isBlank()) {
                CompletionInfo ci = sca.analyzeCompletion(rest);
                switch (ci.completeness()) {
                    case COMPLETE, COMPLETE_WITH_SEMI -> {
                        if (ci.remaining().length() >= rest.length()) {
                            return "complete";
                        }
                        rest = ci.remaining();
                    }
                    case EMPTY -> {
                        return "complete";
                    }
                    case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                        return "    ";
                    }
                    default -> {
                        return "invalid";
                    }
                }
            }
            return "complete";
        });
    }

    /** Where the snippet that the cursor is in starts. */
    private int lastSnippetStart(String code, int cursor) {
        String prefix = code.substring(0, Math.min(cursor, code.length()));
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        int offset = 0;
        while (offset < prefix.length()) {
            CompletionInfo ci = sca.analyzeCompletion(prefix.substring(offset));
            if (!ci.completeness().isComplete() || ci.remaining().isBlank()) {
                break;
            }
            int next = prefix.length() - ci.remaining().length();
            if (next <= offset) {
                break;
            }
            offset = next;
        }
        while (offset < prefix.length() && Character.isWhitespace(prefix.charAt(offset))) {
            offset++;
        }
        return offset;
    }

    // ----------------------------------------------------------------

    /** Adds class path entries for later cells (IJava's {@code %classpath}). */
    public void addClasspath(List<Path> paths) {
        awaitReady();
        onWorker(() -> {
            addToClasspath(paths);
            return null;
        });
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    @Override
    public void close() {
        try {
            onWorker(() -> {
                if (shell != null) {
                    shell.close();
                }
                return null;
            });
        } catch (RuntimeException ignored) {
            // closing a broken shell is best effort
        }
        worker.shutdownNow();
    }
}
