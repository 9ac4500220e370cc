package dev.aiolab.lab;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.metrics.Figures;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The simulated machine, as a validated description: CPUs, memory (the page cache's capacity), one
 * disk, the files on it, and the kernel variant. The kernel integration turns it into a running model.
 *
 * <pre>{@code Machine.builder().cpus(2).memory("256M").disk(Disk.hdd7200()).file("data", "1G")
 *         .kernel(KernelConfig.aioWaitBit()).build()}</pre>
 */
public final class Machine {
    /** Smallest memory a machine may have: the kernel model needs room for its own pages. */
    public static final long MIN_MEMORY = 16L << 20;
    public static final int MAX_CPUS = 256;

    private final int cpus;
    private final long memory;
    private final Disk disk;
    private final Map<String, Long> files;
    private final KernelConfig kernel;

    private Machine(Builder b) {
        cpus = b.cpus;
        memory = b.memory;
        disk = b.disk;
        files = Collections.unmodifiableMap(new LinkedHashMap<>(b.files));
        kernel = b.kernel;
    }

    /** Defaults: 1 CPU, 256M, {@link Disk#hdd7200()}, {@link KernelConfig#linux2612()}, no files. */
    public static Builder builder() {
        return new Builder();
    }

    public int cpus() {
        return cpus;
    }

    /** Bytes of memory. */
    public long memory() {
        return memory;
    }

    public Disk disk() {
        return disk;
    }

    /** File name to size in bytes, in the order they were added. */
    public Map<String, Long> files() {
        return files;
    }

    public KernelConfig kernel() {
        return kernel;
    }

    /** A copy running another kernel variant (sweeps). */
    public Machine withKernel(KernelConfig k) {
        return toBuilder().kernel(k).build();
    }

    /** A copy with another disk (sweeps). */
    public Machine withDisk(Disk d) {
        return toBuilder().disk(d).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder().cpus(cpus).memory(memory).disk(disk).kernel(kernel);
        files.forEach(b::file);
        return b;
    }

    /**
     * Checks that {@code jobs} can run here: each job's file exists and its region (offset plus
     * size) lies inside the file. The message names the job, the file and the sizes.
     */
    public void checkJobs(List<Job> jobs) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("no jobs; accepted: at least one Job");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Job j : jobs) {
            if (!names.add(j.name())) {
                throw new IllegalArgumentException("job '" + j.name() + "' appears twice; job names must be unique");
            }
            Long size = files.get(j.file());
            if (size == null) {
                throw new IllegalArgumentException("job '" + j.name() + "': filename=" + j.file()
                        + " is not a file of the machine; files: " + files.keySet()
                        + " (add it with Machine.builder().file(name, size))");
            }
            if (j.offset() + j.bs() > size || j.offset() + j.size() > size) {
                throw new IllegalArgumentException("job '" + j.name() + "': offset=" + Sizes.format(j.offset())
                        + " size=" + Sizes.format(j.size()) + " bs=" + Sizes.format(j.bs()) + " does not fit in file '"
                        + j.file() + "' of " + Sizes.format(size));
            }
        }
    }

    /** The manifest form. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", cpus);
        m.put("memory", Sizes.format(memory));
        m.put("disk", disk.toMap());
        Map<String, String> f = new LinkedHashMap<>();
        files.forEach((k, v) -> f.put(k, Sizes.format(v)));
        m.put("files", f);
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("name", kernel.name());
        k.put("parameters", kernel.toMap());
        m.put("kernel", k);
        return m;
    }

    @Override
    public String toString() {
        return cpus + " CPU, " + Sizes.format(memory) + ", " + disk + ", files " + toMap().get("files") + ", kernel "
                + kernel.name();
    }

    /** Builds a {@link Machine}; each value is checked when set, with the option, value and accepted range. */
    public static final class Builder {
        private int cpus = 1;
        private long memory = 256L << 20;
        private Disk disk = Disk.hdd7200();
        private final Map<String, Long> files = new LinkedHashMap<>();
        private KernelConfig kernel = KernelConfig.linux2612();

        private Builder() {}

        public Builder cpus(int n) {
            if (n < 1 || n > MAX_CPUS) {
                throw new IllegalArgumentException("machine: cpus=" + n + " is not accepted; accepted: 1.." + MAX_CPUS);
            }
            cpus = n;
            return this;
        }

        public Builder memory(String size) {
            return memory(Sizes.parse("memory", size));
        }

        public Builder memory(long bytes) {
            if (bytes < MIN_MEMORY || bytes % 4096 != 0) {
                throw new IllegalArgumentException("machine: memory=" + Sizes.format(bytes) + " is not accepted; "
                        + "accepted: at least 16M, a whole number of 4k pages");
            }
            memory = bytes;
            return this;
        }

        public Builder disk(Disk d) {
            disk = Objects.requireNonNull(d, "machine: disk must not be null");
            return this;
        }

        public Builder file(String name, String size) {
            return file(name, Sizes.parse("file " + name, size));
        }

        public Builder file(String name, long bytes) {
            if (name == null || name.isEmpty() || name.contains(":") || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("machine: file name '" + name + "' is not accepted; accepted: a "
                        + "non-empty name without spaces or ':'");
            }
            if (files.containsKey(name)) {
                throw new IllegalArgumentException("machine: file '" + name + "' is added twice");
            }
            if (bytes < 4096 || bytes % 4096 != 0) {
                throw new IllegalArgumentException("machine: file " + name + " size=" + bytes + " is not accepted; "
                        + "accepted: at least 4k, a whole number of 4k pages");
            }
            files.put(name, bytes);
            return this;
        }

        /** The kernel variant; its parameters are checked against each other here ({@link KernelConfig#check}). */
        public Builder kernel(KernelConfig k) {
            kernel = Objects.requireNonNull(k, "machine: kernel must not be null");
            try {
                k.check();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("machine: " + e.getMessage(), e);
            }
            return this;
        }

        /** Builds the machine; its files must fit on its disk, each and all together. */
        public Machine build() {
            if (files.isEmpty()) {
                throw new IllegalArgumentException("machine: no files; accepted: at least one file(name, size)");
            }
            long capacity = disk.capacityBytes();
            String disks = "the disk's capacity_gb=" + Figures.format(disk.value("capacity_gb")) + " ("
                    + Sizes.format(capacity) + ")";
            String raise = "raise the capacity with Disk." + factory(disk.kind()) + ".with(\"capacity_gb\", "
                    + Figures.format(Math.ceil(files.values().stream().mapToLong(Long::longValue).sum() / 1e9))
                    + ")";
            long sum = 0;
            for (Map.Entry<String, Long> f : files.entrySet()) {
                if (f.getValue() > capacity) {
                    throw new IllegalArgumentException("machine: file '" + f.getKey() + "' (" + Sizes.format(
                            f.getValue()) + ") does not fit on the disk (" + disk.kind() + ", " + disks.substring(
                            "the disk's ".length()) + "); accepted: files that fit, or " + raise);
                }
                sum += f.getValue();
            }
            if (sum > capacity) {
                StringBuilder each = new StringBuilder();
                files.forEach((n, b) -> each.append(each.length() == 0 ? "" : ", ").append(n).append(" (")
                        .append(Sizes.format(b)).append(')'));
                throw new IllegalArgumentException("machine: files " + each + " take " + Sizes.format(sum)
                        + " together, more than " + disks + "; accepted: files whose sizes add up to at most the "
                        + "capacity, or " + raise);
            }
            return new Machine(this);
        }

        /** How a disk of {@code kind} is made in Java, for messages. */
        private static String factory(String kind) {
            return switch (kind) {
                case "hdd7200" -> "hdd7200()";
                case "sata_ssd" -> "sataSsd()";
                case "exponential", "deterministic" -> kind + "(ns)";
                default -> kind + "()";
            };
        }
    }
}
