package dev.aiolab.kernel;

import java.util.Arrays;
import java.util.Locale;

/**
 * One named kernel parameter or switch: its type, default, and where the default comes from.
 * Parameters are declared once, in {@link KernelConfig}.
 */
public final class Param<T> {
    final int ordinal;
    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final String doc;
    private long min = 0;
    private long max = Long.MAX_VALUE;
    private String minNote = "";

    Param(int ordinal, String name, Class<T> type, T defaultValue, String doc) {
        this.ordinal = ordinal;
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.doc = doc;
    }

    /** Limits a whole-number parameter to {@code lo..hi}; set once, where the parameter is declared. */
    Param<T> range(long lo, long hi) {
        return range(lo, hi, "");
    }

    /** {@link #range(long, long)} with a note on where the lower bound comes from. */
    Param<T> range(long lo, long hi, String loSource) {
        min = lo;
        max = hi;
        minNote = loSource.isEmpty() ? "" : " (" + loSource + ")";
        return this;
    }

    /** Throws, naming the parameter, the value and the accepted values, when {@code value} is out of range. */
    void check(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            long v = ((Number) value).longValue();
            if (v < min || v > max) {
                throw new IllegalArgumentException("kernel parameter '" + name + "': " + value
                        + " is not accepted; accepted: " + accepted());
            }
        }
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** What the parameter means and the source of its default. */
    public String doc() {
        return doc;
    }

    /** Parses a value written as {@link #format} writes it; the error names the parameter. */
    public T parse(String text) {
        String s = text.trim();
        try {
            Object v;
            if (type == Long.class) {
                v = Long.parseLong(s.replace("_", ""));
            } else if (type == Integer.class) {
                v = Integer.parseInt(s.replace("_", ""));
            } else if (type == Double.class) {
                v = Double.parseDouble(s);
            } else if (type == Boolean.class) {
                if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException();
                }
                v = Boolean.parseBoolean(s);
            } else if (type.isEnum()) {
                v = parseEnum(s);
            } else {
                throw new IllegalStateException("unsupported parameter type " + type);
            }
            return type.cast(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kernel parameter '" + name + "': cannot use '" + text
                    + "'; accepted: " + accepted(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object parseEnum(String s) {
        for (Object c : type.getEnumConstants()) {
            if (((Enum) c).name().equalsIgnoreCase(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException();
    }

    /** A description of the accepted values, for error messages. */
    public String accepted() {
        if (type == Long.class || type == Integer.class) {
            long top = type == Integer.class ? Math.min(max, Integer.MAX_VALUE) : max;
            return "an integer from " + min + minNote + (top == Long.MAX_VALUE || top == Integer.MAX_VALUE ? ""
                    : " to " + top);
        }
        if (type == Double.class) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        return "one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT);
    }

    /** The text form used in manifests. */
    public String format(Object value) {
        return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
