package dev.aiolab.jupyter;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.ExpressionValue;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.adapters.ExpressionValueAdapter;
import org.dflib.jjava.jupyter.messages.adapters.HistoryEntryAdapter;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.zeromq.ZMQ;

/**
 * The shell (or control) socket of the kernel: the base library's {@link ShellChannel} with two faults fixed.
 *
 * <ul>
 *   <li>The base reads a message, finds its HMAC signature wrong, and throws out of its poll loop, which kills the
 *       channel's thread: the kernel silently stops answering. Here a badly signed message is logged, answered by
 *       nothing (an attacker learns nothing), and the loop keeps serving. Any other failure while handling one
 *       message is logged and the loop goes on too.</li>
 *   <li>Several base replies (kernel_info, history, comm_info, shutdown, interrupt) lack the {@code "status"} field
 *       that protocol 5 requires of every reply. Here every reply leaves with {@code "status": "ok"} unless it is an
 *       error reply. History entries are also written as the protocol's tuples.</li>
 * </ul>
 */
final class GuardedShellChannel extends ShellChannel {

    /** How long one poll blocks; a message wakes it at once, so this only bounds how fast close() is noticed. */
    private static final long POLL_TIMEOUT_MS = 50;
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final System.Logger LOG = System.getLogger("dev.aiolab.jupyter.channel");

    /** Serialises reply content; knows the tuple form of history entries, which the base writes as objects. */
    private static final Gson REPLY_GSON = new GsonBuilder()
            .registerTypeAdapter(HistoryEntry.class, HistoryEntryAdapter.INSTANCE)
            .registerTypeAdapter(ExpressionValue.class, ExpressionValueAdapter.INSTANCE)
            .disableHtmlEscaping()
            .create();

    private final boolean isControl;
    private final JupyterConnection connection;
    private final AtomicLong rejected = new AtomicLong();
    private volatile Loop loop;

    GuardedShellChannel(ZMQ.Context ctx, HMACGenerator hmac, boolean isControl, JupyterConnection connection) {
        super(ctx, hmac, isControl, connection);
        this.isControl = isControl;
        this.connection = connection;
    }

    /** How many messages this channel has refused for a bad signature. */
    long rejectedCount() {
        return rejected.get();
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        if (loop != null) {
            throw new IllegalStateException("channel already bound");
        }
        String name = (isControl ? "Control-" : "Shell-") + IDS.getAndIncrement();
        int port = isControl ? props.getControlPort() : props.getShellPort();
        // ZMQ.Socket.bind(String): the base overload would start the base's own (fragile) loop.
        super.bind(props.getTransport() + "://" + props.getIp() + ":" + port);
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        // A blocking poll rather than the base's poll-then-sleep: a request is served the moment it arrives.
        Loop l = new Loop(name, 0, () -> {
            if (!closed && poller.poll(POLL_TIMEOUT_MS) > 0) {
                serveOne();
            }
        });
        l.onError(t -> {
            LOG.log(System.Logger.Level.ERROR, name + ": unexpected failure, channel keeps serving", t);
            return POLL_TIMEOUT_MS;
        });
        l.onClose(() -> loop = null);
        loop = l;
        l.start();
    }

    private void serveOne() {
        Message<?> message;
        try {
            message = readMessage();
        } catch (SecurityException badSignature) {
            // The base has consumed every frame of the message before checking it, so the socket is in step.
            long n = rejected.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "rejected a message with an invalid HMAC signature on the "
                    + (isControl ? "control" : "shell") + " channel (" + n + " so far); no reply sent");
            return;
        } catch (RuntimeException unreadable) {
            LOG.log(System.Logger.Level.WARNING, "dropped an unreadable message: " + unreadable);
            return;
        }
        if (message == null) {
            return;
        }
        @SuppressWarnings({"rawtypes", "unchecked"})
        ShellHandler<Object> handler = (ShellHandler) connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            LOG.log(System.Logger.Level.DEBUG, "no handler for " + message.getHeader().getType().getName());
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
        try {
            @SuppressWarnings("unchecked")
            Message<Object> m = (Message<Object>) message;
            handler.handle(env, m);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "failed to handle " + message.getHeader().getType().getName(), e);
        } finally {
            env.resolveDeferrals();
        }
        if (env.isMarkedForShutdown()) {
            connection.close();
        }
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public synchronized void sendMessage(Message<?> message) {
        String type = message.getHeader().getType().getName();
        Object content = message.getContent();
        if (type.endsWith("_reply") && content != null && !(content instanceof ErrorReply)) {
            JsonElement json = REPLY_GSON.toJsonTree(content);
            if (json.isJsonObject()) {
                JsonObject obj = json.getAsJsonObject();
                if (!obj.has("status")) {
                    obj.addProperty("status", "ok");
                }
                message = new Message(message.getIdentities(), message.getHeader(), message.getParentHeader(),
                        message.getMetadata(), obj, message.getBlobs());
            }
        }
        super.sendMessage(message);
    }

    @Override
    public void close() {
        Loop l = loop;
        if (l != null) {
            l.shutdown();
        }
        waitUntilClose();
        super.close();
    }

    @Override
    public void waitUntilClose() {
        Loop l = loop;
        if (l != null && l != Thread.currentThread()) {
            try {
                l.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
