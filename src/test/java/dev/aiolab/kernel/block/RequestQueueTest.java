package dev.aiolab.kernel.block;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiolab.kernel.FixedLatencyDevice;
import dev.aiolab.kernel.KernelConfig;
import dev.aiolab.kernel.block.device.DiskCommand;
import dev.aiolab.kernel.sched.Sched;
import dev.aiolab.kernel.trace.Probe;
import dev.aiolab.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestQueueTest {
    private final Simulation sim = new Simulation(1);
    private final KernelConfig config = KernelConfig.aioWaitBit();
    private final Sched sched = new Sched(sim, 1, config, Probe.NONE);
    private final FixedLatencyDevice dev = new FixedLatencyDevice(1_000_000, 32);
    private final List<Bio> done = new ArrayList<>();

    private Bio bio(boolean write, long sector, int pages) {
        return new Bio(write, sector, pages * 4096, new Object[0], (b, err) -> done.add(b));
    }

    @Test
    void pluggingBatchesAdjacentBiosIntoOneRequestAndSyncPageUnplugs() {
        RequestQueue q = new RequestQueue(sched, dev, config);
        q.genericMakeRequest(bio(false, 800, 1));
        q.genericMakeRequest(bio(false, 808, 1));  // back merge
        q.genericMakeRequest(bio(false, 792, 1));  // front merge
        assertThat(q.isPlugged()).isTrue();
        assertThat(dev.commands).isEmpty();
        assertThat(q.backMerges()).isEqualTo(1);
        assertThat(q.frontMerges()).isEqualTo(1);

        q.unplugSync();
        assertThat(dev.commands).hasSize(1);
        assertThat(dev.commands.get(0).sector).isEqualTo(792);
        assertThat(dev.commands.get(0).nrSectors).isEqualTo(24);
        assertThat(q.unplugs(RequestQueue.Unplug.SYNC)).isEqualTo(1);
        sim.run();
        assertThat(done).hasSize(3);
        assertThat(q.allocated(false)).isZero();
    }

    @Test
    void completedRequestsAreReusedWithTheirCommandsAndTwoInFlightNeverShareOne() {
        RequestQueue q = new RequestQueue(sched, dev, config);
        q.genericMakeRequest(bio(false, 0, 1));
        q.genericMakeRequest(bio(false, 5000, 1));
        q.unplugSync();
        sim.run();
        Request a = (Request) dev.commands.get(0).tag;
        Request b = (Request) dev.commands.get(1).tag;
        DiskCommand aCommand = a.command;
        DiskCommand bCommand = b.command;
        assertThat(a).isNotSameAs(b);

        q.genericMakeRequest(bio(true, 9000, 2));
        q.genericMakeRequest(bio(false, 20000, 1));
        q.unplugSync();
        assertThat(dev.commands).hasSize(4);
        // the write at 9000 asked first and got the request freed last; deadline dispatches the read first
        Request c = (Request) dev.commands.get(3).tag;
        Request d = (Request) dev.commands.get(2).tag;
        assertThat(c).as("the request freed last comes back first").isSameAs(b);
        assertThat(d).isSameAs(a);
        assertThat(c.command).isSameAs(bCommand);
        assertThat(d.command).isSameAs(aCommand);
        assertThat(c.command.write).isTrue();
        assertThat(c.command.sector).isEqualTo(9000);
        assertThat(c.command.nrSectors).isEqualTo(16);
        assertThat(c.command.issueNs).as("issued again, after the first round completed")
                .isGreaterThanOrEqualTo(dev.commands.get(1).completeNs);
        assertThat(c.nrBios()).isEqualTo(1);
        sim.run();
        assertThat(done).hasSize(4);
        assertThat(q.allocated(false)).isZero();
        assertThat(q.allocated(true)).isZero();
    }

    @Test
    void queueUnplugsAtUnplugThreshRequests() {
        RequestQueue q = new RequestQueue(sched, dev, config);
        for (int i = 0; i < 3; i++) {
            q.genericMakeRequest(bio(false, i * 1000L, 1));
        }
        assertThat(dev.commands).isEmpty();
        q.genericMakeRequest(bio(false, 5000, 1));
        assertThat(dev.commands).hasSize(4);
        assertThat(q.unplugs(RequestQueue.Unplug.THRESHOLD)).isEqualTo(1);
    }

    @Test
    void pluggedQueueIsUnpluggedByTheTimerAfterUnplugDelay() {
        RequestQueue q = new RequestQueue(sched, dev, config);
        q.genericMakeRequest(bio(true, 0, 1));
        sim.run();
        assertThat(dev.commands).hasSize(1);
        assertThat(dev.commands.get(0).issueNs).isEqualTo(3_000_000);
        assertThat(q.unplugs(RequestQueue.Unplug.TIMER)).isEqualTo(1);
    }

    @Test
    void submitterBeyondNrRequestsFindsNoFreeRequestAndQueueTurnsCongested() {
        RequestQueue q = new RequestQueue(sched, new FixedLatencyDevice(1_000_000, 1),
                config.with(KernelConfig.NR_REQUESTS, 8));
        for (int i = 0; i < 8; i++) {
            assertThat(q.mayQueue(true)).isTrue();
            q.genericMakeRequest(bio(true, i * 1000L, 1));
        }
        // congestion on at nr_requests - nr_requests/8 + 1 = 8 allocated
        assertThat(q.congested(true)).isTrue();
        assertThat(q.mayQueue(true)).isFalse();
        q.genericMakeRequest(bio(true, 100_000, 1));
        assertThat(q.backlogged()).isEqualTo(1);
        sim.run();
        assertThat(done).hasSize(9);
        assertThat(q.congested(true)).isFalse();
    }

    @Test
    void deadlineServesAnExpiredReadFirst() {
        DeadlineElevator dl = new DeadlineElevator(500_000_000L, 5_000_000_000L, 2, 16);
        Request old = new Request(0, bio(false, 50_000, 1), 0);
        dl.add(old, 0);
        Request low1 = new Request(1, bio(false, 100, 1), 600_000_000L);
        Request low2 = new Request(2, bio(false, 200, 1), 600_000_000L);
        dl.add(low1, 600_000_000L);
        dl.add(low2, 600_000_000L);
        // at 600 ms the read queued at 0 has passed its 500 ms expiry: served before the lower sectors
        assertThat(dl.dispatch(600_000_000L)).isSameAs(old);
        // then the batch goes on in sector order from the lowest (one-way elevator)
        assertThat(dl.dispatch(600_000_000L)).isSameAs(low1);
        assertThat(dl.dispatch(600_000_000L)).isSameAs(low2);
    }

    @Test
    void deadlineServesReadsInSectorOrderBeforeExpiry() {
        DeadlineElevator dl = new DeadlineElevator(500_000_000L, 5_000_000_000L, 2, 16);
        Request high = new Request(0, bio(false, 50_000, 1), 0);
        Request low = new Request(1, bio(false, 100, 1), 0);
        dl.add(high, 0);
        dl.add(low, 0);
        assertThat(dl.dispatch(100_000_000L)).isSameAs(low);
        assertThat(dl.dispatch(100_000_000L)).isSameAs(high);
    }

    @Test
    void deadlineLetsWritesGoAfterWritesStarvedReadBatches() {
        DeadlineElevator dl = new DeadlineElevator(500_000_000L, 5_000_000_000L, 2, 1);
        Request w = new Request(0, bio(true, 10, 1), 0);
        dl.add(w, 0);
        List<Request> reads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Request r = new Request(1 + i, bio(false, 100_000L * (i + 1), 1), 0);
            reads.add(r);
            dl.add(r, 0);
        }
        // fifo_batch 1: each dispatch is a new batch; reads win twice (writes_starved = 2), then the write
        assertThat(dl.dispatch(1)).isSameAs(reads.get(0));
        assertThat(dl.dispatch(1)).isSameAs(reads.get(1));
        assertThat(dl.dispatch(1)).isSameAs(w);
        assertThat(dl.dispatch(1)).isSameAs(reads.get(2));
    }
}
