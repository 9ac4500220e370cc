package dev.aiolab.kernel.mm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.sim.Simulation;
import org.junit.jupiter.api.Test;

class PageCacheTest {
    private static final KernelConfig FRESH = KernelConfig.aioWaitBit().with(KernelConfig.FRAME_ORDER,
            KernelConfig.FrameOrder.PFN);

    private static PageCache cache(KernelConfig config, long firstPfn, long pages) {
        Sched sched = new Sched(new Simulation(1), 1, config, Probe.NONE);
        return new PageCache(sched, config, new PageAlloc(sched, config, firstPfn, pages, 1));
    }

    private static Page clean(PageCache cache, AddressSpace m, long index) {
        Page p = cache.addNewPage(m, index);
        p.clearBit(Page.PG_locked);
        p.setBit(Page.PG_uptodate);
        p.release();
        return p;
    }

    @Test
    void directReclaimFreesAClusterOfCleanPagesAndNeverADirtyLockedReferencedOrWritebackOne() {
        // 512 frames: min_free_kbytes = sqrt(2048 * 16) = 181, pages_min 45, pages_low 56
        PageCache cache = cache(FRESH, 0, 512);
        Zone dma = cache.alloc().firstZone();
        assertThat(dma.pagesMin()).isEqualTo(45);
        AddressSpace m = new AddressSpace("f", null, 1 << 30);
        Page dirty = cache.addNewPage(m, 0);
        Page locked = cache.addNewPage(m, 1);
        Page writeback = cache.addNewPage(m, 2);
        Page referenced = cache.addNewPage(m, 3);
        for (Page p : new Page[] {dirty, writeback, referenced}) {
            p.clearBit(Page.PG_locked);
            p.setBit(Page.PG_uptodate);
        }
        cache.setPageDirty(dirty);
        cache.testSetPageWriteback(writeback);
        dirty.release();
        locked.release();
        writeback.release();
        // 'referenced' keeps its reference
        long index = 4;
        while (cache.evictions() == 0) {
            clean(cache, m, index++);
        }
        // the allocation that reclaimed found every zone at its min watermark
        assertThat(cache.nrPages()).isEqualTo(512 - 45 - PageAlloc.SWAP_CLUSTER_MAX + 1);
        assertThat(cache.evictions()).isEqualTo(PageAlloc.SWAP_CLUSTER_MAX);
        for (long i = 4; i < 4 + PageAlloc.SWAP_CLUSTER_MAX; i++) {
            assertThat(m.lookup(i)).as("the oldest clean pages went: %d", i).isNull();
        }
        assertThat(m.lookup(4 + PageAlloc.SWAP_CLUSTER_MAX)).isNotNull();
        assertThat(m.lookup(0)).isSameAs(dirty);
        assertThat(m.lookup(1)).isSameAs(locked);
        assertThat(m.lookup(2)).isSameAs(writeback);
        assertThat(m.lookup(3)).isSameAs(referenced);
        assertThat(cache.overcommits()).isZero();
        assertThat(cache.nrDirty()).isEqualTo(1);
    }

    @Test
    void withNothingEvictableAnAllocationDipsBelowTheWatermarksAndIsCounted() {
        PageCache cache = cache(FRESH, 0, 512);
        AddressSpace m = new AddressSpace("f", null, 1 << 30);
        long index = 0;
        while (cache.overcommits() == 0) {
            cache.addNewPage(m, index++);   // each keeps its reference and its lock
        }
        assertThat(cache.evictions()).isZero();
        assertThat(index).isEqualTo(512 - 45 + 1);
        // that allocation took one of the 45 frames below pages_min; the other 44 go the same way
        for (int i = 0; i < 44; i++) {
            cache.addNewPage(m, index++);
        }
        assertThat(cache.alloc().firstZone().freePages()).isZero();
        Page past = cache.addNewPage(m, index);
        assertThat(past.pfn()).as("a frame made past memory").isEqualTo(512);
        assertThat(cache.alloc().extraFrames()).isEqualTo(1);
        assertThat(cache.overcommits()).isEqualTo(1 + 44 + 1);
    }

