package dev.aiolab.jupyter;

/**
 * Where {@link Display} sends rich output: the notebook kernel publishes it on iopub, {@code aiolab execute} writes
 * it into the notebook, {@code aiolab run} prints its text form.
 */
public interface DisplaySink {

    /** Shows a new output; {@code displayId} names it for later updates. */
    void display(MimeBundle bundle, String displayId);

    /** Replaces the output shown earlier under {@code displayId}, wherever it is. */
    void update(MimeBundle bundle, String displayId);

    /** Clears the current cell's output; with {@code wait}, only when the next output arrives. */
    void clear(boolean wait);

    /** Prints text forms to standard output: what scripts get. */
    DisplaySink TEXT = new DisplaySink() {
        @Override
        public void display(MimeBundle bundle, String displayId) {
            String t = bundle.plainText();
            if (!t.isEmpty()) {
                System.out.println(t);
            }
        }

        @Override
        public void update(MimeBundle bundle, String displayId) {
            display(bundle, displayId);
        }

        @Override
        public void clear(boolean wait) {
            // a terminal keeps what it printed
        }
    };
}
