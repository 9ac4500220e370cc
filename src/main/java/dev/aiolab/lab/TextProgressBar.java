package dev.aiolab.lab;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar for the command line: {@code [########............]  40%  kernel=aioWaitBit ...}. */
public final class TextProgressBar implements ProgressListener {
    private final PrintStream out;
    private final int width;

    public TextProgressBar(PrintStream out, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("progress bar width must be >= 1, got " + width);
        }
        this.out = out;
        this.width = width;
    }

    public TextProgressBar() {
        this(System.err, 30);
    }

    @Override
    public synchronized void progress(double fractionDone, String label) {
        out.print('\r');
        out.print(render(fractionDone, label));
        if (fractionDone >= 1.0) {
            out.println();
        }
        out.flush();
    }

    /** The bar's text for {@code fractionDone}, without the carriage return. */
    public String render(double fractionDone, String label) {
        double f = Math.max(0, Math.min(1, fractionDone));
        int filled = (int) Math.round(f * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", Math.round(f * 100)) + "  " + label;
    }
}
