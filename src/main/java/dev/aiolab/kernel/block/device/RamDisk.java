package dev.aiolab.kernel.block.device;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A RAM disk: no seek, no rotation; each command costs a fixed per-command time plus a memcpy of
 * its bytes. Commands are served one after another, FIFO (the memory bus is the one server).
 */
public final class RamDisk extends SingleServerDevice {
    private final RamDiskParams p;

    public RamDisk(RamDiskParams p) {
        if (p.queueDepth() < 1 || p.capacitySectors() <= 0 || !(p.copyBytesPerSec() > 0) || p.perCommandNs() < 0) {
            throw new IllegalArgumentException("invalid RAM disk parameters: " + p);
        }
        this.p = p;
    }

    /** The default RAM disk, {@link RamDiskParams#ddr2Desktop()}. */
    public RamDisk() {
        this(RamDiskParams.ddr2Desktop());
    }

    @Override
    public String name() {
        return p.name();
    }

    @Override
    public int queueDepth() {
        return p.queueDepth();
    }

    @Override
    public long capacitySectors() {
        return p.capacitySectors();
    }

    public RamDiskParams params() {
        return p;
    }

    /** Service time of a command of {@code bytes}. */
    public long serviceNs(long bytes) {
        return p.perCommandNs() + Devices.transferNs(bytes, p.copyBytesPerSec());
    }

    @Override
    long completionNs(DiskCommand cmd, long t) {
        return t + serviceNs(cmd.bytes());
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", "ram");
        m.put("capacity_sectors", Long.toString(p.capacitySectors()));
        m.put("copy_bytes_per_s", String.format("%.0f", p.copyBytesPerSec()));
        m.put("per_command_ns", Long.toString(p.perCommandNs()));
        m.put("queue_depth", Integer.toString(p.queueDepth()));
        return m;
    }
}
