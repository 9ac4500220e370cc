package dev.aiolab.kernel.block.device;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SATA SSD with NCQ: {@link SataSsdParams#channels()} flash channels behind a SATA link, at most
 * {@link SataSsdParams#ncqDepth()} commands outstanding. The mechanism is described in
 * {@link FlashDevice}.
 */
public final class SataSsd extends FlashDevice {
    private final SataSsdParams p;

    public SataSsd(SataSsdParams p) {
        super(p.name(), p.ncqDepth(), p.channels(), p.capacitySectors(), p.readNs(), p.writeNs(), p.overheadNs(),
                p.linkBytesPerSec());
        this.p = p;
    }

    /** The default drive, {@link SataSsdParams#samsung850Evo()}. */
    public SataSsd() {
        this(SataSsdParams.samsung850Evo());
    }

    public SataSsdParams params() {
        return p;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", "sata-ssd");
        putCommon(m);
        return m;
    }
}
