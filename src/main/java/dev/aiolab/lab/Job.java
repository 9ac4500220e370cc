package dev.aiolab.lab;

import dev.aiolab.sim.RandomStream;
import dev.aiolab.workload.AccessPattern;
import dev.aiolab.workload.Arrivals;
import dev.aiolab.workload.Distribution;
import dev.aiolab.workload.OpMix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One workload job, in fio's vocabulary: what it reads or writes, how much, how deep, how fast.
 * Built by {@link #aio} or {@link #sync}; every option is checked when it is set and the options
 * are checked against each other in {@link Builder#build}, so a bad job never reaches a run. Each
 * message names the option, the value and what is accepted.
 *
 * <pre>{@code Job.aio("reader").rw("randread").bs("4k").size("1G").iodepth(32).direct(true).build()}</pre>
 */
public final class Job {

    /** How the job issues I/O: fio {@code ioengine}. */
    public enum Engine {
        /** {@code io_submit}/{@code io_getevents} (fio {@code libaio}). */
        LIBAIO,
        /** {@code read}/{@code write} system calls, one I/O in flight (fio {@code sync}, {@code psync}). */
        SYNC
    }

    /** fio {@code rw}. */
    public enum Rw {
        READ(false, true, false), WRITE(false, false, true), RANDREAD(true, true, false),
        RANDWRITE(true, false, true), RANDRW(true, true, true), RW(false, true, true);

        public final boolean random;
        public final boolean reads;
        public final boolean writes;

        Rw(boolean random, boolean reads, boolean writes) {
            this.random = random;
            this.reads = reads;
            this.writes = writes;
        }

        public boolean mixed() {
            return reads && writes;
        }
    }

    /** fio {@code rate_process}. */
    public enum RateProcess { LINEAR, POISSON }

    /** Every option name a job accepts, canonical names first; aliases map to them. */
    public static final List<String> OPTIONS = List.of("ioengine", "rw", "rwmixread", "rwmixwrite", "bs", "size",
            "number_ios", "runtime", "iodepth", "iodepth_batch_submit", "iodepth_batch_complete_min", "direct",
            "sync", "fsync", "numjobs", "thinktime", "random_distribution", "offset", "rate_iops", "rate_process",
            "filename", "syncmix");

    private static final Map<String, String> ALIASES = Map.of("readwrite", "rw", "blocksize", "bs", "ios",
            "number_ios", "iodepth_batch", "iodepth_batch_submit", "iodepth_batch_complete",
            "iodepth_batch_complete_min", "file", "filename");

    private final String name;
    private final Engine engine;
    private final Rw rw;
    private final int rwmixread;
    private final long bs;
    private final long size;
    private final long ios;
    private final long runtimeNs;
    private final int iodepth;
    private final int iodepthBatchSubmit;
    private final int iodepthBatchCompleteMin;
    private final boolean direct;
    private final boolean osync;
    private final int fsync;
    private final int numjobs;
    private final long thinktimeNs;
    private final Distribution distribution;
    private final long offset;
    private final int rateIops;
    private final RateProcess rateProcess;
    private final String file;
    private final int syncmix;
    private final Map<String, String> options;

    private Job(Builder b) {
        name = b.name;
        engine = b.engine;
        rw = b.rw;
        rwmixread = b.rwmixread;
        bs = b.bs;
        size = b.size;
        ios = b.ios;
        runtimeNs = b.runtimeNs;
        iodepth = b.iodepth;
        iodepthBatchSubmit = b.iodepthBatchSubmit;
        iodepthBatchCompleteMin = b.iodepthBatchCompleteMin;
        direct = b.direct;
        osync = b.osync;
        fsync = b.fsync;
        numjobs = b.numjobs;
        thinktimeNs = b.thinktimeNs;
        distribution = b.distribution;
        offset = b.offset;
        rateIops = b.rateIops;
        rateProcess = b.rateProcess;
        file = b.file == null ? name : b.file;
        syncmix = b.syncmix;
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("ioengine", engine == Engine.LIBAIO ? "libaio" : "sync");
        b.options.forEach((k, v) -> {
            if (!k.equals("ioengine")) {
                m.put(k, v);
            }
        });
        m.put("filename", file);
        options = Collections.unmodifiableMap(m);
    }

    /** Rebuilds a job from its {@link #toMap()} form (name, ioengine, then fio options). */
    public static Job fromMap(Map<String, String> m) {
        String name = m.get("name");
        String engine = m.getOrDefault("ioengine", "sync");
        Builder b = withEngine(name, engine);
        m.forEach((k, v) -> {
            if (!k.equals("name") && !k.equals("ioengine")) {
                b.option(k, v);
            }
        });
        return b.build();
    }

    /** A copy with fio option {@code option} set to {@code value} (checked as when building). */
    public Job with(String option, String value) {
        Map<String, String> m = new LinkedHashMap<>(options);
        String o = canonical(option);
        if (o.equals("ioengine")) {
            m.put("ioengine", value);
        } else {
            m.remove(o);
            m.put(o, value);
        }
        return fromMap(m);
    }

    /** A job that submits with {@code io_submit} and reaps with {@code io_getevents}. */
    public static Builder aio(String name) {
        return new Builder(name, Engine.LIBAIO);
    }

    /** A job that issues {@code read}/{@code write} system calls. */
    public static Builder sync(String name) {
        return new Builder(name, Engine.SYNC);
    }

    /** A builder of engine {@code ioengine} ({@code libaio}, {@code sync}, {@code psync}). */
    public static Builder withEngine(String name, String ioengine) {
        return new Builder(name, parseEngine(ioengine));
    }

    public String name() {
        return name;
    }

    public Engine engine() {
        return engine;
    }

    public Rw rw() {
        return rw;
    }

    public int rwmixread() {
        return rwmixread;
    }

    /**
     * {@code syncmix}: the percentage of a libaio job's I/Os its task issues as synchronous
     * {@code pread}/{@code pwrite} calls on the same file between its {@code io_submit} calls, as a
     * database mixes buffered reads with its AIO (named like fio's {@code rwmixread}; fio has no such
     * option). 0 by default.
     */
    public int syncmix() {
        return syncmix;
    }

    public long bs() {
        return bs;
    }

    /** Bytes of the region the job covers, or 0 for "the file from {@link #offset()} to its end". */
    public long size() {
        return size;
    }

    /** I/Os to issue, or 0 when {@link #size()} or {@link #runtimeNs()} ends the job. */
    public long ios() {
        return ios;
    }

    public long runtimeNs() {
        return runtimeNs;
    }

    public int iodepth() {
        return iodepth;
    }

    public int iodepthBatchSubmit() {
        return iodepthBatchSubmit;
    }

    public int iodepthBatchCompleteMin() {
        return iodepthBatchCompleteMin;
    }

    /** O_DIRECT. */
    public boolean direct() {
        return direct;
    }

    /** O_SYNC. */
    public boolean osync() {
        return osync;
    }

    /** fsync after every this many writes; 0 for never. */
    public int fsync() {
        return fsync;
    }

    public int numjobs() {
        return numjobs;
    }

    public long thinktimeNs() {
        return thinktimeNs;
    }

    public Distribution distribution() {
        return distribution;
    }

    public long offset() {
        return offset;
    }

    /** I/Os per second, or 0 for unlimited. */
    public int rateIops() {
        return rateIops;
    }

    public RateProcess rateProcess() {
        return rateProcess;
    }

    public String file() {
        return file;
    }

    /** The options as set, canonical names and text values, for manifests and fio files. */
    public Map<String, String> toMap() {
        return options;
    }

    /** Bytes the job covers in a file of {@code fileBytes}. */
    public long regionBytes(long fileBytes) {
        long r = size > 0 ? size : fileBytes - offset;
        if (r < bs) {
            throw new IllegalArgumentException("job '" + name + "': region of " + r + " bytes at offset " + offset
                    + " in file '" + file + "' of " + fileBytes + " bytes is smaller than bs=" + bs);
        }
        return r;
    }

    /** Where successive I/Os go, as block indices of size {@code bs} from {@link #offset()}. */
    public AccessPattern accessPattern(long fileBytes, RandomStream rng) {
        long blocks = regionBytes(fileBytes) / bs;
        return rw.random ? distribution.pattern(blocks, rng) : AccessPattern.sequential(blocks);
    }

    /** Read or write for each I/O of a mixed job. */
    public OpMix opMix(RandomStream rng) {
        return new OpMix(rw.mixed() ? rwmixread : rw.reads ? 100 : 0, rng);
    }

    /** Issue spacing, or null when the job is not rate limited. */
    public Arrivals arrivals(RandomStream rng) {
        if (rateIops == 0) {
            return null;
        }
        return rateProcess == RateProcess.POISSON ? Arrivals.poisson(rateIops, rng) : Arrivals.fixed(rateIops);
    }

    @Override
    public String toString() {
        return "Job" + options;
    }

    static String canonical(String option) {
        String o = option.trim().toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(o, o);
    }

    static boolean known(String option) {
        return OPTIONS.contains(canonical(option));
    }

    private static Engine parseEngine(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "libaio" -> Engine.LIBAIO;
            case "sync", "psync" -> Engine.SYNC;
            default -> throw new IllegalArgumentException("ioengine=" + v + ": not accepted; accepted: libaio, sync, "
                    + "psync");
        };
    }

    /**
     * Builds a {@link Job}. Every option has a setter in Java casing ({@code rateIops}, {@code randomDistribution})
     * that is {@link #option(String, String)} with fio's name ({@code rate_iops}, {@code random_distribution}); both
     * forms are accepted everywhere, and fio job files, {@link Job#with} and sweeps use the fio names.
     */
    public static final class Builder {
        private final String name;
        private Engine engine;
        private Rw rw = Rw.READ;
        private int rwmixread = 50;
        private boolean rwmixSet;
        private int syncmix;
        private long bs = 4096;
        private long size;
        private long ios;
        private long runtimeNs;
        private int iodepth = 1;
        private int iodepthBatchSubmit = 1;
        private int iodepthBatchCompleteMin = 1;
        private boolean direct;
        private boolean osync;
        private int fsync;
        private int numjobs = 1;
        private long thinktimeNs;
        private Distribution distribution = Distribution.UNIFORM;
        private boolean distributionSet;
        private long offset;
        private int rateIops;
        private RateProcess rateProcess = RateProcess.LINEAR;
        private boolean rateProcessSet;
        private String file;
        private final Map<String, String> options = new LinkedHashMap<>();

        private Builder(String name, Engine engine) {
            if (name == null || name.isBlank() || name.chars().anyMatch(c -> Character.isWhitespace(c)
                    || c == '[' || c == ']')) {
                throw new IllegalArgumentException("job name '" + name + "' is not accepted; accepted: a non-empty "
                        + "name without spaces or brackets");
            }
            this.name = name;
            this.engine = engine;
        }

        public Builder rw(String v) {
            return option("rw", v);
        }

        public Builder rwmixread(int percent) {
            return option("rwmixread", Integer.toString(percent));
        }

        /** {@code syncmix}: see {@link Job#syncmix()}. */
        public Builder syncmix(int percent) {
            return option("syncmix", Integer.toString(percent));
        }

        public Builder bs(String v) {
            return option("bs", v);
        }

        public Builder bs(long bytes) {
            return option("bs", Long.toString(bytes));
        }

        public Builder size(String v) {
            return option("size", v);
        }

        public Builder size(long bytes) {
            return option("size", Long.toString(bytes));
        }

        public Builder ios(long n) {
            return option("number_ios", Long.toString(n));
        }

        public Builder runtime(String v) {
            return option("runtime", v);
        }

        public Builder iodepth(int n) {
            return option("iodepth", Integer.toString(n));
        }

        public Builder iodepthBatchSubmit(int n) {
            return option("iodepth_batch_submit", Integer.toString(n));
        }

        public Builder iodepthBatchCompleteMin(int n) {
            return option("iodepth_batch_complete_min", Integer.toString(n));
        }

        public Builder direct(boolean on) {
            return option("direct", on ? "1" : "0");
        }

        /** O_SYNC. */
        public Builder sync(boolean on) {
            return option("sync", on ? "1" : "0");
        }

        public Builder fsync(int everyNWrites) {
            return option("fsync", Integer.toString(everyNWrites));
        }

        public Builder numjobs(int n) {
            return option("numjobs", Integer.toString(n));
        }

        public Builder thinktime(String v) {
            return option("thinktime", v);
        }

        public Builder randomDistribution(String v) {
            return option("random_distribution", v);
        }

        public Builder offset(String v) {
            return option("offset", v);
        }

        public Builder rateIops(int n) {
            return option("rate_iops", Integer.toString(n));
        }

        public Builder rateProcess(String v) {
            return option("rate_process", v);
        }

        public Builder file(String fileName) {
            return option("filename", fileName);
        }

        /**
         * Sets fio option {@code option} to a value as Java writes it: a number ({@code option("rate_iops",
         * 5000)}), a boolean ({@code option("direct", true)}) or text, checked as {@link #option(String, String)}.
         */
        public Builder option(String option, Object value) {
            String text = value instanceof Boolean b ? (b ? "1" : "0")
                    : value instanceof Double || value instanceof Float ? numberText(((Number) value).doubleValue())
                    : value == null ? null : value.toString();
            return option(option, text);
        }

        private static String numberText(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }

        /**
         * Sets fio option {@code option} from its text form, as in a fio job file. Unknown options and
         * bad values are rejected at once with the option, the value and what is accepted.
         */
        public Builder option(String option, String value) {
            String o = canonical(option);
            if (!OPTIONS.contains(o)) {
                throw new IllegalArgumentException("job '" + name + "': unknown option '" + option + "'; accepted: "
                        + String.join(", ", OPTIONS));
            }
            if (value == null) {
                throw new IllegalArgumentException("job '" + name + "': option " + o + " needs a value");
            }
            String v = value.trim();
            try {
                set(o, v);
            } catch (IllegalArgumentException e) {
                String msg = e.getMessage();
                throw new IllegalArgumentException("job '" + name + "': " + (msg.startsWith(o + "=") ? msg
                        : o + "=" + value + ": " + msg), e);
            }
            options.put(o, v);
            return this;
        }

        private void set(String o, String v) {
            switch (o) {
                case "ioengine" -> engine = parseEngine(v);
                case "rw" -> rw = parseRw(v);
                case "rwmixread" -> {
                    rwmixread = intIn(v, 0, 100);
                    rwmixSet = true;
                }
                case "rwmixwrite" -> {
                    rwmixread = 100 - intIn(v, 0, 100);
                    rwmixSet = true;
                }
                case "bs" -> {
                    long b = Sizes.parse(o, v);
                    if (b < 512 || b % 512 != 0 || b > (1L << 30)) {
                        throw new IllegalArgumentException("not accepted; accepted: a size that is a multiple of "
                                + "512 bytes, from 512 to 1G");
                    }
                    bs = b;
                }
                case "size" -> size = positive(Sizes.parse(o, v));
                case "number_ios" -> ios = positive(longValue(v));
                case "runtime" -> runtimeNs = positive(Durations.parse(o, v, "s"));
                case "syncmix" -> syncmix = intIn(v, 0, 100);
                case "iodepth" -> iodepth = intIn(v, 1, 65536);
                case "iodepth_batch_submit" -> iodepthBatchSubmit = intIn(v, 0, 65536);
                case "iodepth_batch_complete_min" -> iodepthBatchCompleteMin = intIn(v, 0, 65536);
                case "direct" -> direct = bool(v);
                case "sync" -> osync = bool(v);
                case "fsync" -> fsync = intIn(v, 0, Integer.MAX_VALUE);
                case "numjobs" -> numjobs = intIn(v, 1, 1024);
                case "thinktime" -> thinktimeNs = Durations.parse(o, v, "us");
                case "random_distribution" -> {
                    distribution = Distribution.parse(v);
                    distributionSet = true;
                }
                case "offset" -> offset = Sizes.parse(o, v);
                case "rate_iops" -> rateIops = intIn(v, 1, 100_000_000);
                case "rate_process" -> {
                    rateProcess = switch (v.toLowerCase(Locale.ROOT)) {
                        case "linear", "fixed" -> RateProcess.LINEAR;
                        case "poisson" -> RateProcess.POISSON;
                        default -> throw new IllegalArgumentException("not accepted; accepted: linear (alias fixed), "
                                + "poisson");
                    };
                    rateProcessSet = true;
                }
                case "filename" -> {
                    if (v.isEmpty() || v.contains(":") || v.chars().anyMatch(Character::isWhitespace)) {
                        throw new IllegalArgumentException("not accepted; accepted: a file name without spaces or ':'");
                    }
                    file = v;
                }
                default -> throw new AssertionError(o);
            }
        }

        /** Checks the options against each other and builds the job. */
        public Job build() {
            String j = "job '" + name + "': ";
            if (size == 0 && ios == 0 && runtimeNs == 0) {
                throw new IllegalArgumentException(j + "size, number_ios and runtime are all unset; accepted: at least "
                        + "one of them, e.g. size=1G, number_ios=10000 or runtime=10s");
            }
            if (engine == Engine.SYNC && iodepth > 1) {
                throw new IllegalArgumentException(j + "iodepth=" + iodepth + " with ioengine=sync: a synchronous job "
                        + "has one I/O in flight; accepted: iodepth=1, or Job.aio / ioengine=libaio");
            }
            if (syncmix > 0 && engine != Engine.LIBAIO) {
                throw new IllegalArgumentException(j + "syncmix=" + syncmix + " with ioengine=sync: every I/O of a "
                        + "synchronous job is synchronous; accepted: syncmix with ioengine=libaio (Job.aio)");
            }
            if (iodepthBatchSubmit > iodepth) {
                throw new IllegalArgumentException(j + "iodepth_batch_submit=" + iodepthBatchSubmit + " exceeds "
                        + "iodepth=" + iodepth + "; accepted: 0.." + iodepth);
            }
            if (iodepthBatchCompleteMin > iodepth) {
                throw new IllegalArgumentException(j + "iodepth_batch_complete_min=" + iodepthBatchCompleteMin
                        + " exceeds iodepth=" + iodepth + "; accepted: 0.." + iodepth);
            }
            if (rwmixSet && !rw.mixed()) {
                throw new IllegalArgumentException(j + "rwmixread=" + rwmixread + " with rw=" + lower(rw)
                        + ": the mix applies only to mixed jobs; accepted: rw=randrw or rw=rw");
            }
            if (distributionSet && !rw.random) {
                throw new IllegalArgumentException(j + "random_distribution=" + distribution + " with rw=" + lower(rw)
                        + ": a sequential job has no distribution; accepted: rw=randread, randwrite or randrw");
            }
            if (fsync > 0 && !rw.writes) {
                throw new IllegalArgumentException(j + "fsync=" + fsync + " with rw=" + lower(rw)
                        + ": the job never writes; accepted: fsync with rw=write, randwrite, randrw or rw");
            }
            if (rateProcessSet && rateIops == 0) {
                throw new IllegalArgumentException(j + "rate_process=" + lower(rateProcess) + " without rate_iops; "
                        + "accepted: rate_process together with rate_iops");
            }
            if (size > 0 && size < bs) {
                throw new IllegalArgumentException(j + "size=" + Sizes.format(size) + " is smaller than bs="
                        + Sizes.format(bs) + "; accepted: size >= bs");
            }
            if (direct && offset % 512 != 0) {
                throw new IllegalArgumentException(j + "offset=" + offset + " with direct=1: O_DIRECT needs "
                        + "512-byte alignment; accepted: an offset that is a multiple of 512");
            }
            return new Job(this);
        }

        private static String lower(Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }

        private static Rw parseRw(String v) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "read" -> Rw.READ;
                case "write" -> Rw.WRITE;
                case "randread" -> Rw.RANDREAD;
                case "randwrite" -> Rw.RANDWRITE;
                case "randrw" -> Rw.RANDRW;
                case "rw", "readwrite" -> Rw.RW;
                default -> throw new IllegalArgumentException("not accepted; accepted: read, write, randread, randwrite, "
                        + "randrw (with rwmixread), rw");
            };
        }

        private static int intIn(String v, int lo, int hi) {
            long n;
            try {
                n = Long.parseLong(v.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number; accepted: " + lo + ".." + hi);
            }
            if (n < lo || n > hi) {
                throw new IllegalArgumentException("out of range; accepted: " + lo + ".." + hi);
            }
            return (int) n;
        }

        private static long longValue(String v) {
            try {
                return Long.parseLong(v.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number; accepted: a whole number > 0");
            }
        }

        private static long positive(long n) {
            if (n <= 0) {
                throw new IllegalArgumentException("must be > 0; accepted: a value greater than zero");
            }
            return n;
        }

        private static boolean bool(String v) {
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "1", "true", "on", "yes" -> true;
                case "0", "false", "off", "no" -> false;
                default -> throw new IllegalArgumentException("not accepted; accepted: 0 or 1 (true/false)");
            };
        }
    }
}
