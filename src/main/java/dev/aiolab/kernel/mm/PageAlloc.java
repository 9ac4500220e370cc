package dev.aiolab.kernel.mm;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.sched.FlagsWord;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.WaitQueueHead;
import dev.aiolab.kernel.sched.WaitTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The zoned page allocator of a flat x86_64 machine (2.6.12 mm/page_alloc.c), for order-0 frames:
 * ZONE_DMA below 16 MiB and ZONE_NORMAL above, each with its own wait table, watermarks and per-CPU
 * lists; an allocation walks the zonelist Normal then DMA, first above {@code pages_low}, then above
 * {@code pages_min}. Frames are made lazily, {@code mem_map} a chunk at a time.
 *
 * <p>Not modelled: kswapd (reclaim is direct, by the allocating task), holes and the kernel's own
 * reserved frames (every frame of the machine is present), and orders above 0.
 */
public final class PageAlloc {
    /** include/asm-x86_64/dma.h MAX_DMA_ADDRESS (16 MiB), in frames: where ZONE_NORMAL starts. */
    public static final long MAX_DMA_PFN = (16L << 20) >> Page.PAGE_SHIFT;
    /** include/linux/swap.h SWAP_CLUSTER_MAX: pages a direct reclaim frees at least. */
    public static final int SWAP_CLUSTER_MAX = 32;
    /** mm/page_alloc.c sysctl_lowmem_reserve_ratio. */
    static final int[] LOWMEM_RESERVE_RATIO = {256, 32};
    /** include/asm-x86_64/page.h __PAGE_OFFSET: the direct map of physical memory. */
    public static final long PAGE_OFFSET = 0xffff810000000000L;
    /** Frames of {@code mem_map} made at a time. */
    private static final int MEM_MAP_CHUNK = 1024;

    private final Sched sched;
    private final Zone[] zones;
    /** {@code zonelist} of GFP_HIGHUSER and GFP_KERNEL (no highmem on x86_64): highest zone first. */
    private final Zone[] zonelist;
    private final long firstPfn;
    private final long endPfn;
    private Page[] memMap;
    private long extraFrames;
    private final WaitTable bitWaitTable;
    private long minFreeKbytes;

    /** The frames [firstPfn, firstPfn + pages) of a machine with {@code cpus} CPUs. */
    public PageAlloc(Sched sched, KernelConfig config, long firstPfn, long pages, int cpus) {
        if (pages < 1) {
            throw new IllegalArgumentException("memory must be >= 1 page, got " + pages);
        }
        this.sched = sched;
        this.firstPfn = firstPfn;
        this.endPfn = firstPfn + pages;
        this.memMap = new Page[Math.toIntExact(pages)];
        KernelConfig.WaitTable flavour = config.get(KernelConfig.WAIT_TABLE);
        boolean aged = config.get(KernelConfig.FRAME_ORDER) == KernelConfig.FrameOrder.AGED;
        // modern kernels: one page wait table and one bit wait table for the whole machine
        WaitTable global = flavour == KernelConfig.WaitTable.GLOBAL_256 ? new WaitTable(sched, flavour, pages) : null;
        this.bitWaitTable = global == null ? null : new WaitTable(sched, flavour, pages, "bit_wait_table[");
        List<Zone> zs = new ArrayList<>();
        long dmaEnd = Math.min(endPfn, MAX_DMA_PFN);
        if (firstPfn < dmaEnd) {
            zs.add(zone(Zone.ZONE_DMA, firstPfn, dmaEnd - firstPfn, global, flavour, cpus, aged));
        }
        long normalStart = Math.max(firstPfn, MAX_DMA_PFN);
        if (normalStart < endPfn) {
            zs.add(zone(Zone.ZONE_NORMAL, normalStart, endPfn - normalStart, global, flavour, cpus, aged));
        }
        this.zones = zs.toArray(new Zone[0]);
        this.zonelist = new Zone[zones.length];
        for (int i = 0; i < zones.length; i++) {
            zonelist[i] = zones[zones.length - 1 - i];
        }
        initPerZonePagesMin();
        setupPerZoneLowmemReserve();
    }

