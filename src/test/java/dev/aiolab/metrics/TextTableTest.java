package dev.aiolab.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TextTableTest {

    @Test
    void longNamesBreakAfterAnUnderscoreAndFiguresAlignRightUnderTheirNames() {
        Table t = Table.create("runs", StringColumn.create("kernel", "linux2612", "aioWaitBit"),
                DoubleColumn.create("lat_mean_us", 11484.590358, 497486.4232111667),
                LongColumn.create("spurious_retries", 0, 4935));
        assertThat(TextTable.of(t)).isEqualTo("""
                runs
                               lat_  spurious_
                kernel      mean_us    retries
                ----------  -------  ---------
                linux2612    11,480          0
                aioWaitBit  497,500      4,935
                """);
        assertThat(t.doubleColumn("lat_mean_us").getString(0)).isEqualTo("11484.590358");
    }

    @Test
    void aNameKeepsOneLineWhenItsFiguresAreAsWide() {
        assertThat(TextTable.header("iops", 6)).containsExactly("iops");
        assertThat(TextTable.header("cpu_aio_worker_ms", 5)).containsExactly("cpu_aio_", "worker_ms");
        assertThat(TextTable.header("lat_p99_us", 9)).containsExactly("lat_p99_", "us");
    }
}
