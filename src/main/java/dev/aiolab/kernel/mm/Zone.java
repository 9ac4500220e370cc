package dev.aiolab.kernel.mm;

import dev.aiolab.kernel.sched.WaitTable;
import dev.aiolab.sim.RandomStream;
import java.util.BitSet;

/**
 * {@code struct zone} (2.6.12 include/linux/mmzone.h) of a flat machine: a span of frames, its
 * watermarks and lowmem reserve, the frames free in its buddy allocator, the per-CPU hot and cold
 * page lists in front of them, and the zone's hashed page wait table.
 *
 * <p>Only order-0 allocations are modelled, so the buddy is its set of free frames. Which free
 * frame it hands out is the {@link dev.aiolab.kernel.KernelConfig.FrameOrder}: any of them, from
 * the zone's random stream, on an aged machine; the lowest after boot.
 */
public final class Zone {
    /** include/linux/mmzone.h zone indices. */
    public static final int ZONE_DMA = 0;
    public static final int ZONE_NORMAL = 1;
    static final String[] ZONE_NAMES = {"DMA", "Normal"};

    private final String name;
    final int index;
    final long startPfn;
    final long spannedPages;
    final long presentPages;
    /** {@code free_pages}: frames in the buddy (not those on per-CPU lists). */
    long freePages;
    long pagesMin;
    long pagesLow;
    long pagesHigh;
    /** {@code lowmem_reserve[classzone]}: frames kept back from allocations that could use a higher zone. */
    final long[] lowmemReserve = new long[ZONE_NAMES.length];
    private final WaitTable waitTable;
    /** {@code pageset[cpu].pcp[cold]}. */
    final PerCpuPages[][] pageset;

    /** Aged order: offsets (pfn - startPfn) of the free frames, in no order. */
    private final int[] freeFrames;
    /** Fresh order: the free frames' offsets. */
    private final BitSet freeBits;
    private final RandomStream random;

    Zone(int index, long startPfn, long pages, WaitTable waitTable, int cpus, RandomStream random) {
        this.name = ZONE_NAMES[index];
        this.index = index;
        this.startPfn = startPfn;
        this.spannedPages = pages;
        this.presentPages = pages;
        this.waitTable = waitTable;
        this.random = random;
        if (random != null) {
            freeFrames = new int[Math.toIntExact(pages)];
            for (int i = 0; i < pages; i++) {
                freeFrames[i] = i;
            }
            freeBits = null;
        } else {
            freeFrames = null;
            freeBits = new BitSet(Math.toIntExact(pages));
            freeBits.set(0, Math.toIntExact(pages));
        }
        freePages = pages;
        int batch = zoneBatchsize(presentPages);
        pageset = new PerCpuPages[cpus][2];
        for (int cpu = 0; cpu < cpus; cpu++) {
            pageset[cpu][0] = new PerCpuPages(2 * batch, 6 * batch, batch);
            pageset[cpu][1] = new PerCpuPages(0, 2 * batch, batch);
        }
    }

    // models mm/page_alloc.c: free_area_init_core (the per-cpu-pages batch)
    /** About a thousandth of the zone, at most 256 KiB, divided by 4 and clamped to 2^n - 1. */
    static int zoneBatchsize(long presentPages) {
        long batch = presentPages / 1024;
        if (batch * Page.PAGE_SIZE > 256 * 1024) {
            batch = (256 * 1024) / Page.PAGE_SIZE;
        }
        batch /= 4;
        if (batch < 1) {
            batch = 1;
        }
        // fls(x): the 1-based index of the highest set bit
        int fls = 64 - Long.numberOfLeadingZeros(batch + batch / 2);
        return (1 << fls) - 1;
    }

    // models mm/page_alloc.c: zone_watermark_ok (order 0, no __GFP_HIGH)
    boolean watermarkOk(long mark, int classzoneIdx, boolean canTryHarder) {
        long min = mark;
        if (canTryHarder) {
            min -= min / 4;
        }
        return freePages > min + lowmemReserve[classzoneIdx];
    }

