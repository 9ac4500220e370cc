package dev.aiolab.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.block.device.Nvme;
import dev.aiolab.kernel.block.device.NvmeParams;
import org.junit.jupiter.api.Test;

class AioBenchTest {
    @Test
    void bufferedAioRandomReadsRunThroughTheWholeStackAndAreDeterministic() {
        AioBench.Result a = AioBench.run(new Nvme(NvmeParams.nand()), 2_000, 32, KernelConfig.aioWaitBit(), 3);
        AioBench.Result b = AioBench.run(new Nvme(NvmeParams.nand()), 2_000, 32, KernelConfig.aioWaitBit(), 3);
        assertThat(a.ios()).isEqualTo(2_000);
        // a 1 GiB file on 64 MiB: nearly every read misses, waits for its page and is retried once
        assertThat(a.meanRetries()).isBetween(0.8, 1.5);
        // 32 in flight, each at least one NAND read (85 us): no more than 32 per 85 us
        assertThat(a.simulatedNs()).isGreaterThan(2_000 / 32 * 85_000L);
        assertThat(a.simulatedNs()).isEqualTo(b.simulatedNs());
        assertThat(a.events()).isEqualTo(b.events());
        assertThat(a.iosPerSecond()).isPositive();
    }
}
