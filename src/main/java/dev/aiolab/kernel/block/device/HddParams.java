package dev.aiolab.kernel.block.device;

/**
 * The named parameters of an {@link Hdd}. Every figure of the default set is cited in
 * {@link #barracuda7200()}; each can be changed with its {@code withX} method. Geometry (sectors per
 * track, cylinders, track skew) and the seek-curve constants are derived from these by {@link Hdd}.
 *
 * @param name                  short name for manifests
 * @param capacitySectors       capacity in 512-byte sectors
 * @param rpm                   spindle speed
 * @param heads                 recording surfaces (tracks per cylinder)
 * @param sustainedBytesPerSec  sustained media transfer rate, track and cylinder switches included;
 *                              constant over the disk (no zoning)
 * @param interfaceBytesPerSec  host interface rate, for data served from the track buffer
 * @param trackToTrackSeekNs    seek over one cylinder, settling included
 * @param averageSeekNs         mean seek over random (uniform, independent) start and end cylinders
 * @param fullStrokeSeekNs      seek over the whole stroke
 * @param headSwitchNs          switching to another surface of the same cylinder
 * @param controllerOverheadNs  per-command controller time before the mechanism moves
 * @param readaheadSectors      how far the drive keeps reading past the last sector a host read asked for
 * @param bufferSectors         the track buffer (read cache segment) the readahead data lives in
 * @param queueDepth            commands the drive accepts at once (1: no TCQ/NCQ); served FIFO
 */
