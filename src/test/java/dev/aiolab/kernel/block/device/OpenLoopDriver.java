package dev.aiolab.kernel.block.device;

import dev.aiolab.sim.Event;
import dev.aiolab.sim.RandomStream;
import dev.aiolab.sim.Simulation;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Test driver: Poisson arrivals of one-sector commands into a FIFO queue in front of a device,
 * dispatching whenever the device has a free slot (the block layer in miniature). Records the
 * sojourn (arrival to completion) and waiting (arrival to service start) time of every customer
 * after the warm-up.
 */
final class OpenLoopDriver {
    private final Simulation sim;
    private final Device device;
    private final RandomStream arrivals;
    private final double meanInterarrivalNs;
    private final int warmup;
    private final int measured;
    private final ArrayDeque<DiskCommand> waiting = new ArrayDeque<>();
    private final long[] sojournNs;
    private final long[] waitNs;
    private int outstanding;
    private int arrived;
    private int recorded;
    private final Event arrival = new Event() {
        @Override
        public void fire() {
            arrive();
        }
    };

    OpenLoopDriver(long seed, Device device, double meanInterarrivalNs, int warmup, int measured) {
        this.sim = new Simulation(seed);
        this.device = device;
        this.arrivals = sim.random().stream("arrivals");
        this.meanInterarrivalNs = meanInterarrivalNs;
        this.warmup = warmup;
        this.measured = measured;
        this.sojournNs = new long[measured];
        this.waitNs = new long[measured];
        device.attach(sim, sim.random().stream("device"), this::completed);
    }

    OpenLoopDriver run() {
        sim.schedule(arrival, arrivals.exponential(meanInterarrivalNs));
        sim.runUntil(() -> recorded == measured);
        return this;
    }

    private void arrive() {
        // The tag carries the customer's number; issueNs is overwritten by the device at dispatch.
        DiskCommand cmd = new DiskCommand(false, 0, 1, new long[] {arrived++, sim.now()});
        waiting.add(cmd);
        dispatch();
        sim.schedule(arrival, arrivals.exponential(meanInterarrivalNs));
    }

    private void dispatch() {
        while (outstanding < device.queueDepth() && !waiting.isEmpty()) {
            outstanding++;
            device.submit(waiting.poll(), sim.now());
        }
    }

    private void completed(DiskCommand cmd) {
        outstanding--;
        long[] tag = (long[]) cmd.tag;
        long n = tag[0];
        long arrivedAt = tag[1];
        if (n >= warmup && n < warmup + measured) {
            int i = (int) (n - warmup);
            sojournNs[i] = cmd.completeNs - arrivedAt;
            waitNs[i] = cmd.startNs - arrivedAt;
            recorded++;
        }
        dispatch();
    }

    double meanSojournNs() {
        return mean(sojournNs);
    }

    double meanWaitNs() {
        return mean(waitNs);
    }

    double sojournPercentileNs(double p) {
        long[] s = sojournNs.clone();
        Arrays.sort(s);
        return s[(int) Math.ceil(p / 100.0 * s.length) - 1];
    }

    double utilisation() {
        return (double) device.busyNs() / sim.now();
    }

    private static double mean(long[] a) {
        double sum = 0;
        for (long v : a) {
            sum += v;
        }
        return sum / a.length;
    }
}
