package dev.aiolab.kernel.mm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.sim.Simulation;
import org.junit.jupiter.api.Test;

class PageCacheTest {
    @Test
    void evictionNeverDropsADirtyLockedReferencedOrWritebackPage() {
        Sched sched = new Sched(new Simulation(1), 1, KernelConfig.aioWaitBit(), Probe.NONE);
        PageCache cache = new PageCache(sched, KernelConfig.aioWaitBit(), 5, 100);
        AddressSpace m = new AddressSpace("f", null, 1 << 20);
        Page dirty = cache.addNewPage(m, 0);
        Page locked = cache.addNewPage(m, 1);
        Page writeback = cache.addNewPage(m, 2);
        Page referenced = cache.addNewPage(m, 3);
        Page clean = cache.addNewPage(m, 4);
        for (Page p : new Page[] {dirty, writeback, referenced, clean}) {
            p.clearBit(Page.PG_locked);
            p.setBit(Page.PG_uptodate);
        }
        cache.setPageDirty(dirty);
        cache.testSetPageWriteback(writeback);
        dirty.release();
        locked.release();
        writeback.release();
        clean.release();
        // 'referenced' keeps its reference

        Page n1 = cache.addNewPage(m, 10);
        assertThat(cache.evictions()).isEqualTo(1);
        assertThat(m.lookup(4)).as("the clean unreferenced page went").isNull();
        assertThat(n1).as("the frame freed last is the one handed out, as from the per-CPU page list")
                .isSameAs(clean);
        assertThat(n1.index()).isEqualTo(10);
        n1.release();
        n1.clearBit(Page.PG_locked);
        n1.setBit(Page.PG_uptodate);

        Page n2 = cache.addNewPage(m, 11);
        assertThat(m.lookup(10)).as("then the next evictable one").isNull();
        Page n3 = cache.addNewPage(m, 12);
        assertThat(cache.overcommits()).as("nothing evictable left").isEqualTo(1);
        assertThat(m.lookup(0)).isSameAs(dirty);
        assertThat(m.lookup(1)).isSameAs(locked);
        assertThat(m.lookup(2)).isSameAs(writeback);
        assertThat(m.lookup(3)).isSameAs(referenced);
        assertThat(n2.locked() && n3.locked()).isTrue();
        assertThat(cache.nrDirty()).isEqualTo(1);
    }

    @Test
    void pagevecLookupTagReturnsTaggedPagesOfTheRangeInIndexOrder() {
        Sched sched = new Sched(new Simulation(1), 1, KernelConfig.aioWaitBit(), Probe.NONE);
        PageCache cache = new PageCache(sched, KernelConfig.aioWaitBit(), 100, 0);
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
    void freshFramesComeInPfnOrderAcrossMemMapChunksAndAFreedFrameComesFirst() {
        Sched sched = new Sched(new Simulation(1), 1, KernelConfig.aioWaitBit(), Probe.NONE);
        int pages = 2_500;
        PageCache cache = new PageCache(sched, KernelConfig.aioWaitBit(), pages, 100);
        AddressSpace m = new AddressSpace("f", null, 1L << 30);
        for (int i = 0; i < pages; i++) {
            Page p = cache.addNewPage(m, i);
            assertThat(p.pfn()).as("frame of page %d", i).isEqualTo(100L + i);
            p.clearBit(Page.PG_locked);
            p.setBit(Page.PG_uptodate);
            p.release();
        }
        Page reused = cache.addNewPage(m, pages);
        assertThat(cache.evictions()).isEqualTo(1);
        assertThat(reused.pfn()).as("the evicted page's frame, freed last").isEqualTo(100L);
    }
}
