package dev.aiolab.lab;

import dev.aiolab.kernel.block.device.FlashParams;
import dev.aiolab.kernel.block.device.Hdd;
import dev.aiolab.kernel.block.device.HddParams;
import dev.aiolab.kernel.block.device.Nvme;
import dev.aiolab.kernel.block.device.NvmeParams;
import dev.aiolab.kernel.block.device.RamDisk;
import dev.aiolab.kernel.block.device.RamDiskParams;
import dev.aiolab.kernel.block.device.SataSsd;
import dev.aiolab.kernel.block.device.SataSsdParams;
import dev.aiolab.kernel.block.device.ServiceTime;
import dev.aiolab.kernel.block.device.ServiceTimeDevice;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps each {@link Disk} description onto its device model: the defaults stay in the device's cited
 * parameter set, and only the parameters a user set are applied on top.
 */
final class DiskModels {
    private DiskModels() {}

    private static final double SECTORS_PER_GB = 1e9 / 512;
    private static final long NO_VALUE = Long.MIN_VALUE;
    private static volatile boolean registered;

    static void register() {
        if (registered) {
            return;
        }
        synchronized (DiskModels.class) {
            if (registered) {
                return;
            }
            Disk.registerModel("hdd7200", DiskModels::hdd);
            Disk.registerModel("sata_ssd", DiskModels::sataSsd);
            Disk.registerModel("nvme", DiskModels::nvme);
            Disk.registerModel("ram", DiskModels::ram);
            Disk.registerModel("exponential", d -> serviceTime(d, ServiceTime.exponential(d.get("mean_ns", 0)),
                    "service-exp"));
            Disk.registerModel("deterministic", d -> serviceTime(d, ServiceTime.deterministic(
                    Math.round(d.get("service_ns", 0))), "service-det"));
            registered = true;
        }
    }

    /**
     * Each parameter's default for a kind, computed from the device's cited parameter set the way
     * {@link #register}'s factories apply a setting (a flash latency is media + 4 KiB over the link + overhead).
     */
    static Map<String, Double> defaults(String kind) {
        return DEFAULTS.computeIfAbsent(kind, DiskModels::computeDefaults);
    }

    private static final Map<String, Map<String, Double>> DEFAULTS = new ConcurrentHashMap<>();

