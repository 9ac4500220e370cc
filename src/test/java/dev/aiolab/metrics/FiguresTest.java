package dev.aiolab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class FiguresTest {

    /** The figures the issue quotes, and the edges: 4 significant digits, thousands grouped, never an exponent. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "174.40024025009694|174.4",
            "45292.5648314376|45,290",
            "11484.590358|11,480",
            "2060451.839|2,060,000",
            "0.6588333333333334|0.6588",
            "1.0010085728693898|1.001",
            "0.663|0.663",
            "38.0771|38.08",
            "1|1",
            "0|0",
            "-0.0|0",
            "-12.345678|-12.35",
            "0.000012345|0.00001235",
            "1e-9|0.000000001",
            "3e15|3,000,000,000,000,000",
            "999.96|1,000"})
    void aFigureHasFourSignificantDigitsGroupedThousandsAndNoExponent(double value, String text) {
        assertThat(Figures.format(value)).isEqualTo(text);
    }

    @Test
    void countsAreExactAndGroupedAndMissingValuesAreBlank() {
        assertThat(Figures.format(4_935L)).isEqualTo("4,935");
        assertThat(Figures.format(10_000_000L)).isEqualTo("10,000,000");
        assertThat(Figures.format(-3L)).isEqualTo("-3");
        assertThat(Figures.format(Double.NaN)).isEmpty();
        assertThat(Figures.format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    }

    @Test
    void instantsKeepTheNanosecondSoThatNeighbouringRowsStayApart() {
        assertThat(Figures.formatInstantUs(308028.65)).isEqualTo("308,028.65");
        assertThat(Figures.formatInstantUs(308032.9500001)).isEqualTo("308,032.95");
        assertThat(Figures.formatInstantUs(95.465)).isEqualTo("95.465");
    }

    @Test
    void aReadableTablePrintsRoundedFiguresButKeepsFullPrecisionInItsValuesAndCsv() {
        Table t = Table.create("runs", StringColumn.create("kernel", "linux2612", "aioWaitBit"),
                LongColumn.create("seed", 2005, 2005), LongColumn.create("wake_calls", 5945, 9898),
                DoubleColumn.create("iops", 174.40024025009694, 175.4300811253493));
        Figures.readable(t);
        String printed = t.printAll();
        assertThat(printed).contains("174.4", "175.4", "5,945", "9,898", "2005").doesNotContain("174.400", "2,005");
        assertThat(t.doubleColumn("iops").get(0)).isEqualTo(174.40024025009694);
        StringWriter csv = new StringWriter();
        t.write().csv(csv);
        assertThat(csv.toString()).contains("174.40024025009694").contains("5945");
    }
}
