package dev.aiolab.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Set;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Figures as an engineer writes them, for every table and card aiolab prints or renders: measurements to 4
 * significant digits, counts exact, thousands grouped, never an exponent ({@code 174.4}, {@code 11,480},
 * {@code 0.6588}, {@code 5,945}). Formatting happens at display time only: {@link #readable} sets this
 * formatter on a table's number columns, so the table prints rounded while its values, and the CSV files
 * written from it, keep full precision.
 */
public final class Figures {
    private Figures() {}

    /** Significant digits of a measurement. */
    public static final int DIGITS = 4;

    /** Whole-number columns that name something rather than count it, shown without grouping. */
    static final Set<String> IDENTIFIERS = Set.of("point", "seed", "task", "queue");

    /** Columns of instants in microseconds, shown to the nanosecond so that neighbouring rows stay apart. */
    static final Set<String> INSTANTS = Set.of("time_us", "submit_us", "complete_us");

    private static final MathContext ROUNDING = new MathContext(DIGITS, RoundingMode.HALF_UP);
    private static final ThreadLocal<DecimalFormat> GROUPED = ThreadLocal.withInitial(() -> {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setMaximumFractionDigits(340);
        return f;
    });

    /** A measurement: 4 significant digits, thousands grouped, no exponent; blank when missing (NaN). */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        return GROUPED.get().format(BigDecimal.valueOf(v).round(ROUNDING));
    }

    /** An instant in microseconds: to the nanosecond (3 decimals at most), thousands grouped. */
    public static String formatInstantUs(double us) {
        if (!Double.isFinite(us)) {
            return format(us);
        }
        return GROUPED.get().format(BigDecimal.valueOf(us).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros());
    }

    /** A count: exact, thousands grouped. */
    public static String format(long v) {
        return GROUPED.get().format(v);
    }

    /** The Tablesaw form of {@link #format}: a column formatter for measurements and counts. */
    public static NumberColumnFormatter columnFormatter() {
        return new FigureFormatter(false);
    }

    /**
     * Sets the Tablesaw form of these formats on every number column of {@code t} and returns {@code t}:
     * instants ({@code time_us}, {@code submit_us}, {@code complete_us}) to the nanosecond, identifiers
     * ({@code point}, {@code seed}, {@code task}, {@code queue}) as they are, everything else by
     * {@link #format}. Values are untouched.
     */
    public static Table readable(Table t) {
        for (Column<?> c : t.columns()) {
            if (c instanceof NumberColumn<?, ?> n && !IDENTIFIERS.contains(c.name())) {
                n.setPrintFormatter(new FigureFormatter(INSTANTS.contains(c.name())));
            }
        }
        return t;
    }

    /** Tablesaw asks a formatter by the column's primitive type; its missing values print blank. */
    private static final class FigureFormatter extends NumberColumnFormatter {
        private final boolean instants;

        FigureFormatter(boolean instants) {
            this.instants = instants;
        }

        @Override
        public String format(double v) {
            return instants ? formatInstantUs(v) : Figures.format(v);
        }

        @Override
        public String format(float v) {
            return format((double) v);
        }

        @Override
        public String format(long v) {
            return v == Long.MIN_VALUE ? "" : Figures.format(v);
        }

        @Override
        public String format(int v) {
            return v == Integer.MIN_VALUE ? "" : Figures.format(v);
        }

        @Override
        public String format(short v) {
            return v == Short.MIN_VALUE ? "" : Figures.format(v);
        }
    }
}
