package dev.aiolab.jupyter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rendering of an object, keyed by MIME type, as Jupyter's display_data and execute_result carry it. Text types
 * map to strings, {@code image/png} to base64, {@code application/json} to any Gson-serialisable value.
 */
public record MimeBundle(Map<String, Object> data, Map<String, Object> metadata) {

    public MimeBundle {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public static MimeBundle text(String text) {
        return new MimeBundle(Map.of("text/plain", text), Map.of());
    }

    /** The empty bundle: updating a display to it makes the display disappear. */
    public static MimeBundle empty() {
        return new MimeBundle(Map.of("text/plain", ""), Map.of());
    }

    public String plainText() {
        Object t = data.get("text/plain");
        return t == null ? "" : t.toString();
    }
}
