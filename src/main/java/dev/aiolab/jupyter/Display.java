package dev.aiolab.jupyter;

import java.util.UUID;

/**
 * The display helpers a cell sees (statically imported at startup): {@code display(obj)} shows an object richly
 * and returns an id, {@code updateDisplay(id, obj)} replaces that output in place, {@code clearOutput()} clears the
 * cell. Objects are rendered by {@link Renderers}.
 */
public final class Display {

    private static volatile DisplaySink sink = DisplaySink.TEXT;
    private static final Renderers RENDERERS = Renderers.standard();

    private Display() {
    }

    /** Routes all display calls to {@code s}; hosts (kernel, notebook executor) call this once. */
    public static void install(DisplaySink s) {
        sink = s == null ? DisplaySink.TEXT : s;
    }

    public static DisplaySink sink() {
        return sink;
    }

    /** The renderer registry: register a renderer for a class here. */
    public static Renderers renderers() {
        return RENDERERS;
    }

    /** Shows {@code value} as a new output of the current cell and returns the id to update it with. */
    public static String display(Object value) {
        String id = newDisplayId();
        sink.display(RENDERERS.render(value), id);
        return id;
    }

    /** Shows {@code value} in the given MIME types only (e.g. {@code "image/svg+xml"} for a chart). */
    public static String display(Object value, String... mimeTypes) {
        String id = newDisplayId();
        sink.display(RENDERERS.render(value, mimeTypes), id);
        return id;
    }

    /** Replaces the output shown under {@code id} by {@code value}. */
    public static void updateDisplay(String id, Object value) {
        sink.update(RENDERERS.render(value), id);
    }

    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        sink.update(RENDERERS.render(value, mimeTypes), id);
    }

    /** Clears the output of the current cell now. */
    public static void clearOutput() {
        sink.clear(false);
    }

    /** Clears the output of the current cell, now or (with {@code wait}) when new output arrives. */
    public static void clearOutput(boolean wait) {
        sink.clear(wait);
    }

    static String newDisplayId() {
        return UUID.randomUUID().toString();
    }
}
