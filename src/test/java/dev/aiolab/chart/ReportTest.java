package dev.aiolab.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.metrics.PrintedFigures;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ReportTest {

    @Test
    void aReportTableShowsLatenciesAsFiguresWithoutExponents() {
        Table t = Table.create("flagship", StringColumn.create("kernel", "linux2612", "aioWaitBit"),
                DoubleColumn.create("lat_mean_us", 11484.590358, 497486.4232111667),
                DoubleColumn.create("retries_per_aio_io", 0, 0.6618333333333334));
        String html = new Report("r").table(t).html();
        assertThat(html).contains("<td>11,480</td>", "<td>497,500</td>", "<td>0</td>", "<td>0.6618</td>")
                .doesNotContain("e+0");
        assertThat(PrintedFigures.noisy(html)).isFalse();
    }
}
