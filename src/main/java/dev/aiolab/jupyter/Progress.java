package dev.aiolab.jupyter;

import java.util.Locale;

/**
 * A progress bar in the cell's output, for long runs and sweeps: {@link #start} shows it, {@link #update} moves it
 * (at most every 100 ms, and always on a whole-percent change after that), {@link #done} removes it. The lab's
 * progress listener calls {@code update(fraction, label)}.
 */
public final class Progress implements AutoCloseable {

    private static final long MIN_INTERVAL_NANOS = 100_000_000L;

    private final String id;
    private final String title;
    private long lastShown = System.nanoTime();
    private int lastPercent = 0;
    private boolean finished;

    private Progress(String title) {
        this.title = title;
        this.id = Display.newDisplayId();
        Display.sink().display(bar(0, ""), id);
    }

    /**
     * Makes runs and sweeps that were given no listener of their own draw a bar in their cell: it
     * appears with the first progress report and is removed when the run ends.
     */
    public static void installAsDefault() {
        dev.aiolab.lab.ProgressListener.setDefault(Progress::listener);
    }

    /** A lab listener that shows a bar once a run reports progress, and removes it when it is done. */
    static dev.aiolab.lab.ProgressListener listener(String title) {
        Progress[] bar = {null};
        return (fraction, label) -> {
            synchronized (bar) {
                if (fraction >= 1.0) {
                    if (bar[0] != null) {
                        bar[0].done();
                    }
                    return;
                }
                if (bar[0] == null) {
                    bar[0] = start(title);
                }
                bar[0].update(fraction, label);
            }
        };
    }

    public static Progress start(String title) {
        return new Progress(title == null ? "" : title);
    }

    /** Moves the bar to {@code fraction} (0..1) with a short label such as "sweep point 3 of 8". */
    public synchronized void update(double fraction, String label) {
        if (finished) {
            return;
        }
        int percent = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
        long now = System.nanoTime();
        if (now - lastShown < MIN_INTERVAL_NANOS && percent < 100) {
            return;
        }
        if (percent == lastPercent && now - lastShown < 10 * MIN_INTERVAL_NANOS) {
            return;
        }
        lastShown = now;
        lastPercent = percent;
        Display.sink().update(bar(percent, label), id);
    }

    /** Removes the bar from the output. */
    public synchronized void done() {
        if (!finished) {
            finished = true;
            Display.sink().update(MimeBundle.empty(), id);
        }
    }

    @Override
    public void close() {
        done();
    }

    public String displayId() {
        return id;
    }

    private MimeBundle bar(int percent, String label) {
        String safeLabel = label == null ? "" : label;
        String html = String.format(Locale.ROOT,
                "<div class=\"aiolab-progress\" style=\"font-family:monospace\">%s "
                        + "<progress value=\"%d\" max=\"100\" style=\"width:40%%\"></progress> %d%% %s</div>",
                TableHtml.escape(title), percent, percent, TableHtml.escape(safeLabel));
        int filled = percent / 5;
        String text = title + " [" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + percent + "% " + safeLabel;
        return new MimeBundle(java.util.Map.of("text/html", html, "text/plain", text), java.util.Map.of());
    }
}