    private Zone zone(int index, long start, long pages, WaitTable global, KernelConfig.WaitTable flavour, int cpus,
            boolean aged) {
        WaitTable table = global != null ? global : new WaitTable(sched, flavour, pages);
        return new Zone(index, start, pages, table, cpus,
                aged ? sched.sim().random().stream("mm.buddy." + Zone.ZONE_NAMES[index]) : null);
    }

    // models mm/page_alloc.c: init_per_zone_pages_min + setup_per_zone_pages_min
    private void initPerZonePagesMin() {
        long lowmemPages = 0;
        for (Zone z : zones) {
            lowmemPages += z.presentPages;
        }
        long lowmemKbytes = lowmemPages * (Page.PAGE_SIZE >> 10);
        minFreeKbytes = Math.max(128, Math.min(65536, (long) Math.sqrt((double) (lowmemKbytes * 16))));
        long pagesMin = minFreeKbytes >> (Page.PAGE_SHIFT - 10);
        for (Zone z : zones) {
            z.pagesMin = pagesMin * z.presentPages / lowmemPages;
            z.pagesLow = z.pagesMin * 5 / 4;
            z.pagesHigh = z.pagesMin * 6 / 4;
        }
    }

    // models mm/page_alloc.c: setup_per_zone_lowmem_reserve
    private void setupPerZoneLowmemReserve() {
        for (int j = 0; j < zones.length; j++) {
            long present = zones[j].presentPages;
            for (int idx = j - 1; idx >= 0; idx--) {
                Zone lower = zones[idx];
                lower.lowmemReserve[zones[j].index] = present / LOWMEM_RESERVE_RATIO[lower.index];
                present += lower.presentPages;
            }
        }
    }

