package dev.aiolab.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every variant and parameter of the modelled kernel, with presets that name historical kernels and
 * the seed thread's patches. Each patch and each bug discussed in the thread is a switch that can
 * be flipped alone. Immutable: {@link #with} returns a modified copy. Every default cites its source.
 */
public final class KernelConfig {

    /** Which hashed wait table page and bit waits use. */
    /** The order in which the page allocator hands out free frames. */
    public enum FrameOrder {
        /**
         * An aged machine: the buddy lists hold frames in the order years of frees left them, so a
         * frame taken from the buddy is any free frame of its zone (drawn from a named random stream);
         * the per-CPU lists in front of it still hand back the frames freed last first.
         */
        AGED,
        /** A freshly booted machine: the buddy hands out the lowest free frame of its zone. */
        PFN
    }

    public enum WaitTable {
        /** 2.6.12 {@code zone->wait_table}: next power of two of zone pages / 256, clamped to [4, 4096]. */
        ZONE_2612,
        /** Modern kernels: one global table of 256 buckets ({@code PAGE_WAIT_TABLE_BITS = 8}). */
        GLOBAL_256
    }

    /** How buffered (page cache) AIO reads and O_SYNC writes behave. */
    public enum BufferedAio {
        /** Mainline 2.6.12: the retry method runs synchronously inside {@code io_submit}. */
        SYNC_IN_SUBMIT,
        /** Filesystem AIO patches: waits return {@code -EIOCBRETRY} and the kiocb is retried. */
        RETRY
    }

    /** What the kiocb embeds as its wait entry. */
    public enum AioWaitEntry {
        /** A plain {@code wait_queue_t} without a key: every wake on its bucket kicks it (2.6.12). */
        PLAIN,
        /** A {@code struct wait_bit_queue}: {@code aio_wake_function} filters by key (seed patch 1). */
        WAIT_BIT
    }

    /** Readahead algorithm. */
    public enum Readahead {
        /** 2.6.12 {@code page_cache_readahead}: current and ahead windows. */
        WINDOW_2612,
        /** 2.6.23 on-demand readahead with {@code async_size} and the PG_readahead marker. */
        ONDEMAND_2623
    }

    /** I/O scheduler of the request queue. */
    public enum Elevator { NOOP, DEADLINE }

    private static final List<Param<?>> PARAMS = new ArrayList<>();

    private static <T> Param<T> param(String name, Class<T> type, T def, String doc) {
        Param<T> p = new Param<>(PARAMS.size(), name, type, def, doc);
        PARAMS.add(p);
        return p;
    }

    // ---- sched: CPUs, tasks, wait queues ----
    public static final Param<Long> CONTEXT_SWITCH_NS = param("context_switch_ns", Long.class, 3_800L,
            "cost of a direct context switch; Li, Ding, Shen, 'Quantifying the cost of context switch', ExpCS 2007");
    public static final Param<Long> WAKEUP_LATENCY_NS = param("wakeup_latency_ns", Long.class, 2_000L,
            "delay from try_to_wake_up to the task being on its CPU's run queue (IPI and enqueue)");
    public static final Param<Long> TRY_TO_WAKE_UP_NS = param("try_to_wake_up_ns", Long.class, 1_500L,
            "CPU charged to the waker for a real wakeup; model-reference: ~1-2 us");
    public static final Param<Long> WAIT_ENTRY_WALK_NS = param("wait_entry_walk_ns", Long.class, 100L,
            "CPU to visit one wait entry in __wake_up_common; model-reference: ~50-200 ns");
    public static final Param<Long> WAITQUEUE_LOCK_NS = param("waitqueue_lock_ns", Long.class, 50L,
            "uncontended spin_lock_irqsave/unlock pair on a wait queue head");
    public static final Param<WaitTable> WAIT_TABLE = param("wait_table", WaitTable.class, WaitTable.ZONE_2612,
            "hashed page wait table: 2.6.12 mm/page_alloc.c wait_table_size, or modern mm/filemap.c page_wait_table");
    public static final Param<FrameOrder> FRAME_ORDER = param("frame_order", FrameOrder.class, FrameOrder.AGED,
            "free frames of the buddy allocator: aged (any free frame of the zone) or pfn (lowest first, as after boot)");
    public static final Param<Boolean> PG_WAITERS = param("pg_waiters", Boolean.class, false,
            "4.10 PG_waiters: unlock_page and end_page_writeback wake only when the page has waiters");
    public static final Param<Boolean> WAITQUEUE_BOOKMARKS = param("waitqueue_bookmarks", Boolean.class, false,
            "4.13 wait-queue bookmarks: the waker drops the lock every 64 entries (removed in 2023)");
    public static final Param<Integer> BOOKMARK_BATCH = param("bookmark_batch", Integer.class, 64,
            "entries walked between lock breaks with bookmarks (WAITQUEUE_WALK_BREAK_CNT = 64)");
    public static final Param<Boolean> PAGE_LOCK_HANDOFF = param("page_lock_handoff", Boolean.class, false,
            "5.9/5.10 page-lock handoff: the waker takes the lock for an exclusive waiter passed over 5 times");

    // ---- system calls and copies ----
    public static final Param<Long> SYSCALL_NS = param("syscall_ns", Long.class, 200L,
            "system call entry and exit on 2005 hardware (int 0x80/sysenter), ~0.1-0.3 us");
    public static final Param<Long> COPY_PAGE_NS = param("copy_page_ns", Long.class, 3_000L,
            "copy 4 KiB to or from user space; model-reference: ~2-4 us on 2005 hardware");
    public static final Param<Long> PAGE_LOOKUP_NS = param("page_lookup_ns", Long.class, 150L,
            "find_get_page: radix-tree lookup under mapping->tree_lock");
    public static final Param<Long> PAGE_ALLOC_NS = param("page_alloc_ns", Long.class, 500L,
            "page_cache_alloc plus add_to_page_cache_lru");

    // ---- mm: readahead and writeback ----
    public static final Param<Readahead> READAHEAD = param("readahead", Readahead.class, Readahead.WINDOW_2612,
            "readahead algorithm: 2.6.12 mm/readahead.c windows, or 2.6.23 on-demand");
    public static final Param<Integer> READAHEAD_MAX_KB = param("readahead_max_kb", Integer.class, 128,
            "VM_MAX_READAHEAD, include/linux/mm.h (2.6.12)");
    public static final Param<Integer> READAHEAD_MIN_KB = param("readahead_min_kb", Integer.class, 16,
            "VM_MIN_READAHEAD, include/linux/mm.h (2.6.12)");
    public static final Param<Integer> DIRTY_BACKGROUND_RATIO = param("dirty_background_ratio", Integer.class, 10,
            "mm/page-writeback.c dirty_background_ratio (2.6.12)").range(0, 100);
    public static final Param<Integer> DIRTY_RATIO = param("dirty_ratio", Integer.class, 40,
            "mm/page-writeback.c vm_dirty_ratio (2.6.12)").range(0, 100);
    public static final Param<Long> DIRTY_WRITEBACK_INTERVAL_NS = param("dirty_writeback_interval_ns", Long.class,
            5_000_000_000L, "mm/page-writeback.c dirty_writeback_centisecs = 500");
    public static final Param<Long> DIRTY_EXPIRE_NS = param("dirty_expire_ns", Long.class, 30_000_000_000L,
            "mm/page-writeback.c dirty_expire_centisecs = 3000");

    // ---- block layer ----
    public static final Param<Integer> UNPLUG_THRESH = param("unplug_thresh", Integer.class, 4,
            "drivers/block/ll_rw_blk.c q->unplug_thresh");
    public static final Param<Long> UNPLUG_DELAY_NS = param("unplug_delay_ns", Long.class, 3_000_000L,
            "drivers/block/ll_rw_blk.c q->unplug_delay = (3 * HZ) / 1000");
    public static final Param<Integer> NR_REQUESTS = param("nr_requests", Integer.class, 128,
            "BLKDEV_MAX_RQ, include/linux/blkdev.h").range(4, Integer.MAX_VALUE, "BLKDEV_MIN_RQ");
    public static final Param<Integer> MAX_REQUEST_KB = param("max_request_kb", Integer.class, 512,
            "largest request a merge may build (max_sectors)");
    public static final Param<Elevator> ELEVATOR = param("elevator", Elevator.class, Elevator.DEADLINE,
            "I/O scheduler (2.6.12 default is anticipatory; deadline is the closest modelled)");
    public static final Param<Long> DEADLINE_READ_EXPIRE_NS = param("deadline_read_expire_ns", Long.class,
            500_000_000L, "drivers/block/deadline-iosched.c read_expire = HZ / 2");
    public static final Param<Long> DEADLINE_WRITE_EXPIRE_NS = param("deadline_write_expire_ns", Long.class,
            5_000_000_000L, "drivers/block/deadline-iosched.c write_expire = 5 * HZ");
    public static final Param<Integer> DEADLINE_WRITES_STARVED = param("deadline_writes_starved", Integer.class, 2,
            "drivers/block/deadline-iosched.c writes_starved");
    public static final Param<Integer> DEADLINE_FIFO_BATCH = param("deadline_fifo_batch", Integer.class, 16,
            "drivers/block/deadline-iosched.c fifo_batch");
    public static final Param<Long> BLOCK_SUBMIT_NS = param("block_submit_ns", Long.class, 1_000L,
            "generic_make_request, merge attempt and elevator insert");
    public static final Param<Long> IRQ_COMPLETION_NS = param("irq_completion_ns", Long.class, 2_000L,
            "interrupt entry, end_that_request_first and bio end_io for one request");

    // ---- fs: block layout ----
    public static final Param<Boolean> FS_FRAGMENTED = param("fs_fragmented", Boolean.class, false,
            "files laid out as seeded random extents across the disk instead of contiguously (aged filesystem)");
    public static final Param<Integer> FS_EXTENT_MEAN_KB = param("fs_extent_mean_kb", Integer.class, 256,
            "mean extent length of a fragmented file (geometric); an assumption, not a measured figure");

    // ---- aio: the seed's patches and bugs ----
    public static final Param<BufferedAio> BUFFERED_AIO = param("buffered_aio", BufferedAio.class,
            BufferedAio.RETRY, "buffered AIO: synchronous inside io_submit (2.6.12) or retried (fs-AIO patches)");
    public static final Param<AioWaitEntry> AIO_WAIT_ENTRY = param("aio_wait_entry", AioWaitEntry.class,
            AioWaitEntry.WAIT_BIT, "kiocb wait entry: plain wait_queue_t (2.6.12) or wait_bit_queue (seed patch 1)");
    public static final Param<Boolean> AIO_WAKE_RETURNS_ONE = param("aio_wake_returns_one", Boolean.class, false,
            "aio_wake_function returns 1 after kick_iocb (2.6.12 and patch 1); the read patch returns 0 so the exclusive baton is not lost");
    public static final Param<Boolean> IO_WAIT_RESET_NULL = param("io_wait_reset_null", Boolean.class, false,
            "aio_run_iocb resets current->io_wait to NULL (the bug reported in the thread) instead of &current->__wait.wait");
    public static final Param<Boolean> READAHEAD_RETRY_GUARD = param("readahead_retry_guard", Boolean.class, true,
            "seed: do_generic_mapping_read skips readahead on a retried kiocb (is_retried_kiocb)");
    public static final Param<Boolean> KIF_SYNCED = param("kif_synced", Boolean.class, true,
            "seed: O_SYNC AIO write issues writeout once and sets KIF_SYNCED; retries only wait");
    public static final Param<Integer> AIO_MAX_RETRIES = param("aio_max_retries", Integer.class, 1024 * 1024,
            "fs/aio.c aio_run_iocb gives up with -EAGAIN after this many retries");
    public static final Param<Integer> HZ = param("hz", Integer.class, 1000,
            "timer frequency; 2.6.12 default CONFIG_HZ = 1000").range(10, 10_000);
    public static final Param<Long> AIO_KICK_NS = param("aio_kick_ns", Long.class, 500L,
            "kick_iocb: queue the iocb on the run list and queue_delayed_work");
    public static final Param<Long> AIO_COMPLETE_NS = param("aio_complete_ns", Long.class, 1_000L,
            "aio_complete: write the event into the mmapped ring under ctx_lock");

    private static final Map<String, Param<?>> BY_NAME;

    static {
        Map<String, Param<?>> m = new LinkedHashMap<>();
        for (Param<?> p : PARAMS) {
            m.put(p.name(), p);
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private final String name;
    private final Object[] values;

    private KernelConfig(String name, Object[] values) {
        this.name = name;
        this.values = values;
    }

    private static KernelConfig defaults(String name) {
        Object[] v = new Object[PARAMS.size()];
        for (Param<?> p : PARAMS) {
            v[p.ordinal] = p.defaultValue();
        }
        return new KernelConfig(name, v);
    }

    /**
     * Mainline 2.6.12: the retry core exists, but buffered file AIO is not asynchronous: a buffered
     * AIO read sleeps in {@code lock_page} inside {@code io_submit} on the submitter's own entry.
     * O_DIRECT AIO is asynchronous.
     */
    public static KernelConfig linux2612() {
        return defaults("linux2612")
                .with(BUFFERED_AIO, BufferedAio.SYNC_IN_SUBMIT)
                .with(AIO_WAIT_ENTRY, AioWaitEntry.PLAIN)
                .with(AIO_WAKE_RETURNS_ONE, true)
                .withName("linux2612");
    }

    /**
     * The filesystem-AIO retry patches before the seed's patch (1), as they shipped in -mm: buffered
     * AIO reads and O_SYNC writes retry, the kiocb holds a plain wait entry, and
     * {@code aio_wake_function} returns 1 as in mainline. Every wake on a shared page-wait bucket kicks
     * every AIO waiter on it, and a kiocb kicked for another page's wake takes the one exclusive
     * wakeup meant for that page's waiter: spurious retries, lost wakeups and the hangs that follow.
     */
    public static KernelConfig fsAioPlainWait() {
        return aioWaitBit().with(AIO_WAIT_ENTRY, AioWaitEntry.PLAIN).with(AIO_WAKE_RETURNS_ONE, true)
                .withName("fsAioPlainWait");
    }

    /**
     * Ablation, never shipped: the plain kiocb entry of {@link #fsAioPlainWait()} with the read patch's
     * {@code return 0} from {@code aio_wake_function}. Every wake on the bucket still kicks every AIO
     * waiter, but no exclusive wakeup is consumed, so it isolates the cost of unfiltered kicks from
     * the lost wakeups.
     */
    public static KernelConfig plainWaitReturnZero() {
        return aioWaitBit().with(AIO_WAIT_ENTRY, AioWaitEntry.PLAIN).withName("plainWaitReturnZero");
    }

    /** The seed's whole patchset: wait-bit filtered AIO wakeups, buffered AIO read and O_SYNC write. */
    public static KernelConfig aioWaitBit() {
        return defaults("aioWaitBit");
    }

    /** A modern page wait table (256 buckets, PG_waiters, bookmarks, lock handoff) under the seed's AIO. */
    public static KernelConfig modernWaitTable() {
        return aioWaitBit().with(WAIT_TABLE, WaitTable.GLOBAL_256).with(PG_WAITERS, true)
                .with(WAITQUEUE_BOOKMARKS, true).with(PAGE_LOCK_HANDOFF, true)
                .with(READAHEAD, Readahead.ONDEMAND_2623).withName("modernWaitTable");
    }

    /** The presets by name: what shipped, as mainline or as the thread's patches. */
    public static Map<String, KernelConfig> presets() {
        return byName(linux2612(), fsAioPlainWait(), aioWaitBit(), modernWaitTable());
    }

    /** The named ablations: combinations that never shipped, each isolating one switch's effect. */
    public static Map<String, KernelConfig> ablations() {
        return byName(plainWaitReturnZero());
    }

    private static Map<String, KernelConfig> byName(KernelConfig... configs) {
        Map<String, KernelConfig> m = new LinkedHashMap<>();
        for (KernelConfig c : configs) {
            m.put(c.name(), c);
        }
        return m;
    }

    /** The preset or ablation called {@code name}; the error lists the accepted names. */
    public static KernelConfig preset(String name) {
        KernelConfig c = presets().get(name);
        if (c == null) {
            c = ablations().get(name);
        }
        if (c == null) {
            throw new IllegalArgumentException("kernel: unknown preset '" + name + "'; accepted: "
                    + String.join(", ", presets().keySet()) + ", or the ablation "
                    + String.join(", ", ablations().keySet()));
        }
        return c;
    }

    /** Every declared parameter, in declaration order. */
    public static List<Param<?>> params() {
        return Collections.unmodifiableList(PARAMS);
    }

    /** The parameter called {@code name}; the error lists the accepted names. */
    public static Param<?> param(String name) {
        Param<?> p = BY_NAME.get(name);
        if (p == null) {
            throw new IllegalArgumentException("kernel parameter '" + name + "' does not exist; accepted: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return p;
    }

    /** The preset this configuration started from, with a {@code +} when parameters were changed. */
    public String name() {
        return name;
    }

    public <T> T get(Param<T> p) {
        return p.type().cast(values[p.ordinal]);
    }

    public long getLong(Param<Long> p) {
        return (Long) values[p.ordinal];
    }

    public int getInt(Param<Integer> p) {
        return (Integer) values[p.ordinal];
    }

    public boolean is(Param<Boolean> p) {
        return (Boolean) values[p.ordinal];
    }

    /** A copy with {@code p} set to {@code value}; a value outside the parameter's range is rejected. */
    public <T> KernelConfig with(Param<T> p, T value) {
        Objects.requireNonNull(value, () -> "kernel parameter '" + p.name() + "' must not be null");
        p.check(value);
        if (Objects.equals(values[p.ordinal], value)) {
            return this;
        }
        Object[] v = values.clone();
        v[p.ordinal] = value;
        return new KernelConfig(name.endsWith("+") ? name : name + "+", v);
    }

    /** A copy with the parameter called {@code name} set from its text form. */
    public KernelConfig with(String name, String value) {
        return withParsed(param(name), value);
    }

    private <T> KernelConfig withParsed(Param<T> p, String value) {
        return with(p, p.parse(value));
    }

    /**
     * Checks the parameters against each other, as a machine does when it is built, and returns this
     * configuration; the message names the parameters, their values and what is accepted.
     */
    public KernelConfig check() {
        int raMin = getInt(READAHEAD_MIN_KB);
        int raMax = getInt(READAHEAD_MAX_KB);
        if (raMax > 0 && raMin > raMax) {
            throw new IllegalArgumentException("kernel " + name + ": readahead_min_kb=" + raMin
                    + " exceeds readahead_max_kb=" + raMax + "; accepted: readahead_min_kb <= readahead_max_kb, "
                    + "or readahead_max_kb=0 (readahead off)");
        }
        return this;
    }

    /** A copy with another display name (presets and user variants). */
    public KernelConfig withName(String newName) {
        return new KernelConfig(newName, values);
    }

    /** Every parameter in text form, in declaration order; the manifest's kernel section. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Param<?> p : PARAMS) {
            m.put(p.name(), p.format(values[p.ordinal]));
        }
        return m;
    }

    /** Rebuilds a configuration from {@link #toMap()}; unknown names are rejected. */
    public static KernelConfig fromMap(String name, Map<String, String> map) {
        KernelConfig c = defaults(name);
        for (Map.Entry<String, String> e : map.entrySet()) {
            c = c.with(e.getKey(), e.getValue());
        }
        return c.withName(name);
    }

    /** The parameters whose values differ from {@code other}, as name=value. */
    public Map<String, String> diff(KernelConfig other) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Param<?> p : PARAMS) {
            if (!Objects.equals(values[p.ordinal], other.values[p.ordinal])) {
                m.put(p.name(), p.format(values[p.ordinal]));
            }
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KernelConfig k && java.util.Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        Map<String, String> d = diff(defaults(""));
        return name + (d.isEmpty() ? "" : " " + d);
    }
}
