package dev.aiolab.jupyter;

import dev.aiolab.metrics.Figures;
import dev.aiolab.metrics.TextTable;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table as HTML: its name and shape, each column's type under its name, and at most a row limit;
 * figures as {@link Figures} writes them, in the HTML and in the plain text alike.
 */
final class TableHtml {

    private TableHtml() {
    }

    static void render(Table t, int rowLimit, Map<String, Object> out) {
        int rows = t.rowCount();
        int shown = Math.min(rows, rowLimit);
        // the rows shown, as a copy: formatting them leaves the user's table as it was
        Table view = Figures.readable(t.first(shown));
        StringBuilder h = new StringBuilder(256 + shown * 64);
        h.append("<div class=\"aiolab-table\">");
        h.append("<div style=\"font-size:90%;margin-bottom:2px\">");
        if (t.name() != null && !t.name().isBlank()) {
            h.append("<b>").append(escape(t.name())).append("</b> &middot; ");
        }
        h.append(rows).append(rows == 1 ? " row" : " rows").append(" &times; ")
                .append(t.columnCount()).append(t.columnCount() == 1 ? " column" : " columns").append("</div>");
        h.append("<table><thead><tr>");
        for (Column<?> c : t.columns()) {
            h.append("<th>").append(escape(c.name())).append("<br><span style=\"font-weight:normal;opacity:.6\">")
                    .append(escape(c.type().name().toLowerCase())).append("</span></th>");
        }
        h.append("</tr></thead><tbody>");
        for (int r = 0; r < shown; r++) {
            h.append("<tr>");
            for (Column<?> c : view.columns()) {
                h.append("<td>").append(escape(c.getString(r))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");
        if (rows > shown) {
            h.append("<div style=\"font-size:90%\">&hellip; ").append(rows - shown).append(" more rows</div>");
        }
        h.append("</div>");
        out.put("text/html", h.toString());
        out.put("text/plain", TextTable.of(view) + (rows > shown ? "... " + (rows - shown) + " more rows\n" : ""));
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
