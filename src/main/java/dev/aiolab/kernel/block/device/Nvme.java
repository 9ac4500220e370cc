package dev.aiolab.kernel.block.device;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An NVMe SSD: many deep submission queues, {@link NvmeParams#units()} media units in parallel
 * behind a PCIe link. {@link #queueDepth()} is the total the driver may keep outstanding over all
 * queues (queues x entries); which queue a command came through does not change its service. The
 * mechanism is described in {@link FlashDevice}.
 */
public final class Nvme extends FlashDevice {
    private final NvmeParams p;

    public Nvme(NvmeParams p) {
        super(p.name(), p.queueDepth(), p.units(), p.capacitySectors(), p.readNs(), p.writeNs(), p.overheadNs(),
                p.linkBytesPerSec());
        this.p = p;
    }

    /** The default drive, {@link NvmeParams#nand()}. */
    public Nvme() {
        this(NvmeParams.nand());
    }

    public NvmeParams params() {
        return p;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", "nvme");
        m.put("io_queues", Integer.toString(p.ioQueues()));
        m.put("queue_entries", Integer.toString(p.queueEntries()));
        putCommon(m);
        return m;
    }
}