    // models mm/page_alloc.c: __alloc_pages, its two passes before reclaim (order 0)
    /**
     * A frame from the first zone of the zonelist above its low watermark, else above its min
     * watermark; null when every zone is at its min, which is when the caller reclaims.
     */
    public Page allocPage(boolean cold) {
        int classzone = zonelist[0].index;
        for (Zone z : zonelist) {
            if (z.watermarkOk(z.pagesLow, classzone, false)) {
                Page p = bufferedRmqueue(z, cold);
                if (p != null) {
                    return p;
                }
            }
        }
        for (Zone z : zonelist) {
            if (z.watermarkOk(z.pagesMin, classzone, false)) {
                Page p = bufferedRmqueue(z, cold);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * A frame below the watermarks, for an allocation whose reclaim found nothing to free (where the
     * kernel would wait for writeback or kill a task); a frame beyond the machine's memory when no
     * zone has one left. Never null.
     */
    public Page allocPageIgnoringWatermarks(boolean cold) {
        for (Zone z : zonelist) {
            Page p = bufferedRmqueue(z, cold);
            if (p != null) {
                return p;
            }
        }
        extraFrames++;
        long pfn = endPfn + extraFrames - 1;
        return new Page(pfn);
    }

    // models mm/page_alloc.c: buffered_rmqueue (order 0)
    private Page bufferedRmqueue(Zone z, boolean cold) {
        Zone.PerCpuPages pcp = z.pageset[cpu()][cold ? 1 : 0];
        if (pcp.count <= pcp.low) {
            rmqueueBulk(z, pcp);
        }
        if (pcp.count > 0) {
            return pcp.removeHead();
        }
        long pfn = z.rmqueue();
        return pfn < 0 ? null : page(pfn);
    }

    // models mm/page_alloc.c: rmqueue_bulk (order 0)
    private void rmqueueBulk(Zone z, Zone.PerCpuPages pcp) {
        for (int i = 0; i < pcp.batch; i++) {
            long pfn = z.rmqueue();
            if (pfn < 0) {
                return;
            }
            pcp.addTail(page(pfn));
        }
    }

    // models mm/page_alloc.c: free_hot_cold_page
    public void freeHotColdPage(Page p, boolean cold) {
        Zone z = pageZone(p);
        if (z == null) {
            // a frame made beyond memory goes away with its page
            return;
        }
        Zone.PerCpuPages pcp = z.pageset[cpu()][cold ? 1 : 0];
        if (pcp.count >= pcp.high) {
            freePagesBulk(z, pcp);
        }
        pcp.addHead(p);
    }

    // models mm/page_alloc.c: free_pages_bulk (order 0, from the list's tail)
    private static void freePagesBulk(Zone z, Zone.PerCpuPages pcp) {
        for (int i = 0; i < pcp.batch && pcp.count > 0; i++) {
            z.freeToBuddy(pcp.removeTail().pfn());
        }
    }

    private int cpu() {
        return sched.currentCpu() != null ? sched.currentCpu().id() : 0;
    }

    /** The {@code struct page} of a frame of this machine, making its chunk of mem_map on first use. */
    Page page(long pfn) {
        int i = (int) (pfn - firstPfn);
        Page p = memMap[i];
        if (p == null) {
            int from = i - i % MEM_MAP_CHUNK;
            int to = Math.min(memMap.length, from + MEM_MAP_CHUNK);
            for (int j = from; j < to; j++) {
                memMap[j] = new Page(firstPfn + j);
            }
            p = memMap[i];
        }
        return p;
    }

    // models include/linux/mm.h: page_zone
    /** The zone of a frame, or null for a frame made beyond memory. */
    public Zone pageZone(Page p) {
        return zoneOfPfn(p.pfn());
    }

    private Zone zoneOfPfn(long pfn) {
        for (Zone z : zones) {
            if (z.contains(pfn)) {
                return z;
            }
        }
        return null;
    }

    // models mm/filemap.c: page_waitqueue
    /** {@code page_zone(page)->wait_table[hash_ptr(page, wait_table_bits)]}. */
    public WaitQueueHead pageWaitqueue(Page page) {
        Zone z = pageZone(page);
        return (z != null ? z : zonelist[0]).waitTable().pageWaitqueue(page);
    }

    // models kernel/wait.c: bit_waitqueue
    /**
     * The bucket of a bit of a word in kernel memory: in 2.6.12 the wait table of the zone of the
     * frame holding the word ({@code page_zone(virt_to_page(word))}); in modern kernels the global
     * {@code bit_wait_table}.
     */
    public WaitQueueHead bitWaitqueue(FlagsWord word, int bit) {
        if (bitWaitTable != null) {
            return bitWaitTable.bitWaitqueue(word, bit);
        }
        Zone z = zoneOfPfn((word.address() - PAGE_OFFSET) >> Page.PAGE_SHIFT);
        return (z != null ? z : zonelist[0]).waitTable().bitWaitqueue(word, bit);
    }

    /** The kernel-memory address of byte {@code offset} of frame {@code page} (the direct map). */
    public static long directMapAddress(Page page, int offset) {
        return PAGE_OFFSET + (page.pfn() << Page.PAGE_SHIFT) + offset;
    }

    /** The zones, lowest first. */
    public List<Zone> zones() {
        return List.of(zones);
    }

    /** The zone page-cache allocations try first (the highest). */
    public Zone firstZone() {
        return zonelist[0];
    }

    /** Frames of the machine, all zones together. */
    public long presentPages() {
        return endPfn - firstPfn;
    }

    /** {@code min_free_kbytes}, from the machine's memory. */
    public long minFreeKbytes() {
        return minFreeKbytes;
    }

    /** Frames made beyond memory because no zone had one left. */
    public long extraFrames() {
        return extraFrames;
    }
}
