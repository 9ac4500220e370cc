package dev.aiolab.lab;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as fio writes them: {@code 512}, {@code 4k}, {@code 256M}, {@code 1G}, {@code 4KiB}; powers of 1024. */
public final class Sizes {
    /** The accepted forms, for error messages. */
    public static final String ACCEPTED = "a whole number of bytes with an optional suffix k, m, g, t "
            + "(powers of 1024; 4k, 4K, 4KiB and 4kb all mean 4096), e.g. 512, 4k, 256M, 1G";

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?");

    private Sizes() {}

    /** Parses {@code text} as a size for option {@code option}; the error names both and the accepted forms. */
    public static long parse(String option, String text) {
        if (text == null) {
            throw new IllegalArgumentException(option + ": no size given; accepted: " + ACCEPTED);
        }
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(2).isEmpty() && m.group(3) != null && m.group(3).startsWith("i"))) {
            throw new IllegalArgumentException(option + "=" + text + ": not a size; accepted: " + ACCEPTED);
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        try {
            long n = Long.parseLong(m.group(1));
            if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + "=" + text + ": too large; accepted: " + ACCEPTED);
        }
    }

    /** The shortest exact text for {@code bytes}: 4096 is {@code 4k}, 1073741824 is {@code 1G}. */
    public static String format(long bytes) {
        String[] suffix = {"", "k", "M", "G", "T"};
        int i = 0;
        long v = bytes;
        while (i < 4 && v != 0 && (v & 1023) == 0) {
            v >>= 10;
            i++;
        }
        return v + suffix[i];
    }
}
