package dev.aiolab.jupyter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;

/**
 * The output side of one execute request: its stdout and stderr buffers and its display calls, all published on
 * iopub with that request as parent, so a frontend puts them under that cell, whichever thread wrote them and
 * however late. Published straight on the socket, never through the request's reply environment, which is not
 * safe to share between threads.
 */
final class CellOutput {

    private final JupyterSocket iopub;
    private final MessageContext request;
    private final boolean silent;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** With {@code silent} (a silent execute request), streams and displays are dropped, as the protocol asks. */
    CellOutput(JupyterSocket iopub, MessageContext request, boolean silent) {
        this.iopub = iopub;
        this.request = request;
        this.silent = silent;
    }

    synchronized void write(boolean stderr, byte[] b, int off, int len) {
        (stderr ? err : out).write(b, off, len);
    }

    synchronized boolean hasPending() {
        return out.size() > 0 || err.size() > 0;
    }

    /** Publishes whatever the streams hold. */
    void flush() {
        String o;
        String e;
        synchronized (this) {
            o = drain(out);
            e = drain(err);
        }
        if (!o.isEmpty()) {
            publishOutput(new PublishStream(PublishStream.StreamType.OUT, o));
        }
        if (!e.isEmpty()) {
            publishOutput(new PublishStream(PublishStream.StreamType.ERR, e));
        }
    }

    private static String drain(ByteArrayOutputStream b) {
        if (b.size() == 0) {
            return "";
        }
        byte[] bytes = b.toByteArray();
        // Keep an incomplete UTF-8 sequence at the end for the next flush.
        int end = bytes.length;
        int i = end - 1;
        int back = 0;
        while (i >= 0 && back < 3 && (bytes[i] & 0xC0) == 0x80) {
            i--;
            back++;
        }
        if (i >= 0 && (bytes[i] & 0x80) != 0) {
            int lead = bytes[i] & 0xFF;
            int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (end - i < need) {
                end = i;
            }
        }
        String s = new String(bytes, 0, end, StandardCharsets.UTF_8);
        b.reset();
        b.write(bytes, end, bytes.length - end);
        return s;
    }

    void display(MimeBundle bundle, String displayId) {
        flush();
        publishOutput(new PublishDisplayData(toDisplayData(bundle, displayId)));
    }

    void update(MimeBundle bundle, String displayId) {
        flush();
        publishOutput(new PublishUpdateDisplayData(toDisplayData(bundle, displayId)));
    }

    void clear(boolean wait) {
        flush();
        publishOutput(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
    }

    private <T extends ContentType<T>> void publishOutput(T content) {
        if (!silent) {
            publish(content);
        }
    }

    /** Publishes on iopub under this request, silent or not (status, errors). */
    <T extends ContentType<T>> void publish(T content) {
        iopub.sendMessage(new Message<>(request, content.getType(), content));
    }

    static DisplayData toDisplayData(MimeBundle bundle, String displayId) {
        DisplayData d = new DisplayData();
        bundle.data().forEach(d::putData);
        bundle.metadata().forEach(d::putMetaData);
        if (displayId != null) {
            d.setDisplayId(displayId);
        }
        return d;
    }
}
