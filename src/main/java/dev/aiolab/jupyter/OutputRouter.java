package dev.aiolab.jupyter;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends System.out, System.err and display calls to the right cell. The evaluating thread is bound to the running
 * cell; a thread started by a cell inherits that binding and keeps writing under its own cell even after the next
 * one has started. A thread with no binding (one the host started) writes to the running or last cell. Streams are
 * published every {@value #FLUSH_MILLIS} ms and whenever the cell ends or displays something.
 */
final class OutputRouter implements DisplaySink {

    private static final long FLUSH_MILLIS = 20;

    private final InheritableThreadLocal<CellOutput> bound = new InheritableThreadLocal<>();
    private final Set<CellOutput> pending = Collections.synchronizedSet(new LinkedHashSet<>());
    private final PrintStream hostErr;
    private volatile CellOutput current;
    private final ScheduledExecutorService flusher;

    OutputRouter() {
        this.hostErr = System.err;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aiolab-output-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushPending, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Replaces the JVM's standard streams with routed ones. */
    void install() {
        System.setOut(new PrintStream(new Routed(false), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routed(true), true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(new byte[0]));
        Display.install(this);
    }

    /** Makes {@code cell} the running cell; call on the evaluating thread so threads it starts inherit it. */
    void bindCurrentThread(CellOutput cell) {
        current = cell;
        bound.set(cell);
    }

    void startCell(CellOutput cell) {
        current = cell;
    }

    private CellOutput target() {
        CellOutput c = bound.get();
        return c != null ? c : current;
    }

    private void flushPending() {
        CellOutput[] cells;
        synchronized (pending) {
            cells = pending.toArray(new CellOutput[0]);
            pending.clear();
        }
        for (CellOutput c : cells) {
            try {
                c.flush();
            } catch (RuntimeException e) {
                hostErr.println("aiolab: could not publish output: " + e);
            }
        }
    }

    @Override
    public void display(MimeBundle bundle, String displayId) {
        CellOutput c = target();
        if (c != null) {
            c.display(bundle, displayId);
        }
    }

    @Override
    public void update(MimeBundle bundle, String displayId) {
        CellOutput c = target();
        if (c != null) {
            c.update(bundle, displayId);
        }
    }

    @Override
    public void clear(boolean wait) {
        CellOutput c = target();
        if (c != null) {
            c.clear(wait);
        }
    }

    void close() {
        flusher.shutdownNow();
    }

    private final class Routed extends OutputStream {
        private final boolean stderr;

        Routed(boolean stderr) {
            this.stderr = stderr;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            CellOutput c = target();
            if (c == null) {
                hostErr.write(b, off, len);
                return;
            }
            c.write(stderr, b, off, len);
            pending.add(c);
        }
    }
}