    private static Map<String, Double> computeDefaults(String kind) {
        Map<String, Double> m = new LinkedHashMap<>();
        switch (kind) {
            case "hdd7200" -> {
                HddParams p = HddParams.barracuda7200();
                m.put("rpm", (double) p.rpm());
                m.put("avg_seek_ms", p.averageSeekNs() / 1e6);
                m.put("track_to_track_ms", p.trackToTrackSeekNs() / 1e6);
                m.put("full_stroke_ms", p.fullStrokeSeekNs() / 1e6);
                m.put("transfer_mb_s", p.sustainedBytesPerSec() / 1e6);
                m.put("queue_depth", (double) p.queueDepth());
                m.put("capacity_gb", p.capacitySectors() / SECTORS_PER_GB);
            }
            case "sata_ssd" -> {
                SataSsdParams p = SataSsdParams.samsung850Evo();
                flashDefaults(m, p, p.readNs(), p.writeNs());
                m.put("channels", (double) p.channels());
                m.put("queue_depth", (double) p.ncqDepth());
                m.put("capacity_gb", p.capacitySectors() / SECTORS_PER_GB);
            }
            case "nvme" -> {
                NvmeParams p = NvmeParams.nand();
                flashDefaults(m, p, p.readNs(), p.writeNs());
                m.put("channels", (double) p.units());
                m.put("queue_depth", (double) p.queueDepth());
                m.put("capacity_gb", p.capacitySectors() / SECTORS_PER_GB);
            }
            case "ram" -> {
                RamDiskParams p = RamDiskParams.ddr2Desktop();
                m.put("latency_us", p.perCommandNs() / 1e3);
                m.put("transfer_mb_s", p.copyBytesPerSec() / 1e6);
                m.put("capacity_gb", p.capacitySectors() / SECTORS_PER_GB);
            }
            default -> {
                // the queueing-theory devices: the service time is always given
                m.put("queue_depth", 1.0);
                m.put("capacity_gb", ServiceTimeDevice.DEFAULT_CAPACITY_SECTORS / SECTORS_PER_GB);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private static void flashDefaults(Map<String, Double> m, FlashParams<?> p, long readNs, long writeNs) {
        double linkNs = 4096 / p.linkBytesPerSec() * 1e9;
        m.put("read_latency_us", (readNs + p.overheadNs() + linkNs) / 1e3);
        m.put("write_latency_us", (writeNs + p.overheadNs() + linkNs) / 1e3);
        m.put("transfer_mb_s", p.linkBytesPerSec() / 1e6);
    }

    private static long nanos(Disk d, String name, double unitNs) {
        double v = d.get(name, Double.NaN);
        return Double.isNaN(v) ? NO_VALUE : Math.round(v * unitNs);
    }

    private static Hdd hdd(Disk d) {
        HddParams p = HddParams.barracuda7200();
        if (d.overrides().containsKey("rpm")) {
            p = p.withRpm((int) d.get("rpm", 0));
        }
        if (nanos(d, "avg_seek_ms", 1e6) != NO_VALUE) {
            p = p.withAverageSeekNs(nanos(d, "avg_seek_ms", 1e6));
        }
        if (nanos(d, "track_to_track_ms", 1e6) != NO_VALUE) {
            p = p.withTrackToTrackSeekNs(nanos(d, "track_to_track_ms", 1e6));
        }
        if (nanos(d, "full_stroke_ms", 1e6) != NO_VALUE) {
            p = p.withFullStrokeSeekNs(nanos(d, "full_stroke_ms", 1e6));
        }
        if (d.overrides().containsKey("transfer_mb_s")) {
            p = p.withSustainedBytesPerSec(d.get("transfer_mb_s", 0) * 1e6);
        }
        if (d.overrides().containsKey("queue_depth")) {
            p = p.withQueueDepth((int) d.get("queue_depth", 1));
        }
        if (d.overrides().containsKey("capacity_gb")) {
            p = p.withCapacitySectors(Math.round(d.get("capacity_gb", 0) * SECTORS_PER_GB));
        }
        return new Hdd(p);
    }

    /** Media time for a 4 KiB service time: what is left after the link transfer and the overhead. */
    private static long mediaNs(double latencyUs, long overheadNs, double linkBytesPerSec) {
        double transfer = 4096 / linkBytesPerSec * 1e9;
        return Math.max(0, Math.round(latencyUs * 1e3 - overheadNs - transfer));
    }

    /** The settings every flash device takes: link rate, read and write latency, capacity. */
    private static <P extends FlashParams<P>> P flash(Disk d, P p) {
        if (d.overrides().containsKey("transfer_mb_s")) {
            p = p.withLinkBytesPerSec(d.get("transfer_mb_s", 0) * 1e6);
        }
        if (d.overrides().containsKey("read_latency_us")) {
            p = p.withReadNs(mediaNs(d.get("read_latency_us", 0), p.overheadNs(), p.linkBytesPerSec()));
        }
        if (d.overrides().containsKey("write_latency_us")) {
            p = p.withWriteNs(mediaNs(d.get("write_latency_us", 0), p.overheadNs(), p.linkBytesPerSec()));
        }
        if (d.overrides().containsKey("capacity_gb")) {
            p = p.withCapacitySectors(Math.round(d.get("capacity_gb", 0) * SECTORS_PER_GB));
        }
        return p;
    }

    private static SataSsd sataSsd(Disk d) {
        SataSsdParams p = flash(d, SataSsdParams.samsung850Evo());
        if (d.overrides().containsKey("channels")) {
            p = p.withChannels((int) d.get("channels", 1));
        }
        if (d.overrides().containsKey("queue_depth")) {
            p = p.withNcqDepth((int) d.get("queue_depth", 1));
        }
        return new SataSsd(p);
    }

    private static Nvme nvme(Disk d) {
        NvmeParams p = flash(d, NvmeParams.nand());
        if (d.overrides().containsKey("channels")) {
            p = p.withUnits((int) d.get("channels", 1));
        }
        if (d.overrides().containsKey("queue_depth")) {
            p = p.withIoQueues(1).withQueueEntries((int) d.get("queue_depth", 1));
        }
        return new Nvme(p);
    }

    private static RamDisk ram(Disk d) {
        RamDiskParams p = RamDiskParams.ddr2Desktop();
        if (nanos(d, "latency_us", 1e3) != NO_VALUE) {
            p = p.withPerCommandNs(nanos(d, "latency_us", 1e3));
        }
        if (d.overrides().containsKey("transfer_mb_s")) {
            p = p.withCopyBytesPerSec(d.get("transfer_mb_s", 0) * 1e6);
        }
        if (d.overrides().containsKey("capacity_gb")) {
            p = p.withCapacitySectors(Math.round(d.get("capacity_gb", 0) * SECTORS_PER_GB));
        }
        return new RamDisk(p);
    }

    private static ServiceTimeDevice serviceTime(Disk d, ServiceTime st, String name) {
        long cap = d.overrides().containsKey("capacity_gb") ? Math.round(d.get("capacity_gb", 0) * SECTORS_PER_GB)
                : ServiceTimeDevice.DEFAULT_CAPACITY_SECTORS;
        return new ServiceTimeDevice(name, st, (int) d.get("queue_depth", 1), cap);
    }
}
