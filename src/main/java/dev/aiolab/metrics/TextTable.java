package dev.aiolab.metrics;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A table as terminal text, as narrow as its figures allow: the name, then columns two spaces apart whose long
 * names break after an underscore onto a second header line ({@code lat_} over {@code mean_us}), numbers
 * right-aligned, text left-aligned, figures as {@link Figures} writes them. Tablesaw's own printer pads every
 * cell by five characters and keeps each name on one line, which makes a summary two or three times wider
 * than its figures.
 */
public final class TextTable {
    private TextTable() {}

    /** Every row of {@code t}. */
    public static String of(Table t) {
        Table view = Figures.readable(t.copy());
        List<Column<?>> cols = view.columns();
        int n = cols.size();
        List<List<String>> headers = new ArrayList<>();
        int[] width = new int[n];
        int headerLines = 1;
        for (int c = 0; c < n; c++) {
            Column<?> col = cols.get(c);
            int values = 0;
            for (int r = 0; r < view.rowCount(); r++) {
                values = Math.max(values, col.getString(r).length());
            }
            List<String> h = header(col.name(), values);
            for (String line : h) {
                values = Math.max(values, line.length());
            }
            width[c] = values;
            headers.add(h);
            headerLines = Math.max(headerLines, h.size());
        }
        StringBuilder out = new StringBuilder();
        if (view.name() != null && !view.name().isBlank()) {
            out.append(view.name()).append('\n');
        }
        for (int line = 0; line < headerLines; line++) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < n; c++) {
                List<String> h = headers.get(c);
                int skip = headerLines - h.size();   // headers sit on the rule
                cell(b, c, line < skip ? "" : h.get(line - skip), width[c], isNumber(cols.get(c)));
            }
            out.append(b.toString().stripTrailing()).append('\n');
        }
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < n; c++) {
            cell(rule, c, "-".repeat(width[c]), width[c], false);
        }
        out.append(rule).append('\n');
        for (int r = 0; r < view.rowCount(); r++) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < n; c++) {
                cell(b, c, cols.get(c).getString(r), width[c], isNumber(cols.get(c)));
            }
            out.append(b.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static boolean isNumber(Column<?> c) {
        return c instanceof NumberColumn<?, ?>;
    }

    private static void cell(StringBuilder b, int index, String text, int width, boolean right) {
        if (index > 0) {
            b.append("  ");
        }
        String pad = " ".repeat(Math.max(0, width - text.length()));
        b.append(right ? pad + text : text + pad);
    }

    /**
     * The header lines of column {@code name} over values at most {@code values} wide: the name is cut after
     * underscores into lines no wider than the values, its longest piece or half the name, whichever is widest.
     */
    static List<String> header(String name, int values) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '_' && i + 1 < name.length()) {
                pieces.add(name.substring(from, i + 1));
                from = i + 1;
            }
        }
        pieces.add(name.substring(from));
        int width = Math.max(values, (name.length() + 1) / 2);
        for (String p : pieces) {
            width = Math.max(width, p.length());
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String p : pieces) {
            if (line.length() > 0 && line.length() + p.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(p);
        }
        lines.add(line.toString());
        return lines;
    }
}