    /** Takes a free frame from the buddy ({@code __rmqueue}, order 0); -1 when there is none. */
    long rmqueue() {
        if (freePages == 0) {
            return -1;
        }
        int off;
        if (freeFrames != null) {
            int i = random.nextInt((int) freePages);
            off = freeFrames[i];
            freeFrames[i] = freeFrames[(int) freePages - 1];
        } else {
            off = freeBits.nextSetBit(0);
            freeBits.clear(off);
        }
        freePages--;
        return startPfn + off;
    }

    /** Gives a frame back to the buddy ({@code __free_pages_bulk}, order 0). */
    void freeToBuddy(long pfn) {
        int off = (int) (pfn - startPfn);
        if (freeFrames != null) {
            freeFrames[(int) freePages] = off;
        } else {
            freeBits.set(off);
        }
        freePages++;
    }

    boolean contains(long pfn) {
        return pfn >= startPfn && pfn < startPfn + spannedPages;
    }

    /** {@code zone->name}: "DMA" or "Normal". */
    public String name() {
        return name;
    }

    /** {@code zone->wait_table}. */
    public WaitTable waitTable() {
        return waitTable;
    }

    public long startPfn() {
        return startPfn;
    }

    public long spannedPages() {
        return spannedPages;
    }

    public long presentPages() {
        return presentPages;
    }

    /** {@code free_pages}: frames in the buddy. */
    public long freePages() {
        return freePages;
    }

    public long pagesMin() {
        return pagesMin;
    }

    public long pagesLow() {
        return pagesLow;
    }

    public long pagesHigh() {
        return pagesHigh;
    }

    /** {@code lowmem_reserve[classzone]}. */
    public long lowmemReserve(int classzone) {
        return lowmemReserve[classzone];
    }

    /** The per-CPU list of {@code cpu}, hot or cold. */
    public PerCpuPages pcp(int cpu, boolean cold) {
        return pageset[cpu][cold ? 1 : 0];
    }

    @Override
    public String toString() {
        return name + " pfn " + startPfn + "-" + (startPfn + spannedPages - 1) + " (" + presentPages + " pages, min "
                + pagesMin + " low " + pagesLow + " high " + pagesHigh + ", " + waitTable.size() + " wait buckets)";
    }

    /**
     * {@code struct per_cpu_pages}: frames taken from and given back to the buddy {@code batch} at a
     * time, handed out last freed first ({@code list_add} at the head, taken from the head; a bulk
     * refill goes to the tail, a bulk free leaves from the tail).
     */
    public static final class PerCpuPages {
        final int low;
        final int high;
        final int batch;
        int count;
        /** Sentinel of the list, linked through {@code lru}. */
        final Page list = new Page(-1);

        PerCpuPages(int low, int high, int batch) {
            this.low = low;
            this.high = high;
            this.batch = batch;
            list.lruNext = list;
            list.lruPrev = list;
        }

        void addHead(Page p) {
            p.lruNext = list.lruNext;
            p.lruPrev = list;
            list.lruNext.lruPrev = p;
            list.lruNext = p;
            count++;
        }

        void addTail(Page p) {
            p.lruPrev = list.lruPrev;
            p.lruNext = list;
            list.lruPrev.lruNext = p;
            list.lruPrev = p;
            count++;
        }

        Page removeHead() {
            return unlink(list.lruNext);
        }

        Page removeTail() {
            return unlink(list.lruPrev);
        }

        private Page unlink(Page p) {
            p.lruPrev.lruNext = p.lruNext;
            p.lruNext.lruPrev = p.lruPrev;
            p.lruNext = null;
            p.lruPrev = null;
            count--;
            return p;
        }

        public int count() {
            return count;
        }

        public int low() {
            return low;
        }

        public int high() {
            return high;
        }

        public int batch() {
            return batch;
        }

        /** The pfn of the frame the next allocation from this list takes, or -1 when it is empty. */
        public long headPfn() {
            return count == 0 ? -1 : list.lruNext.pfn();
        }
    }
}
