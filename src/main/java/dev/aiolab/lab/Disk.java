package dev.aiolab.lab;

import dev.aiolab.kernel.block.device.Device;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A description of the machine's disk: a device model by kind and the parameters changed from that
 * model's cited parameter set. The defaults live in the device classes of
 * {@code dev.aiolab.kernel.block.device} (Hdd, SataSsd, Nvme, RamDisk, ServiceTimeDevice), not here;
 * a {@code Disk} only names the model and its overrides, checks the names, and creates the device
 * through the factory the kernel integration registers ({@link #registerModel}).
 *
 * <pre>{@code Disk.nvme().with("read_latency_us", 90)}</pre>
 */
public final class Disk {

    /** Creates the device model a description names; registered per kind by the kernel integration. */
    @FunctionalInterface
    public interface DeviceFactory {
        Device create(Disk disk);
    }

    /** One tunable parameter: its name (with unit), whether it is a whole number, and what it means. */
    record ParamSpec(String name, boolean whole, String doc) {}

    private static final Map<String, Map<String, ParamSpec>> KINDS = new LinkedHashMap<>();
    private static final Map<String, DeviceFactory> FACTORIES = new ConcurrentHashMap<>();

    static {
        kind("hdd7200",
                p("rpm", true, "spindle speed"),
                p("avg_seek_ms", false, "average seek time"),
                p("track_to_track_ms", false, "seek to the adjacent track"),
                p("full_stroke_ms", false, "seek across the whole disk"),
                p("transfer_mb_s", false, "media transfer rate"),
                p("queue_depth", true, "commands accepted at once (1: no command queueing, 32: NCQ)"),
                p("capacity_gb", false, "capacity"));
        kind("sata_ssd",
                p("read_latency_us", false, "service time of a 4 KiB read"),
                p("write_latency_us", false, "service time of a 4 KiB write"),
                p("transfer_mb_s", false, "interface transfer rate"),
                p("channels", true, "commands serviced in parallel"),
                p("queue_depth", true, "commands accepted at once (NCQ 32)"),
                p("capacity_gb", false, "capacity"));
        kind("nvme",
                p("read_latency_us", false, "service time of a 4 KiB read"),
                p("write_latency_us", false, "service time of a 4 KiB write"),
                p("transfer_mb_s", false, "interface transfer rate"),
                p("channels", true, "commands serviced in parallel"),
                p("queue_depth", true, "commands accepted at once"),
                p("capacity_gb", false, "capacity"));
        kind("ram",
                p("latency_us", false, "per-command service time"),
                p("transfer_mb_s", false, "copy rate"),
                p("capacity_gb", false, "capacity"));
        kind("exponential",
                p("mean_ns", false, "mean of the exponential service time"),
                p("queue_depth", true, "commands accepted at once (served one at a time, FIFO)"),
                p("capacity_gb", false, "capacity"));
        kind("deterministic",
                p("service_ns", false, "fixed service time"),
                p("queue_depth", true, "commands accepted at once (served one at a time, FIFO)"),
                p("capacity_gb", false, "capacity"));
    }

    private static ParamSpec p(String name, boolean whole, String doc) {
        return new ParamSpec(name, whole, doc);
    }

    private static void kind(String kind, ParamSpec... specs) {
        Map<String, ParamSpec> m = new LinkedHashMap<>();
        for (ParamSpec s : specs) {
            m.put(s.name(), s);
        }
        KINDS.put(kind, m);
    }

    private final String kind;
    private final Map<String, Double> overrides;

    private Disk(String kind, Map<String, Double> overrides) {
        this.kind = kind;
        this.overrides = overrides;
    }

    /** A 7200 rpm disk of 2005 (the seed's era): seek, rotation and transfer. Device class Hdd. */
    public static Disk hdd7200() {
        return new Disk("hdd7200", Map.of());
    }

    /** A SATA flash SSD with NCQ. Device class SataSsd. */
    public static Disk sataSsd() {
        return new Disk("sata_ssd", Map.of());
    }

    /** An NVMe SSD: deep queues and many channels. Device class Nvme. */
    public static Disk nvme() {
        return new Disk("nvme", Map.of());
    }

    /** A RAM disk: copy cost only. Device class RamDisk. */
    public static Disk ram() {
        return new Disk("ram", Map.of());
    }

    /** A queueing-theory device: exponential service times of mean {@code meanNs} (M/M/1 by default). */
    public static Disk exponential(long meanNs) {
        return new Disk("exponential", Map.of()).with("mean_ns", meanNs);
    }

    /** A queueing-theory device: every command takes {@code ns} (M/D/1 by default). */
    public static Disk deterministic(long ns) {
        return new Disk("deterministic", Map.of()).with("service_ns", ns);
    }

    /** The description called {@code kind} ({@code hdd7200}, {@code sata_ssd}, {@code nvme}, {@code ram}). */
    public static Disk of(String kind) {
        if (!KINDS.containsKey(kind) || kind.equals("exponential") || kind.equals("deterministic")) {
            if (kind.equals("exponential") || kind.equals("deterministic")) {
                throw new IllegalArgumentException("disk: '" + kind + "' needs a service time; use Disk." + kind
                        + "(ns)");
            }
            throw new IllegalArgumentException("disk: unknown kind '" + kind + "'; accepted: "
                    + String.join(", ", KINDS.keySet()));
        }
        return new Disk(kind, Map.of());
    }

    /**
     * A copy with parameter {@code name} set to {@code value}; the error lists the parameters this
     * kind accepts. Values must be finite and >= 0; whole-number parameters must be whole and >= 1.
     */
    public Disk with(String name, Number value) {
        Map<String, ParamSpec> specs = KINDS.get(kind);
        ParamSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("disk " + kind + ": unknown parameter '" + name + "'; accepted: "
                    + String.join(", ", specs.keySet()));
        }
        double v = value.doubleValue();
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException("disk " + kind + ": " + name + "=" + value
                    + " is not accepted; accepted: a finite number >= 0");
        }
        if (spec.whole() && (v != Math.rint(v) || v < 1)) {
            throw new IllegalArgumentException("disk " + kind + ": " + name + "=" + value
                    + " is not accepted; accepted: a whole number >= 1");
        }
        Map<String, Double> m = new LinkedHashMap<>(overrides);
        m.put(name, v);
        return new Disk(kind, Collections.unmodifiableMap(m));
    }

    /** A copy with {@code name} set from text (fio files, command lines). */
    public Disk with(String name, String value) {
        try {
            return with(name, Double.parseDouble(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("disk " + kind + ": " + name + "=" + value
                    + " is not a number; accepted: a finite number >= 0");
        }
    }

    public String kind() {
        return kind;
    }

    /** The parameters changed from the device model's defaults, in the order they were set. */
    public Map<String, Double> overrides() {
        return overrides;
    }

    /** The override of {@code name}, or {@code fallback} when it was not set. */
    public double get(String name, double fallback) {
        return overrides.getOrDefault(name, fallback);
    }

    /** The parameter names a kind accepts, with what each means. */
    public static Map<String, String> acceptedParameters(String kind) {
        Map<String, ParamSpec> specs = KINDS.get(kind);
        if (specs == null) {
            throw new IllegalArgumentException("disk: unknown kind '" + kind + "'; accepted: "
                    + String.join(", ", KINDS.keySet()));
        }
        Map<String, String> m = new LinkedHashMap<>();
        specs.values().forEach(s -> m.put(s.name(), s.doc()));
        return m;
    }

    /** The kinds, in declaration order. */
    public static java.util.Set<String> kinds() {
        return Collections.unmodifiableSet(KINDS.keySet());
    }

    /** Registers the device model of {@code kind}; the kernel integration calls this once per kind. */
    public static void registerModel(String kind, DeviceFactory factory) {
        if (!KINDS.containsKey(kind)) {
            throw new IllegalArgumentException("disk: unknown kind '" + kind + "'; accepted: "
                    + String.join(", ", KINDS.keySet()));
        }
        FACTORIES.put(kind, factory);
    }

    /** Creates the device this description names, with its overrides applied. */
    public Device createDevice() {
        DiskModels.register();
        DeviceFactory f = FACTORIES.get(kind);
        if (f == null) {
            throw new IllegalStateException("disk " + kind + ": no device model is registered for this kind; "
                    + "the kernel integration registers one with Disk.registerModel");
        }
        return f.create(this);
    }

    /** The manifest form: kind, then the overrides. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", kind);
        overrides.forEach((k, v) -> m.put(k, v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString(v.longValue()) : v.toString()));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Disk d && d.kind.equals(kind) && d.overrides.equals(overrides);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + overrides.hashCode();
    }

    @Override
    public String toString() {
        return overrides.isEmpty() ? kind : kind + " " + overrides;
    }
}
