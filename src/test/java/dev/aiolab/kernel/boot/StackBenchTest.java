package dev.aiolab.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.FixedLatencyDevice;
import dev.aiolab.kernel.KernelConfig;
import org.junit.jupiter.api.Test;

class StackBenchTest {
    @Test
    void syncRandomReadsRunThroughTheWholeStackAndAreDeterministic() {
        StackBench.Result a = StackBench.run(new FixedLatencyDevice(100_000, 1), 500, KernelConfig.aioWaitBit(), 3);
        StackBench.Result b = StackBench.run(new FixedLatencyDevice(100_000, 1), 500, KernelConfig.aioWaitBit(), 3);
        assertThat(a.reads()).isEqualTo(500);
        // QD1 random reads on a 100 us device: each read costs at least the device latency
        assertThat(a.simulatedNs()).isGreaterThan(500 * 100_000L * 9 / 10);
        assertThat(a.simulatedNs()).isEqualTo(b.simulatedNs());
        assertThat(a.events()).isEqualTo(b.events());
        assertThat(a.readsPerSecond()).isPositive();
    }
}
