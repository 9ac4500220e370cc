package dev.aiolab.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What tests of printed tables look for: figures that are not written as an engineer writes them. */
public final class PrintedFigures {
    private static final Pattern EXPONENT = Pattern.compile("\\d[eE][-+]?\\d");
    private static final Pattern DECIMAL = Pattern.compile("[\\d,]*\\.\\d+");

    private PrintedFigures() {}

    /** Whether {@code printed} has an exponent, or a decimal figure of more than 4 significant digits. */
    public static boolean noisy(String printed) {
        if (EXPONENT.matcher(printed).find()) {
            return true;
        }
        Matcher m = DECIMAL.matcher(printed);
        while (m.find()) {
            String significant = m.group().replace(",", "").replace(".", "").replaceFirst("^0+", "");
            if (significant.length() > Figures.DIGITS) {
                return true;
            }
        }
        return false;
    }
}
