package dev.aiolab.lab;

import dev.aiolab.kernel.block.device.Device;
import dev.aiolab.metrics.Figures;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A description of the machine's disk: a device model by kind and the parameters changed from that
 * model's cited parameter set. The defaults live in the device classes of
 * {@code dev.aiolab.kernel.block.device} (Hdd, SataSsd, Nvme, RamDisk, ServiceTimeDevice), not here;
 * a {@code Disk} names the model and its overrides, checks names and values when they are set, shows
 * every parameter with its default and unit ({@link #toString}, {@link #describe}, {@link #toMap}), and
 * creates the device through the factory the kernel integration registers ({@link #registerModel}).
 *
 * <pre>{@code Disk.nvme().with("read_latency_us", 90)}</pre>
 */
public final class Disk {

    /** Creates the device model a description names; registered per kind by the kernel integration. */
    @FunctionalInterface
    public interface DeviceFactory {
        Device create(Disk disk);
    }

    /**
     * One tunable parameter: its name (ending in its unit), the unit, whether it is a whole number (>= 1),
     * whether it must be > 0 (rates, capacities, exponential means) rather than >= 0, and what it means.
     */
    record ParamSpec(String name, String unit, boolean whole, boolean positive, String doc) {
        /** A value as a figure: a whole-number parameter exactly, others to 4 significant digits. */
        String figure(double v) {
            return whole && !Double.isNaN(v) ? Figures.format((long) v) : Figures.format(v);
        }

        String accepted() {
            return whole ? "a whole number >= 1" : (positive ? "a number > 0" : "a finite number >= 0")
                    + (unit.isEmpty() ? "" : " (" + unit + ")");
        }
    }

    private static final Map<String, Map<String, ParamSpec>> KINDS = new LinkedHashMap<>();
    private static final Map<String, DeviceFactory> FACTORIES = new ConcurrentHashMap<>();

    static {
        kind("hdd7200",
                p("rpm", "rpm", true, "spindle speed"),
                p("avg_seek_ms", "ms", false, "average seek time"),
                p("track_to_track_ms", "ms", false, "seek to the adjacent track"),
                p("full_stroke_ms", "ms", false, "seek across the whole disk"),
                rate("transfer_mb_s", "media transfer rate"),
                p("queue_depth", "", true, "commands accepted at once (1: no command queueing, 32: NCQ)"),
                capacity());
        kind("sata_ssd",
                p("read_latency_us", "us", false, "service time of a 4 KiB read"),
                p("write_latency_us", "us", false, "service time of a 4 KiB write"),
                rate("transfer_mb_s", "interface transfer rate"),
                p("channels", "", true, "commands serviced in parallel"),
                p("queue_depth", "", true, "commands accepted at once (NCQ 32)"),
                capacity());
        kind("nvme",
                p("read_latency_us", "us", false, "service time of a 4 KiB read"),
                p("write_latency_us", "us", false, "service time of a 4 KiB write"),
                rate("transfer_mb_s", "interface transfer rate"),
                p("channels", "", true, "commands serviced in parallel"),
                p("queue_depth", "", true, "commands accepted at once"),
                capacity());
        kind("ram",
                p("latency_us", "us", false, "per-command service time"),
                rate("transfer_mb_s", "copy rate"),
                capacity());
        kind("exponential",
                rate("mean_ns", "mean of the exponential service time"),
                p("queue_depth", "", true, "commands accepted at once (served one at a time, FIFO)"),
                capacity());
        kind("deterministic",
                p("service_ns", "ns", false, "fixed service time"),
                p("queue_depth", "", true, "commands accepted at once (served one at a time, FIFO)"),
                capacity());
    }

    private static ParamSpec p(String name, String unit, boolean whole, String doc) {
        return new ParamSpec(name, unit, whole, false, doc);
    }

    /** A parameter that must be > 0: its unit is what its name ends in. */
    private static ParamSpec rate(String name, String doc) {
        return new ParamSpec(name, name.endsWith("_mb_s") ? "MB/s" : name.substring(name.lastIndexOf('_') + 1), false,
                true, doc);
    }

    private static ParamSpec capacity() {
        return new ParamSpec("capacity_gb", "GB", false, true, "capacity (10^9 bytes)");
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
        if (!Double.isFinite(v) || v < 0 || (spec.positive() && v == 0)
                || (spec.whole() && (v != Math.rint(v) || v < 1))) {
            throw new IllegalArgumentException("disk " + kind + ": " + name + "=" + value
                    + " is not accepted; accepted: " + spec.accepted());
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
                    + " is not a number; accepted: " + KINDS.get(kind).get(name).accepted());
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

    /** The value of parameter {@code name}: the override, else the device model's default (NaN if it has none). */
    public double value(String name) {
        spec(name);
        return overrides.getOrDefault(name, DiskModels.defaults(kind).getOrDefault(name, Double.NaN));
    }

    private ParamSpec spec(String name) {
        ParamSpec spec = KINDS.get(kind).get(name);
        if (spec == null) {
            throw new IllegalArgumentException("disk " + kind + ": unknown parameter '" + name + "'; accepted: "
                    + String.join(", ", KINDS.get(kind).keySet()));
        }
        return spec;
    }

    /** Bytes the disk holds: what its device model reports, which files on the machine must fit in. */
    public long capacityBytes() {
        return createDevice().capacitySectors() * 512;
    }

    /** Every parameter: its value, the model's default, the unit and what it means, one row each. */
    public Table describe() {
        StringColumn name = StringColumn.create("parameter");
        StringColumn value = StringColumn.create("value");
        StringColumn def = StringColumn.create("default");
        StringColumn unit = StringColumn.create("unit");
        StringColumn doc = StringColumn.create("meaning");
        Map<String, Double> defaults = DiskModels.defaults(kind);
        for (ParamSpec p : KINDS.get(kind).values()) {
            name.append(p.name());
            value.append(p.figure(value(p.name())));
            def.append(p.figure(defaults.getOrDefault(p.name(), Double.NaN)));
            unit.append(p.unit());
            doc.append(p.doc());
        }
        return Table.create("disk " + kind, name, value, def, unit, doc);
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

    /** The manifest form: kind, then every parameter's value (override or default) as exact text. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", kind);
        for (String name : KINDS.get(kind).keySet()) {
            double v = value(name);
            if (!Double.isNaN(v)) {
                m.put(name, v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
            }
        }
        return m;
    }

    /**
     * The disk a {@link #toMap()} describes; values equal to the model's defaults stay defaults, so the
     * disk read back is the one written. Values may be text or numbers (manifests read from JSON).
     */
    public static Disk fromMap(Map<String, ?> map) {
        Object k = map.get("kind");
        if (k == null) {
            throw new IllegalArgumentException("disk: no 'kind'; accepted: " + String.join(", ", KINDS.keySet()));
        }
        String kind = k.toString();
        if (!KINDS.containsKey(kind)) {
            of(kind);   // names the accepted kinds
        }
        Disk d = new Disk(kind, Map.of());
        Map<String, Double> defaults = DiskModels.defaults(kind);
        for (Map.Entry<String, ?> e : map.entrySet()) {
            if (e.getKey().equals("kind")) {
                continue;
            }
            Disk next = d.with(e.getKey(), String.valueOf(e.getValue()));
            double v = next.overrides.get(e.getKey());
            if (!Objects.equals(defaults.get(e.getKey()), v)) {
                d = next;
            }
        }
        return d;
    }

    /** A short name for tables and legends: the kind, and the parameters changed from its model. */
    public String name() {
        return overrides.isEmpty() ? kind : kind + " " + overrides;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Disk d && d.kind.equals(kind) && d.overrides.equals(overrides);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + overrides.hashCode();
    }

    /** The kind and every parameter's value, a changed one with its default: {@code nvme: read_latency_us=90 (default 91.37), ...}. */
    @Override
    public String toString() {
        Map<String, Double> defaults = DiskModels.defaults(kind);
        StringBuilder b = new StringBuilder(kind).append(':');
        String sep = " ";
        for (ParamSpec p : KINDS.get(kind).values()) {
            String name = p.name();
            b.append(sep).append(name).append('=').append(p.figure(value(name)));
            Double def = defaults.get(name);
            if (overrides.containsKey(name) && def != null && !def.equals(overrides.get(name))) {
                b.append(" (default ").append(p.figure(def)).append(')');
            }
            sep = ", ";
        }
        return b.toString();
    }
}
