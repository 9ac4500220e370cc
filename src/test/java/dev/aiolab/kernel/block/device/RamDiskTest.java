package dev.aiolab.kernel.block.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RamDiskTest {
    /** 4 KiB at 3 GB/s plus 1 us per command: 2.365 us, wherever the sectors are (no seek). */
    @Test
    void ramDiskServesAtMemcpySpeedWithoutSeek() {
        RamDisk random = new RamDisk();
        RamDisk sequential = new RamDisk();
        ClosedLoopDriver r = new ClosedLoopDriver(3, random, 1, ClosedLoopDriver.randomReads(random, 8)).run(10, 10_000);
        ClosedLoopDriver s = new ClosedLoopDriver(3, sequential, 1, ClosedLoopDriver.sequentialReads(8)).run(10, 10_000);
        double expected = 1_000 + 4096 / 3e9 * 1e9;
        System.out.printf("RAM disk 4 KiB: random %.3f us, sequential %.3f us (expected %.3f us)%n",
                r.meanLatencyNs() / 1e3, s.meanLatencyNs() / 1e3, expected / 1e3);
        assertThat(r.meanLatencyNs()).isCloseTo(expected, within(1.0));
        assertThat(s.meanLatencyNs()).isEqualTo(r.meanLatencyNs());
    }

    /** Large copies approach the memcpy bandwidth: 1 MiB commands at 3 GB/s lose only the 1 us per command. */
    @Test
    void largeCommandsApproachTheCopyBandwidth() {
        RamDisk dev = new RamDisk();
        ClosedLoopDriver d = new ClosedLoopDriver(3, dev, 8, (i, rng) -> new DiskCommand(i % 2 == 0, 0, 2048, null))
                .run(10, 2_000);
        double expected = 1048576 / (1e-6 + 1048576 / 3e9);
        System.out.printf("RAM disk 1 MiB commands at depth 8: %.0f MB/s (expected %.0f MB/s)%n",
                d.bytesPerSec() / 1e6, expected / 1e6);
        assertThat(d.bytesPerSec()).isCloseTo(expected, within(0.01 * expected));
        assertThat(dev.busyNs()).isEqualTo(d.sim().now());
    }
}
