package dev.aiolab.jupyter;

import java.util.List;

/**
 * Why a cell failed, ready for a Jupyter error reply: the exception (or compilation error) name, its message, and
 * a readable traceback, one line per entry. {@code snippet} is the 1-based index of the failing snippet within the
 * cell or script and {@code source} its text.
 */
public record CellFailure(String name, String message, List<String> traceback, int snippet, String source) {

    /** The whole traceback as one string. */
    public String tracebackText() {
        return String.join("\n", traceback);
    }
}
