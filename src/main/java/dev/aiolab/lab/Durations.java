package dev.aiolab.lab;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as fio writes them: {@code 10us}, {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1.5h}; in ns. */
public final class Durations {
    /** The accepted forms, for error messages. */
    public static final String ACCEPTED = "a number with a unit ns, us, ms, s, m (minutes) or h, "
            + "e.g. 10us, 500ms, 2s, 1m";

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h)?");

    private Durations() {}

    /** Parses {@code text}, which must carry a unit; the error names the option, the value and the forms. */
    public static long parse(String option, String text) {
        return parse(option, text, null);
    }

    /**
     * Parses {@code text}; a bare number is in {@code bareUnit} (fio: {@code runtime} in s,
     * {@code thinktime} in us), or rejected when {@code bareUnit} is null.
     */
    public static long parse(String option, String text, String bareUnit) {
        String accepted = ACCEPTED + (bareUnit == null ? "" : "; a bare number is in " + bareUnit);
        if (text == null) {
            throw new IllegalArgumentException(option + ": no duration given; accepted: " + accepted);
        }
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(2) == null && bareUnit == null)) {
            throw new IllegalArgumentException(option + "=" + text + ": not a duration; accepted: " + accepted);
        }
        String unit = m.group(2) == null ? bareUnit : m.group(2);
        long nsPerUnit = switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
        BigDecimal ns = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nsPerUnit));
        try {
            return ns.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(option + "=" + text + ": too long; accepted: " + accepted);
        }
    }

    /** A short exact text for {@code ns}, in the largest unit that divides it. */
    public static String format(long ns) {
        if (ns == 0) {
            return "0s";
        }
        long[] per = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        String[] unit = {"h", "m", "s", "ms", "us"};
        for (int i = 0; i < per.length; i++) {
            if (ns % per[i] == 0) {
                return ns / per[i] + unit[i];
            }
        }
        return ns + "ns";
    }
}