    @Test
    void pagevecLookupTagReturnsTaggedPagesOfTheRangeInIndexOrder() {
        PageCache cache = cache(KernelConfig.aioWaitBit(), 0, 100);
        AddressSpace m = new AddressSpace("f", null, 1 << 20);
        for (int i = 0; i < 20; i++) {
            Page p = cache.addNewPage(m, i);
            if (i % 3 == 0) {
                cache.setPageDirty(p);
            }
        }
        assertThat(m.pagevecLookupTag(4, 15, AddressSpace.Tag.DIRTY, 16)).extracting(Page::index)
                .containsExactly(6L, 9L, 12L, 15L);
        assertThat(m.pagevecLookupTag(0, 100, AddressSpace.Tag.DIRTY, 2)).extracting(Page::index)
                .containsExactly(0L, 3L);
        assertThat(m.pagevecLookupTag(0, 100, AddressSpace.Tag.WRITEBACK, 16)).isEmpty();
        assertThat(m.nrpages()).isEqualTo(20);
    }

    @Test
    void pageAddressIsMemMapPlusPfnTimesSizeofStructPage() {
        Page p = new Page(1000);
        assertThat(p.address()).isEqualTo(Page.MEM_MAP_BASE + 1000 * 56L);
    }

    @Test
    void freshFramesComeInPfnOrderAndTheFrameReclaimFreedLastComesFirst() {
        // 2,500 frames: pages_min = sqrt(10,000 * 16) / 4 = 100, a per-CPU batch of 1 (cold high 2)
        int pages = 2_500;
        PageCache cache = cache(FRESH, 100, pages);
        Zone z = cache.alloc().firstZone();
        assertThat(z.pcp(0, true).batch()).isEqualTo(1);
        AddressSpace m = new AddressSpace("f", null, 1L << 30);
        int i = 0;
        while (cache.evictions() == 0) {
            Page p = clean(cache, m, i);
            if (cache.evictions() == 0) {
                assertThat(p.pfn()).as("frame of page %d", i).isEqualTo(100L + i);
            } else {
                // reclaim freed the 32 oldest (pfns 100-131) to the cold list: it keeps the last
                // two, gives the others back to the buddy, and hands out the one freed last
                assertThat(p.pfn()).isEqualTo(100L + PageAlloc.SWAP_CLUSTER_MAX - 1);
                assertThat(z.pcp(0, true).headPfn()).isEqualTo(100L + PageAlloc.SWAP_CLUSTER_MAX - 2);
            }
            i++;
        }
        assertThat(i).isEqualTo(pages - z.pagesMin() + 1);
    }

    @Test
    void onAnAgedMachineTheBuddyHandsOutFramesFromAllOverTheZoneTheSameForTheSameSeed() {
        long[] first = new long[200];
        long[] again = new long[200];
        for (long[] out : new long[][] {first, again}) {
            PageCache cache = cache(KernelConfig.aioWaitBit(), 0, 4096);
            AddressSpace m = new AddressSpace("f", null, 1L << 30);
            for (int i = 0; i < out.length; i++) {
                out[i] = clean(cache, m, i).pfn();
            }
        }
        assertThat(again).containsExactly(first);
        long consecutive = 0;
        for (int i = 1; i < first.length; i++) {
            consecutive += first[i] == first[i - 1] + 1 ? 1 : 0;
        }
        // 200 draws from 4,096 frames: about 200/4,096 of neighbours are consecutive by chance
        assertThat(consecutive).isLessThan(5);
        assertThat(java.util.Arrays.stream(first).max().getAsLong() - java.util.Arrays.stream(first).min().getAsLong())
                .isGreaterThan(3 * 4096 / 4);
    }
}
