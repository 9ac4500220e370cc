package dev.aiolab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class RenderersTest {

    final Renderers renderers = Renderers.standard();

    @Test
    void aTableRendersAsHtmlWithItsShapeColumnTypesAndARowLimit() {
        int[] ids = new int[50];
        double[] lat = new double[50];
        for (int i = 0; i < 50; i++) {
            ids[i] = i;
            lat[i] = i * 1.5;
        }
        Table t = Table.create("latency", IntColumn.create("io", ids), DoubleColumn.create("us", lat));
        renderers.tableRowLimit(10);
        String html = (String) renderers.render(t).data().get("text/html");
        assertThat(html).contains("50 rows", "2 columns", "integer", "double", "40 more rows");
        assertThat(html.split("<tr>", -1)).hasSize(1 + 1 + 10);
    }

    @Test
    void aTablesFiguresRenderRoundedInHtmlAndTextAndTheTableKeepsItsValues() {
        Table t = Table.create("summary", DoubleColumn.create("iops", 45292.5648314376, 174.40024025009694),
                DoubleColumn.create("lat_mean_us", 11484.590358, 0.6588333333333334),
                tech.tablesaw.api.LongColumn.create("wake_calls", 5945, 9898));
        Map<String, Object> out = renderers.render(t).data();
        String html = (String) out.get("text/html");
        assertThat(html).contains("<td>45,290</td>", "<td>174.4</td>", "<td>11,480</td>", "<td>0.6588</td>",
                "<td>5,945</td>");
        assertThat((String) out.get("text/plain")).contains("45,290", "0.6588").doesNotContain("45292.56");
        assertThat(dev.aiolab.metrics.PrintedFigures.noisy(html)).isFalse();
        assertThat(t.doubleColumn("iops").getString(0)).isEqualTo("45292.5648314376");
    }

    @Test
    void aChartRendersAsPngAndAsSvgWhenAsked() {
        XYChart chart = new XYChart(200, 120);
        chart.addSeries("s", new double[] {1, 2, 3}, new double[] {2, 4, 1});
        assertThat(renderers.render(chart).data()).containsKeys("image/png", "text/plain")
                .doesNotContainKey("image/svg+xml");
        Map<String, Object> svg = renderers.render(chart, "image/svg+xml").data();
        assertThat(svg).containsKey("image/svg+xml").doesNotContainKey("image/png");
        assertThat((String) svg.get("image/svg+xml")).contains("<svg");
    }

    /** Stands in for the lab's RunResult, which cannot see this package. */
    public static final class Card {
        public String toHtml() {
            return "<div class=\"card\">42 IOPS</div>";
        }

        @Override
        public String toString() {
            return "Card[42 IOPS]";
        }
    }

    public static final class Bundled {
        public Map<String, Object> mimeBundle() {
            return Map.of("text/markdown", "**hi**", "text/plain", "hi");
        }
    }

    @Test
    void anObjectWithToHtmlIsShownAsHtmlWithoutDependingOnThisPackage() {
        MimeBundle b = renderers.render(new Card());
        assertThat(b.data().get("text/html")).isEqualTo("<div class=\"card\">42 IOPS</div>");
        assertThat(b.plainText()).isEqualTo("Card[42 IOPS]");
        assertThat(renderers.render(new Bundled()).data()).containsEntry("text/markdown", "**hi**");
    }

    @Test
    void aRegisteredRendererWinsOverDuckTyping() {
        renderers.register(Card.class, (c, wanted, out) -> out.put("text/html", "<b>registered</b>"));
        assertThat(renderers.render(new Card()).data().get("text/html")).isEqualTo("<b>registered</b>");
    }

    @Test
    void plainValuesAreText() {
        assertThat(renderers.render(42).data()).containsOnlyKeys("text/plain").containsEntry("text/plain", "42");
        assertThat(renderers.render(new int[] {1, 2}).plainText()).isEqualTo("[1, 2]");
    }
}
