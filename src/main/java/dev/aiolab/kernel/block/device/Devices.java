package dev.aiolab.kernel.block.device;

import dev.aiolab.sim.Simulation;

/** Checks shared by the device models. */
final class Devices {
    private Devices() {
    }

    static void checkSubmit(String name, Simulation sim, DiskCommand cmd, long nowNs, int outstanding,
            int queueDepth, long capacitySectors) {
        if (sim == null) {
            throw new IllegalStateException(name + ": submit before attach");
        }
        if (nowNs < sim.now()) {
            throw new IllegalArgumentException(name + ": submit at " + nowNs + " ns is before now ("
                    + sim.now() + " ns)");
        }
        if (outstanding >= queueDepth) {
            throw new IllegalStateException(name + ": driver exceeded the queue depth of " + queueDepth);
        }
        if (cmd.nrSectors <= 0 || cmd.sector < 0 || cmd.sector + cmd.nrSectors > capacitySectors) {
            throw new IllegalArgumentException(name + ": command [" + cmd.sector + ", +" + cmd.nrSectors
                    + ") is outside the device's " + capacitySectors + " sectors");
        }
    }

    /** Nanoseconds to move {@code bytes} at {@code bytesPerSec}, rounded to the nearest ns. */
    static long transferNs(long bytes, double bytesPerSec) {
        return Math.round(bytes * 1e9 / bytesPerSec);
    }
}
