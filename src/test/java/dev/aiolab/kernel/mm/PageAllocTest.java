package dev.aiolab.kernel.mm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.sched.FlagsWord;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.sched.WaitQueueHead;
import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.sim.Simulation;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageAllocTest {
    private static final long MIB_64 = (64L << 20) / Page.PAGE_SIZE;

    private static PageAlloc alloc(KernelConfig config, long pages, int cpus) {
        return new PageAlloc(new Sched(new Simulation(1), cpus, config, Probe.NONE), config, 0, pages, cpus);
    }

    @Test
    void a64MiBMachineHasA16MiBDmaZoneAndANormalZoneEachWithItsWaitTableWatermarksAndPerCpuBatch() {
        PageAlloc a = alloc(KernelConfig.linux2612(), MIB_64, 2);
        assertThat(a.zones()).extracting(Zone::name).containsExactly("DMA", "Normal");
        Zone dma = a.zones().get(0);
        Zone normal = a.zones().get(1);
        assertThat(dma.startPfn()).isZero();
        assertThat(dma.presentPages()).isEqualTo(4096);
        assertThat(normal.startPfn()).isEqualTo(4096);
        assertThat(normal.presentPages()).isEqualTo(12288);
        // wait_table_size: next power of two of pages / 256
        assertThat(dma.waitTable().size()).isEqualTo(16);
        assertThat(normal.waitTable().size()).isEqualTo(64);
        assertThat(dma.waitTable()).isNotSameAs(normal.waitTable());
        // min_free_kbytes = sqrt(65536 * 16) = 1024: 256 pages shared in proportion to present pages
        assertThat(a.minFreeKbytes()).isEqualTo(1024);
        assertThat(new long[] {dma.pagesMin(), dma.pagesLow(), dma.pagesHigh()}).containsExactly(64, 80, 96);
        assertThat(new long[] {normal.pagesMin(), normal.pagesLow(), normal.pagesHigh()}).containsExactly(192, 240,
                288);
        assertThat(dma.lowmemReserve(Zone.ZONE_NORMAL)).isEqualTo(12288 / 256);
        // batch: 12288 / 1024 / 4 = 3, clamped to 2^fls(3 + 1) - 1 = 7; DMA: 4 / 4 = 1
        assertThat(normal.pcp(1, false)).extracting(Zone.PerCpuPages::low, Zone.PerCpuPages::high,
                Zone.PerCpuPages::batch).containsExactly(14, 42, 7);
        assertThat(normal.pcp(1, true)).extracting(Zone.PerCpuPages::low, Zone.PerCpuPages::high,
                Zone.PerCpuPages::batch).containsExactly(0, 14, 7);
        assertThat(dma.pcp(0, false).batch()).isEqualTo(1);
    }

    @Test
    void allocationsFallBackFromNormalToDmaAtTheLowWatermarkAndReserveThenToTheMinWatermarks() {
        PageAlloc a = alloc(KernelConfig.linux2612(), MIB_64, 1);
        Zone dma = a.zones().get(0);
        Zone normal = a.zones().get(1);
        Page p;
        long fromNormal = 0;
        while (normal.contains((p = a.allocPage(true)).pfn())) {
            fromNormal++;
        }
        // the first pass takes from Normal while its buddy holds more than pages_low; a cold-list
        // refill takes a batch of 7 at once
        assertThat(normal.freePages()).isBetween(normal.pagesLow() - 6, normal.pagesLow());
        assertThat(dma.contains(p.pfn())).isTrue();
        // DMA serves the Normal classzone only above pages_low + lowmem_reserve[Normal] = 80 + 48
        long fromDma = 1;
        while (dma.contains((p = a.allocPage(true)).pfn())) {
            fromDma++;
        }
        assertThat(dma.freePages()).isEqualTo(128);
        // then the second pass: Normal down to pages_min, and DMA down to 64 + 48
        while ((p = a.allocPage(true)) != null) {
            assertThat(p).isNotNull();
        }
        assertThat(normal.freePages()).isBetween(normal.pagesMin() - 6, normal.pagesMin());
        assertThat(dma.freePages()).isEqualTo(64 + 48);
        assertThat(fromNormal).isGreaterThan(12000);
        assertThat(fromDma).isEqualTo(4096 - 128);
    }

    @Test
    void pageAndBitWaitqueuesAreThoseOfTheZoneTheFrameOrWordIsIn() {
        PageAlloc a = alloc(KernelConfig.linux2612().with(KernelConfig.FRAME_ORDER, KernelConfig.FrameOrder.PFN),
                MIB_64, 1);
        Zone dma = a.zones().get(0);
        Zone normal = a.zones().get(1);
        Page inNormal = a.allocPage(true);
        assertThat(inNormal.pfn()).isEqualTo(4096);
        assertThat(normal.waitTable().indexOf(a.pageWaitqueue(inNormal))).isNotNegative();
        Page inDma = a.page(10);
        assertThat(dma.waitTable().indexOf(a.pageWaitqueue(inDma))).isNotNegative();
        // a word in kernel memory: the zone of the frame that holds it
        FlagsWord lowWord = new FlagsWord(PageAlloc.directMapAddress(inDma, 64)) { };
        FlagsWord highWord = new FlagsWord(PageAlloc.directMapAddress(inNormal, 64)) { };
        assertThat(dma.waitTable().indexOf(a.bitWaitqueue(lowWord, 0))).isNotNegative();
        assertThat(normal.waitTable().indexOf(a.bitWaitqueue(highWord, 0))).isNotNegative();
    }

    /**
     * For each of {@code n} page-cache frames allocated in a row, how many of the {@code n} share its
     * bucket of the zone's wait table, averaged: what a waiter on one of them sees at a wakeup.
     */
    private static double meanBucketLoad(KernelConfig config, int n) {
        PageAlloc a = alloc(config, (256L << 20) / Page.PAGE_SIZE, 1);
        Map<WaitQueueHead, Integer> load = new HashMap<>();
        Page[] pages = new Page[n];
        for (int i = 0; i < n; i++) {
            pages[i] = a.allocPage(true);
            load.merge(a.pageWaitqueue(pages[i]), 1, Integer::sum);
        }
        double sum = 0;
        for (Page p : pages) {
            sum += load.get(a.pageWaitqueue(p));
        }
        return sum / n;
    }

    @Test
    void agedFramesShareBucketsAsBallsInBinsAndFreshOnesAlmostEvenly() {
        // 256 MiB: Normal has 61,440 frames and 256 buckets. n random balls in B bins: a ball's bin
        // holds 1 + (n - 1) / B on average. The mean over the n balls is 1 + 2P/n for P colliding
        // pairs, about Poisson with mean n(n - 1)/2B, so its sd is 2 sqrt(n(n - 1)/2B)/n (0.09 here,
        // 3-6 %); the test allows 3 sd. Fresh frames sit a whole waiter per bucket lower.
        int b = 256;
        for (int n : new int[] {128, 256, 512}) {
            double aged = meanBucketLoad(KernelConfig.linux2612(), n);
            double expected = 1 + (n - 1) / (double) b;
            double sd = 2 * Math.sqrt(n * (n - 1) / 2.0 / b) / n;
            assertThat(aged).as("aged, %d frames", n).isBetween(expected - 3 * sd, expected + 3 * sd);
            // consecutive frames: the golden-ratio hash spreads them almost one per bucket
            double fresh = meanBucketLoad(
                    KernelConfig.linux2612().with(KernelConfig.FRAME_ORDER, KernelConfig.FrameOrder.PFN), n);
            System.out.printf("%d frames, %d buckets: aged %.3f (balls in bins %.3f), fresh %.3f%n", n, b, aged,
                    expected, fresh);
            assertThat(fresh).as("fresh, %d frames", n).isLessThan(expected - 3 * sd);
        }
    }
}
