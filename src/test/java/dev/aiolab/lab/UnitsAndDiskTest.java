package dev.aiolab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsAndDiskTest {

    @ParameterizedTest
    @CsvSource({"512,512", "4k,4096", "4K,4096", "4KiB,4096", "4kb,4096", "256M,268435456", "1G,1073741824",
            "2t,2199023255552", "0,0"})
    void sizesUsePowersOf1024(String text, long bytes) {
        assertThat(Sizes.parse("bs", text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4x", "-1", "1.5k", "k", "4 kilo", "99999999999999999999", "9000000T", "4ib"})
    void badSizesNameTheOptionAndTheAcceptedForms(String text) {
        assertThatThrownBy(() -> Sizes.parse("size", text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("size").hasMessageContaining("accepted: a whole number of bytes");
    }

    @Test
    void sizesFormatExactly() {
        assertThat(Sizes.format(4096)).isEqualTo("4k");
        assertThat(Sizes.format(1L << 30)).isEqualTo("1G");
        assertThat(Sizes.format(1000)).isEqualTo("1000");
    }

    @ParameterizedTest
    @CsvSource({"500ms,500000000", "2s,2000000000", "10us,10000", "1m,60000000000", "1.5s,1500000000",
            "250ns,250", "1h,3600000000000"})
    void durationsHaveUnits(String text, long ns) {
        assertThat(Durations.parse("runtime", text)).isEqualTo(ns);
    }

    @Test
    void bareDurationsNeedADeclaredUnit() {
        assertThat(Durations.parse("runtime", "60", "s")).isEqualTo(60_000_000_000L);
        assertThat(Durations.parse("thinktime", "10", "us")).isEqualTo(10_000L);
        assertThatThrownBy(() -> Durations.parse("interval", "10")).hasMessageContaining("interval=10")
                .hasMessageContaining("accepted: a number with a unit ns, us, ms, s, m");
        assertThatThrownBy(() -> Durations.parse("runtime", "2 weeks", "s")).hasMessageContaining("runtime=2 weeks");
        assertThat(Durations.format(2_000_000_000L)).isEqualTo("2s");
        assertThat(Durations.format(1_500_000L)).isEqualTo("1500us");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nvme", "sata_ssd"})
    void flashSettingsReachTheDeviceModel(String kind) {
        Disk d = Disk.of(kind).with("read_latency_us", 90).with("transfer_mb_s", 2000).with("capacity_gb", 100)
                .with("queue_depth", 8);
        var device = d.createDevice();
        long idle = device instanceof dev.aiolab.kernel.block.device.Nvme n ? n.idleReadLatencyNs(4096)
                : ((dev.aiolab.kernel.block.device.SataSsd) device).idleReadLatencyNs(4096);
        // 90 us at 4 KiB is media + 4096 B over the 2,000 MB/s link + overhead; the media time is rounded to 1 ns
        assertThat((double) idle).isCloseTo(90_000, org.assertj.core.data.Offset.offset(1.0));
        assertThat(device.capacitySectors()).isEqualTo(Math.round(100e9 / 512));
        assertThat(device.queueDepth()).isEqualTo(8);
    }

    @Test
    void disksAreTunedByNamedParameters() {
        Disk d = Disk.nvme().with("read_latency_us", 90).with("queue_depth", 64);
        assertThat(d.kind()).isEqualTo("nvme");
        assertThat(d.get("read_latency_us", 0)).isEqualTo(90.0);
        assertThat(d.toMap()).containsEntry("kind", "nvme").containsEntry("read_latency_us", "90")
                .containsEntry("queue_depth", "64");
        assertThat(d.overrides()).containsOnlyKeys("read_latency_us", "queue_depth");
        assertThat(Disk.exponential(100_000).get("mean_ns", 0)).isEqualTo(100_000.0);
        assertThat(Disk.deterministic(5_000).toMap()).containsEntry("service_ns", "5000");
        assertThat(Disk.of("hdd7200")).isEqualTo(Disk.hdd7200());
        assertThat(Disk.sataSsd().kind()).isEqualTo("sata_ssd");
        assertThat(Disk.ram().kind()).isEqualTo("ram");
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> diskParameters() {
        return Disk.kinds().stream().flatMap(kind -> Disk.acceptedParameters(kind).keySet().stream()
                .map(name -> org.junit.jupiter.params.provider.Arguments.of(kind, name)));
    }

    /** One case per kind and parameter: a negative value is rejected naming the disk, the parameter and the value. */
    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.MethodSource("diskParameters")
    void everyDiskParameterRejectsANegativeValue(String kind, String name) {
        Disk d = kind.equals("exponential") ? Disk.exponential(1000)
                : kind.equals("deterministic") ? Disk.deterministic(1000) : Disk.of(kind);
        assertThat(d.with(name, 2).get(name, 0)).isEqualTo(2.0);
        assertThatThrownBy(() -> d.with(name, -1)).hasMessageContaining("disk " + kind)
                .hasMessageContaining(name + "=-1").hasMessageContaining("accepted");
    }

    @Test
    void badDiskParametersListTheAcceptedNames() {
        assertThatThrownBy(() -> Disk.nvme().with("seek_ms", 3)).hasMessageContaining("unknown parameter 'seek_ms'")
                .hasMessageContaining("accepted: read_latency_us, write_latency_us");
        assertThatThrownBy(() -> Disk.hdd7200().with("queue_depth", 2.5)).hasMessageContaining("queue_depth=2.5")
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> Disk.hdd7200().with("avg_seek_ms", -1)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> Disk.of("floppy")).hasMessageContaining("accepted: hdd7200, sata_ssd, nvme, ram");
        assertThat(Disk.ram().with("latency_us", 2).createDevice().name()).contains("ram");
    }

    /** The case: transfer_mb_s=0 failed at run time with "invalid flash parameters", naming nothing. */
    @ParameterizedTest
    @CsvSource({"nvme,transfer_mb_s,MB/s", "sata_ssd,transfer_mb_s,MB/s", "hdd7200,transfer_mb_s,MB/s",
            "ram,transfer_mb_s,MB/s", "nvme,capacity_gb,GB", "hdd7200,capacity_gb,GB"})
    void aZeroRateOrCapacityIsRejectedWhenSetNamingTheParameter(String kind, String name, String unit) {
        assertThatThrownBy(() -> Disk.of(kind).with(name, 0)).hasMessageContaining("disk " + kind + ": " + name
                + "=0 is not accepted; accepted: a number > 0 (" + unit + ")");
        assertThatThrownBy(() -> Disk.exponential(0)).hasMessageContaining("mean_ns=0 is not accepted");
    }

    @Test
    void aDiskShowsEveryParameterWithItsDefaultAndUnit() {
        Disk nvme = Disk.nvme();
        assertThat(nvme.toMap().keySet()).containsExactly("kind", "read_latency_us", "write_latency_us",
                "transfer_mb_s", "channels", "queue_depth", "capacity_gb");
        // 85 us media + 4 KiB over the 3 GB/s link + 5 us overhead (NvmeParams.nand)
        assertThat(nvme.value("read_latency_us")).isCloseTo(91.365, org.assertj.core.data.Offset.offset(0.001));
        assertThat(nvme.toMap()).containsEntry("channels", "32").containsEntry("queue_depth", "65536");
        assertThat(nvme.toString()).isEqualTo("nvme: read_latency_us=91.37, write_latency_us=16.37, "
                + "transfer_mb_s=3,000, channels=32, queue_depth=65,536, capacity_gb=1,000");
        assertThat(nvme.with("read_latency_us", 90).toString()).startsWith("nvme: read_latency_us=90 (default 91.37), ");
        tech.tablesaw.api.Table d = nvme.describe();
        assertThat(d.columnNames()).containsExactly("parameter", "value", "default", "unit", "meaning");
        assertThat(d.stringColumn("parameter").asList()).containsExactlyElementsOf(
                Disk.acceptedParameters("nvme").keySet());
        assertThat(d.stringColumn("unit").asList()).containsExactly("us", "us", "MB/s", "", "", "GB");
        assertThat(d.print()).contains("91.37", "65,536", "service time of a 4 KiB read");
        assertThat(Disk.hdd7200().value("rpm")).isEqualTo(7200);
        assertThat(Disk.ram().value("capacity_gb") * 1e9).isEqualTo(64.0 * 1024 * 1024);
    }

    @Test
    void aDiskReadsBackFromItsMapExactly() {
        for (Disk d : new Disk[] {Disk.nvme(), Disk.hdd7200().with("avg_seek_ms", 9.25), Disk.sataSsd(),
                Disk.ram().with("capacity_gb", 8), Disk.exponential(100_000), Disk.deterministic(5_000)
                .with("queue_depth", 4)}) {
            assertThat(Disk.fromMap(d.toMap())).isEqualTo(d);
            assertThat(Disk.fromMap(d.toMap()).createDevice().capacitySectors())
                    .isEqualTo(d.createDevice().capacitySectors());
        }
        assertThat(Disk.fromMap(java.util.Map.of("kind", "nvme", "channels", "8")))
                .isEqualTo(Disk.nvme().with("channels", 8));
    }
}
