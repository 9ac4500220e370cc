package dev.aiolab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KernelConfigTest {

    /** Values the model cannot run (hz=0 divided by zero in the aio workqueue) are refused where they are set. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hz|0|accepted: an integer from 10 to 10000",
            "nr_requests|0|accepted: an integer from 4 (BLKDEV_MIN_RQ)",
            "dirty_ratio|500|accepted: an integer from 0 to 100",
            "dirty_background_ratio|101|accepted: an integer from 0 to 100",
            "syscall_ns|-1|accepted: an integer from 0"})
    void aValueOutsideItsRangeIsRejectedNamingTheParameterAndTheRange(String name, String value, String accepted) {
        assertThatThrownBy(() -> KernelConfig.aioWaitBit().with(name, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kernel parameter '" + name + "'").hasMessageContaining(value)
                .hasMessageContaining(accepted);
    }

    @Test
    void theTypedSetterChecksTheSameRange() {
        assertThatThrownBy(() -> KernelConfig.linux2612().with(KernelConfig.HZ, 0))
                .hasMessageContaining("kernel parameter 'hz': 0 is not accepted");
        assertThat(KernelConfig.linux2612().with(KernelConfig.HZ, 250).getInt(KernelConfig.HZ)).isEqualTo(250);
        assertThat(KernelConfig.HZ.accepted()).isEqualTo("an integer from 10 to 10000");
    }

    @Test
    void readaheadMinimumAboveItsMaximumIsRejectedByTheCrossCheck() {
        KernelConfig k = KernelConfig.aioWaitBit().with(KernelConfig.READAHEAD_MIN_KB, 256);
        assertThatThrownBy(k::check).hasMessageContaining("readahead_min_kb=256")
                .hasMessageContaining("readahead_max_kb=128")
                .hasMessageContaining("accepted: readahead_min_kb <= readahead_max_kb");
        k.with(KernelConfig.READAHEAD_MAX_KB, 512).check();
        // readahead_max_kb=0 turns readahead off, whatever the minimum
        KernelConfig.aioWaitBit().with(KernelConfig.READAHEAD_MAX_KB, 0).check();
        KernelConfig.presets().values().forEach(KernelConfig::check);
    }
}
