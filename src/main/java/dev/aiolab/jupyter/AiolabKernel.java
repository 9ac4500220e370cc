package dev.aiolab.jupyter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

/**
 * The aiolab notebook kernel: Java cells evaluated by a {@link JShellEvaluator} in this JVM, with aiolab, Tablesaw
 * and XChart imported, rich display through {@link Renderers}, and output routed to the cell that produced it.
 *
 * <p>Built on jjava-jupyter's {@link BaseKernel} for completion, inspection, is_complete, history, comms, shutdown
 * and interrupt handling; the execute path is this class's own.
 */
public final class AiolabKernel extends BaseKernel {

    private final JShellEvaluator evaluator;
    private final KernelHistory history;
    private final OutputRouter router = new OutputRouter();
    private JupyterSocket iopub;

    private AiolabKernel(JShellEvaluator evaluator, KernelHistory history) {
        super("aiolab", implementationVersion(), languageInfo(),
                List.of(new HelpLink("aiolab", "https://github.com/aiolab/aiolab"),
                        new HelpLink("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/")),
                history, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                null, null, false,
                new StringStyler.Builder().addPrimaryStyle(TextColor.BOLD_RESET_FG)
                        .addSecondaryStyle(TextColor.BOLD_RED_FG).build());
        this.evaluator = evaluator;
        this.history = history;
    }

    /** A kernel whose JShell starts warming up at once, in the background. */
    public static AiolabKernel create(EvaluatorOptions options) {
        Progress.installAsDefault();
        return new AiolabKernel(new JShellEvaluator(options), new KernelHistory());
    }

    private static String implementationVersion() {
        String v = AiolabKernel.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(System.getProperty("java.version"))
                .mimetype("text/x-java-source")
                .fileExtension(".jsh")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }

    @Override
    public String getBanner() {
        return "aiolab " + getVersion() + " :: Java " + System.getProperty("java.version")
                + " :: JShell with aiolab, Tablesaw and XChart imported";
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        this.iopub = connection.getIOPub();
        connection.setHandler(MessageType.EXECUTE_REQUEST, this::handleExecuteRequest);
        router.install();
    }

    @Override
    protected void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        boolean store = request.shouldStoreHistory() && !request.isSilent();
        int count = store ? executionCount.getAndIncrement() : executionCount.get();
        CellOutput cell = new CellOutput(iopub, message, request.isSilent());

        cell.publish(PublishStatus.BUSY);
        if (!request.isSilent()) {
            cell.publish(new PublishExecuteInput(request.getCode(), count));
        }
        router.startCell(cell);
        CellOutcome outcome = evaluator.evaluate(request.getCode(), () -> router.bindCurrentThread(cell));
        cell.flush();

        String textOutput = null;
        if (outcome.failed()) {
            CellFailure f = outcome.failure();
            List<String> traceback = errorStyler.secondaryLines(f.tracebackText());
            if (!request.isSilent()) {
                cell.publish(new PublishError(f.name(), f.message(), traceback));
            }
            ErrorReply reply = new ErrorReply(f.name(), f.message(), traceback);
            reply.setExecutionCount(count);
            env.replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        } else {
            if (outcome.hasValue() && !request.isSilent()) {
                try {
                    MimeBundle bundle = Display.renderers().render(outcome.value());
                    textOutput = bundle.plainText();
                    cell.publish(new PublishExecuteResult(count, CellOutput.toDisplayData(bundle, null)));
                } catch (RuntimeException e) {
                    cell.publish(new PublishError(e.getClass().getName(), String.valueOf(e.getMessage()),
                            List.of("could not render the value: " + e)));
                }
            }
            env.reply(new ExecuteReply(count, java.util.Collections.emptyMap()));
        }
        if (store) {
            history.record(count, request.getCode(), textOutput);
        }
        cell.publish(PublishStatus.IDLE);
    }

    @Override
    public Object evalRaw(String source) {
        CellOutcome o = evaluator.evaluate(source);
        if (o.failed()) {
            throw new IllegalStateException(o.failure().name() + ": " + o.failure().message());
        }
        return o.value();
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String doc = evaluator.inspect(code, Math.min(at, code.length()));
        return doc == null ? null : new DisplayData(doc);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        JShellEvaluator.Completion c = evaluator.complete(code, Math.min(at, code.length()));
        return new ReplacementOptions(c.matches(), c.start(), c.end());
    }

    @Override
    public String isComplete(String code) {
        return evaluator.isComplete(code);
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        router.close();
        evaluator.close();
    }

    /** The evaluator, for hosts that wait for JShell to be warm. */
    public JShellEvaluator evaluator() {
        return evaluator;
    }
}
