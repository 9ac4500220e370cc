package dev.aiolab.kernel.sched;

import dev.aiolab.kernel.KernelConfig;

/**
 * A hashed table of wait queues shared by all pages (and bit words): the 2.6.12 per-zone
 * {@code zone->wait_table} or the modern global {@code page_wait_table}. Many pages share a bucket,
 * so a wake for one page walks the waiters of others.
 */
public final class WaitTable {
    /** include/linux/hash.h (2.6.12, 64-bit) GOLDEN_RATIO_PRIME: 2^63 + 2^61 - 2^57 + 2^54 - 2^51 - 2^18 + 1. */
    public static final long GOLDEN_RATIO_PRIME_2612 = 0x9e37fffffffc0001L;
    /** include/linux/hash.h (4.7+) GOLDEN_RATIO_64. */
    public static final long GOLDEN_RATIO_64 = 0x61C8864680B583EBL;
    /** mm/page_alloc.c PAGES_PER_WAITQUEUE. */
    public static final int PAGES_PER_WAITQUEUE = 256;
    /** mm/filemap.c PAGE_WAIT_TABLE_BITS. */
    public static final int PAGE_WAIT_TABLE_BITS = 8;

    private final KernelConfig.WaitTable flavour;
    private final WaitQueueHead[] buckets;
    private final int bits;
    private final long multiplier;
    /** Entries queued on all buckets together. */
    int waiters;

    /** A table for a zone of {@code zonePages} pages, sized by the configured flavour. */
    public WaitTable(Sched sched, KernelConfig.WaitTable flavour, long zonePages) {
        this(sched, flavour, zonePages,
                flavour == KernelConfig.WaitTable.ZONE_2612 ? "zone->wait_table[" : "page_wait_table[");
    }

    /** As above, its buckets named {@code name + i + "]"}. */
    public WaitTable(Sched sched, KernelConfig.WaitTable flavour, long zonePages, String name) {
        this.flavour = flavour;
        int size = flavour == KernelConfig.WaitTable.ZONE_2612 ? waitTableSize(zonePages) : 1 << PAGE_WAIT_TABLE_BITS;
        this.bits = Integer.numberOfTrailingZeros(size);
        this.multiplier = flavour == KernelConfig.WaitTable.ZONE_2612 ? GOLDEN_RATIO_PRIME_2612 : GOLDEN_RATIO_64;
        this.buckets = new WaitQueueHead[size];
        for (int i = 0; i < size; i++) {
            buckets[i] = sched.newQueue(name + i + "]");
            buckets[i].table = this;
        }
    }

    // models mm/page_alloc.c: wait_table_size (2.6.12)
    /** Next power of two of {@code pages / 256}, clamped to [4, 4096]. */
    public static int waitTableSize(long pages) {
        long size = 1;
        pages /= PAGES_PER_WAITQUEUE;
        while (size < pages) {
            size <<= 1;
        }
        size = Math.min(size, 4096);
        return (int) Math.max(size, 4);
    }

    // models include/linux/hash.h: hash_long / hash_64
    /** Multiplicative hash keeping the top {@code bits} bits. */
    public int hash(long val) {
        return (int) ((val * multiplier) >>> (64 - bits));
    }

    // models mm/filemap.c: page_waitqueue
    public WaitQueueHead pageWaitqueue(FlagsWord page) {
        return buckets[hash(page.address())];
    }

    // models kernel/wait.c: bit_waitqueue
    public WaitQueueHead bitWaitqueue(FlagsWord word, int bit) {
        return buckets[hash(word.address() << 6 | bit)];
    }

    public int size() {
        return buckets.length;
    }

    /** Entries queued on the table's buckets, all together. */
    public int waiters() {
        return waiters;
    }

    public int bits() {
        return bits;
    }

    public KernelConfig.WaitTable flavour() {
        return flavour;
    }

    public WaitQueueHead bucket(int i) {
        return buckets[i];
    }

    /** Index of {@code q} in this table, or -1. */
    public int indexOf(WaitQueueHead q) {
        int first = buckets[0].id();
        int i = q.id() - first;
        return i >= 0 && i < buckets.length && buckets[i] == q ? i : -1;
    }
}
