package dev.aiolab.chart;

import dev.aiolab.metrics.Figures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * A self-contained HTML report: headings, paragraphs, tables and charts embedded as PNG data, so the
 * single file can be mailed, archived or attached to a write-up.
 */
public final class Report {
    private final StringBuilder body = new StringBuilder();
    private final String title;

    public Report(String title) {
        this.title = title;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    public Report heading(String text) {
        body.append("<h2>").append(esc(text)).append("</h2>\n");
        return this;
    }

    public Report paragraph(String text) {
        body.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    /** A table, its figures as {@link Figures} writes them. */
    public Report table(Table t) {
        Table shown = Figures.readable(t.copy());
        body.append("<table><thead><tr>");
        for (String c : t.columnNames()) {
            body.append("<th>").append(esc(c)).append("</th>");
        }
        body.append("</tr></thead><tbody>\n");
        for (int r = 0; r < t.rowCount(); r++) {
            body.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) {
                body.append("<td>").append(esc(shown.getString(r, c))).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody></table>\n");
        return this;
    }

    /** A chart as an embedded PNG. */
    public Report chart(Chart<?, ?> chart) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        body.append("<figure><img alt=\"").append(esc(chart.getTitle())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\"/></figure>\n");
        return this;
    }

    public String html() {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n"
                + "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                + "table{border-collapse:collapse;font-size:12px;margin:1em 0}td,th{border:1px solid #ccc;"
                + "padding:2px 6px;text-align:right}th{background:#f3f3f3}figure{margin:1em 0}"
                + "img{max-width:100%}</style></head><body>\n<h1>" + esc(title) + "</h1>\n" + body
                + "</body></html>\n";
    }

    public void write(Path path) throws IOException {
        Files.writeString(path, html(), StandardCharsets.UTF_8);
    }
}