public record HddParams(
        String name,
        long capacitySectors,
        int rpm,
        int heads,
        double sustainedBytesPerSec,
        double interfaceBytesPerSec,
        long trackToTrackSeekNs,
        long averageSeekNs,
        long fullStrokeSeekNs,
        long headSwitchNs,
        long controllerOverheadNs,
        int readaheadSectors,
        int bufferSectors,
        int queueDepth) {

    public HddParams {
        if (capacitySectors <= 0 || rpm <= 0 || heads <= 0 || sustainedBytesPerSec <= 0
                || interfaceBytesPerSec <= 0 || queueDepth < 1 || readaheadSectors < 0 || bufferSectors < 0
                || trackToTrackSeekNs < 0 || headSwitchNs < 0 || controllerOverheadNs < 0) {
            throw new IllegalArgumentException("invalid HDD parameters: " + this);
        }
    }

    /**
     * A 160 GB 7200 rpm desktop ATA disk of 2005, the class of the Seagate Barracuda 7200.7/7200.8.
     * <ul>
     *   <li>capacity 160 GB = 312,581,808 sectors: the IDEMA LBA count for 160 GB
     *       (IDEMA LBA1-02: 97,696,368 + 1,953,504 x (GB - 50));</li>
     *   <li>7200 rpm: 8.333 ms per revolution, 4.17 ms average rotational latency
     *       (model-reference.md, "Default costs");</li>
     *   <li>4 heads: two 80 GB platters, both surfaces recorded (Barracuda 7200.7 160 GB, Seagate
     *       product manual); only the derived sectors per track and cylinder count depend on it;</li>
     *   <li>sustained transfer 60 MB/s, constant over the disk: Seagate quotes 58 MB/s maximum
     *       sustained for the 7200.7 and 65 MB/s for the 7200.8 (product manuals), the inner zones
     *       being slower; a single figure keeps the rotational arithmetic readable;</li>
     *   <li>interface 150 MB/s: Serial ATA 1.5 Gb/s with 8b/10b coding (SATA 1.0, 2003);</li>
     *   <li>seeks 1 ms track to track, 8.5 ms average, 20 ms full stroke
     *       (model-reference.md, "Default costs"; 8.5 ms is the Barracuda 7200.7's quoted average read
     *       seek), curve of the Ruemmler-Wilkes form fitted in {@link SeekCurve};</li>
     *   <li>head switch 0.8 ms: an assumption, somewhat below the track-to-track seek as Ruemmler and
     *       Wilkes (1994) found for the HP 97560; the track skew is sized from the larger of the two;</li>
     *   <li>controller overhead 0.1 ms per command: an assumption of the right order for a 2005 drive
     *       (Ruemmler and Wilkes measured 1.1 ms on a 1991 controller; modern ones are tens of us);</li>
     *   <li>readahead 1024 sectors (512 KiB) into a 2048-sector (1 MiB) segment of the 8 MB buffer
     *       (buffer size from the product manual; segment and readahead sizes are assumptions);</li>
     *   <li>queue depth 1: a parallel ATA or SATA disk without TCQ/NCQ, as Linux 2.6.12 drove it.</li>
     * </ul>
     */
    public static HddParams barracuda7200() {
        return new HddParams("hdd7200", 312_581_808L, 7200, 4, 60e6, 150e6,
                1_000_000L, 8_500_000L, 20_000_000L, 800_000L, 100_000L, 1024, 2048, 1);
    }

    public HddParams withName(String v) {
        return new HddParams(v, capacitySectors, rpm, heads, sustainedBytesPerSec, interfaceBytesPerSec,
                trackToTrackSeekNs, averageSeekNs, fullStrokeSeekNs, headSwitchNs, controllerOverheadNs,
                readaheadSectors, bufferSectors, queueDepth);
    }

    public HddParams withCapacitySectors(long v) {
        return new HddParams(name, v, rpm, heads, sustainedBytesPerSec, interfaceBytesPerSec,
                trackToTrackSeekNs, averageSeekNs, fullStrokeSeekNs, headSwitchNs, controllerOverheadNs,
                readaheadSectors, bufferSectors, queueDepth);
    }

    public HddParams withRpm(int v) {
        return new HddParams(name, capacitySectors, v, heads, sustainedBytesPerSec, interfaceBytesPerSec,
                trackToTrackSeekNs, averageSeekNs, fullStrokeSeekNs, headSwitchNs, controllerOverheadNs,
                readaheadSectors, bufferSectors, queueDepth);
    }

    public HddParams withHeads(int v) {
        return new HddParams(name, capacitySectors, rpm, v, sustainedBytesPerSec, interfaceBytesPerSec,
                trackToTrackSeekNs, averageSeekNs, fullStrokeSeekNs, headSwitchNs, controllerOverheadNs,
                readaheadSectors, bufferSectors, queueDepth);
    }

    public HddParams withSustainedBytesPerSec(double v) {
        return new HddParams(name, capacitySectors, rpm, heads, v, interfaceBytesPerSec,
                trackToTrackSeekNs, averageSeekNs, fullStrokeSeekNs, headSwitchNs, controllerOverheadNs,
                readaheadSectors, bufferSectors, queueDepth);
    }

    public HddParams withInterfaceBytesPerSec(double v) {
        return new HddParams(name, capacitySectors, rpm, heads, sustainedBytesPerSec, v,
                trackToTrackSeekNs, averageSeekNs, fullStrokeSeekNs, headSwitchNs, controllerOverheadNs,
                readaheadSectors, bufferSectors, queueDepth);
    }

    public HddParams withTrackToTrackSeekNs(long v) {
        return new HddParams(name, capacitySectors, rpm, heads, sustainedBytesPerSec, interfaceBytesPerSec,
                v, averageSeekNs, fullStrokeSeekNs, headSwitchNs, controllerOverheadNs,
                readaheadSectors, bufferSectors, queueDepth);
    }

    public HddParams withAverageSeekNs(long v) {
        return new HddParams(name, capacitySectors, rpm, heads, sustainedBytesPerSec, interfaceBytesPerSec,
                trackToTrackSeekNs, v, fullStrokeSeekNs, headSwitchNs, controllerOverheadNs,
                readaheadSectors, bufferSectors, queueDepth);
    }

    public HddParams withFullStrokeSeekNs(long v) {
        return new HddParams(name, capacitySectors, rpm, heads, sustainedBytesPerSec, interfaceBytesPerSec,
                trackToTrackSeekNs, averageSeekNs, v, headSwitchNs, controllerOverheadNs,
                readaheadSectors, bufferSectors, queueDepth);
    }

    public HddParams withHeadSwitchNs(long v) {
        return new HddParams(name, capacitySectors, rpm, heads, sustainedBytesPerSec, interfaceBytesPerSec,
                trackToTrackSeekNs, averageSeekNs, fullStrokeSeekNs, v, controllerOverheadNs,
                readaheadSectors, bufferSectors, queueDepth);
    }

    public HddParams withControllerOverheadNs(long v) {
        return new HddParams(name, capacitySectors, rpm, heads, sustainedBytesPerSec, interfaceBytesPerSec,
                trackToTrackSeekNs, averageSeekNs, fullStrokeSeekNs, headSwitchNs, v,
                readaheadSectors, bufferSectors, queueDepth);
    }

    public HddParams withReadaheadSectors(int v) {
        return new HddParams(name, capacitySectors, rpm, heads, sustainedBytesPerSec, interfaceBytesPerSec,
                trackToTrackSeekNs, averageSeekNs, fullStrokeSeekNs, headSwitchNs, controllerOverheadNs,
                v, bufferSectors, queueDepth);
    }

    public HddParams withBufferSectors(int v) {
        return new HddParams(name, capacitySectors, rpm, heads, sustainedBytesPerSec, interfaceBytesPerSec,
                trackToTrackSeekNs, averageSeekNs, fullStrokeSeekNs, headSwitchNs, controllerOverheadNs,
                readaheadSectors, v, queueDepth);
    }

    public HddParams withQueueDepth(int v) {
        return new HddParams(name, capacitySectors, rpm, heads, sustainedBytesPerSec, interfaceBytesPerSec,
                trackToTrackSeekNs, averageSeekNs, fullStrokeSeekNs, headSwitchNs, controllerOverheadNs,
                readaheadSectors, bufferSectors, v);
    }
}
