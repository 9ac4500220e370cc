package dev.aiolab.kernel.block.device;

import dev.aiolab.sim.RandomStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rotating disk: seek, rotation, transfer, track buffer. One command is in service at a time;
 * with a queue depth above 1 the others wait inside the drive, FIFO.
 *
 * <p><b>Geometry.</b> Every track holds the same number of sectors (no zoning). The sectors per
 * track are chosen so that streaming across tracks gives the sustained rate of the parameter set:
 * a track is read in one revolution and the next one starts {@code skew} sectors later, the skew
 * covering the larger of the head switch and the track-to-track seek, so
 * {@code spt = sustained * (revolution + switch) / 512}. LBAs fill a track, then the next surface of
 * the cylinder, then the next cylinder. The cylinder count follows from capacity.
 *
 * <p><b>Rotation.</b> The platter's angle is a function of simulated time,
 * {@code ((t + phase) mod revolution)}, with the initial phase drawn once from the device's random
 * stream. Sector k of track T starts under the head at angle slot {@code (k + T*skew) mod spt}, so
 * the rotational delay of a command depends on where its first sector is and when the head arrives
 * there: no random draw per command.
 *
 * <p><b>Service of a command</b> that misses the buffer: controller overhead, seek from the head's
 * cylinder ({@link SeekCurve}; a head switch if only the surface changes), rotational delay to the
 * first sector, media transfer (with a skew gap per track crossed), and for reads the last sector
 * over the interface. Writes go to the media before completing (the write cache is off, as for
 * barrier-correct or {@code hdparm -W0} setups), and they empty the track buffer.
 *
 * <p><b>Track buffer.</b> After a read the drive keeps streaming up to {@code readaheadSectors}
 * past it into the buffer while it has nothing else to do. A read found there whole completes after
 * the controller overhead and the interface transfer, without seek or rotation. A read that begins
 * in the buffer while the drive is still streaming rides the stream: it completes when its last
 * sector comes off the platter, and the readahead window moves on past it. When the host is slower
 * than the platter the readahead stops at its limit and resumes, after a rotational delay, once the
 * host has consumed some of it. So consecutive reads never pay a rotational miss: large ones reach
 * the sustained media rate, small ones are served at interface speed.
 */
public final class Hdd extends SingleServerDevice {
    private final HddParams p;
    private final long sectorsPerTrack;
    private final long cylinders;
    private final double revolutionNs;
    private final double sectorNs;
    private final long skewSectors;
    private final SeekCurve seek;

    private double phaseNs;

    // The media stream: the head passes sector streamSector at streamTime (ns, may be fractional) and
    // goes on reading sequentially up to streamLimit. [bufferLo, streamed end) is in the buffer.
    private long streamSector;
    private double streamTimeNs;
    private long streamLimit;
    private long bufferLo;

    /** Counters, for tests and reports. */
    private long bufferHits;
    private long streamRides;
    private long mechanicalAccesses;

    public Hdd(HddParams params) {
        this.p = params;
        this.revolutionNs = 60e9 / params.rpm();
        double switchNs = Math.max(params.headSwitchNs(), params.trackToTrackSeekNs());
        this.sectorsPerTrack = Math.max(1, Math.round(
                params.sustainedBytesPerSec() * (revolutionNs + switchNs) / 1e9 / DiskCommand.SECTOR_SIZE));
        this.sectorNs = revolutionNs / sectorsPerTrack;
        this.skewSectors = Math.min(sectorsPerTrack - 1, (long) Math.ceil(switchNs / sectorNs));
        long perCylinder = sectorsPerTrack * params.heads();
        this.cylinders = (params.capacitySectors() + perCylinder - 1) / perCylinder;
        this.seek = SeekCurve.fit(cylinders, params.trackToTrackSeekNs(), params.averageSeekNs(),
                params.fullStrokeSeekNs());
    }

    /** The default disk, {@link HddParams#barracuda7200()}. */
    public Hdd() {
        this(HddParams.barracuda7200());
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

    @Override
    void attached(RandomStream rng) {
        this.phaseNs = rng.nextDouble() * revolutionNs;
    }

    @Override
    long completionNs(DiskCommand cmd, long t) {
        return cmd.write ? serviceWrite(cmd, t) : serviceRead(cmd, t);
    }

    /** Completion time of a read starting service at {@code t}. */
    private long serviceRead(DiskCommand cmd, long t) {
        long a = cmd.sector;
        long b = a + cmd.nrSectors;
        long streamed = streamedEnd(t);
        long lo = Math.max(bufferLo, streamed - p.bufferSectors());
        boolean streaming = streamed < streamLimit;
        if (a >= lo && b <= streamed) {
            bufferHits++;
            if (streaming) {
                rebaseStream(streamed);
                streamLimit = Math.min(p.capacitySectors(), Math.max(streamLimit, b + p.readaheadSectors()));
            } else if (Math.min(p.capacitySectors(), b + p.readaheadSectors()) > streamLimit) {
                resumeReadahead(t, b + p.readaheadSectors());
            }
            return t + p.controllerOverheadNs() + Devices.transferNs(cmd.bytes(), p.interfaceBytesPerSec());
        }
        if (a >= lo && a <= streamed && streaming) {
            streamRides++;
            double mediaEnd = streamTimeNs + streamNs(streamSector, b);
            startStream(b, mediaEnd, b + p.readaheadSectors(), bufferLo);
            long hostDone = t + p.controllerOverheadNs() + Devices.transferNs(cmd.bytes(), p.interfaceBytesPerSec());
            return Math.max(hostDone, (long) Math.ceil(mediaEnd) + lastSectorInterfaceNs());
        }
        double mediaEnd = mechanicalAccess(a, b, t, streamed);
        startStream(b, mediaEnd, b + p.readaheadSectors(), a);
        return (long) Math.ceil(mediaEnd) + lastSectorInterfaceNs();
    }

    /** Completion time of a write starting service at {@code t}: write-through to the media. */
    private long serviceWrite(DiskCommand cmd, long t) {
        long a = cmd.sector;
        long b = a + cmd.nrSectors;
        double mediaEnd = mechanicalAccess(a, b, t, streamedEnd(t));
        startStream(b, mediaEnd, b, b);
        return (long) Math.ceil(mediaEnd);
    }

    /** Overhead, seek, rotation and media transfer of [a, b); returns when the last sector has passed. */
    private double mechanicalAccess(long a, long b, long t, long streamed) {
        mechanicalAccesses++;
        long headTrack = trackOf(Math.max(0, streamed - 1));
        long fromCylinder = headTrack / p.heads();
        long toCylinder = cylinderOf(a);
        long distance = Math.abs(toCylinder - fromCylinder);
        long positioning = distance > 0 ? seek.seekNs(distance) : (trackOf(a) != headTrack ? p.headSwitchNs() : 0);
        double onTrack = (double) t + p.controllerOverheadNs() + positioning;
        double firstSector = onTrack + rotationalDelayNs(a, onTrack);
        return firstSector + streamNs(a, b);
    }

    /**
     * The readahead stopped at its limit (the host was slower than the platter) and the host has
     * consumed some of it: the drive resumes reading where it stopped, once that sector comes round.
     */
    private void resumeReadahead(long t, long newLimit) {
        long from = streamLimit;
        double at = t + (from > 0 && trackOf(from) != trackOf(from - 1) ? p.headSwitchNs() : 0);
        at += rotationalDelayNs(from, at);
        startStream(from, at, newLimit, bufferLo);
    }

    private void startStream(long sector, double time, long limit, long lo) {
        streamSector = sector;
        streamTimeNs = time;
        streamLimit = Math.min(limit, p.capacitySectors());
        bufferLo = lo;
    }

    /** Moves the stream's reference point to {@code sector}, a point it passes; exact, keeps loops short. */
    private void rebaseStream(long sector) {
        streamTimeNs += streamNs(streamSector, sector);
        streamSector = sector;
    }

    /** Exclusive end of the sectors the stream has read by time {@code t}, capped at the readahead limit. */
    private long streamedEnd(long t) {
        if (t <= streamTimeNs || streamSector >= streamLimit) {
            return streamSector;
        }
        double sectors = (t - streamTimeNs) / sectorNs;
        long x = streamSector;
        while (x < streamLimit) {
            long trackEnd = (x / sectorsPerTrack + 1) * sectorsPerTrack;
            long n = trackEnd - x;
            if (sectors < n) {
                x += (long) sectors;
                break;
            }
            sectors -= n + skewSectors;
            x = trackEnd;
            if (sectors < 0) {
                break;
            }
        }
        return Math.min(x, streamLimit);
    }

    /** Time to read [a, b) sequentially from the moment sector a starts under the head. */
    double streamNs(long a, long b) {
        if (b <= a) {
            return 0;
        }
        long crossings = trackOf(b - 1) - trackOf(a);
        return (b - a + crossings * skewSectors) * sectorNs;
    }

    /** Time from {@code atNs} until the start of {@code sector} comes under the head (same track). */
    public double rotationalDelayNs(long sector, double atNs) {
        double target = angularSlot(sector) * sectorNs;
        double delay = (target - rotationalPositionNs(atNs)) % revolutionNs;
        return delay < 0 ? delay + revolutionNs : delay;
    }

    /** The platter's angle at {@code atNs}, as the time since the index mark passed, in [0, revolution). */
    public double rotationalPositionNs(double atNs) {
        double pos = (atNs + phaseNs) % revolutionNs;
        return pos < 0 ? pos + revolutionNs : pos;
    }

    private long angularSlot(long sector) {
        return (sector % sectorsPerTrack + trackOf(sector) * skewSectors) % sectorsPerTrack;
    }

    private long trackOf(long sector) {
        return sector / sectorsPerTrack;
    }

    /** The cylinder holding {@code sector}. */
    public long cylinderOf(long sector) {
        return sector / (sectorsPerTrack * p.heads());
    }

    private long lastSectorInterfaceNs() {
        return Devices.transferNs(DiskCommand.SECTOR_SIZE, p.interfaceBytesPerSec());
    }

    public HddParams params() {
        return p;
    }

    public SeekCurve seekCurve() {
        return seek;
    }

    public long sectorsPerTrack() {
        return sectorsPerTrack;
    }

    public long cylinders() {
        return cylinders;
    }

    public long skewSectors() {
        return skewSectors;
    }

    public double revolutionNs() {
        return revolutionNs;
    }

    /** Time for one sector to pass under the head. */
    public double sectorNs() {
        return sectorNs;
    }

    /** Media rate when streaming across tracks, skew gaps included, in bytes/s. */
    public double sustainedBytesPerSec() {
        return sectorsPerTrack * (double) DiskCommand.SECTOR_SIZE * 1e9 / ((sectorsPerTrack + skewSectors) * sectorNs);
    }

    /** Reads served wholly from the track buffer. */
    public long bufferHits() {
        return bufferHits;
    }

    /** Reads that joined the readahead stream in progress. */
    public long streamRides() {
        return streamRides;
    }

    /** Commands that needed seek and rotation. */
    public long mechanicalAccesses() {
        return mechanicalAccesses;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", "hdd");
        m.put("capacity_sectors", Long.toString(p.capacitySectors()));
        m.put("rpm", Integer.toString(p.rpm()));
        m.put("heads", Integer.toString(p.heads()));
        m.put("sustained_bytes_per_s", String.format("%.0f", p.sustainedBytesPerSec()));
        m.put("interface_bytes_per_s", String.format("%.0f", p.interfaceBytesPerSec()));
        m.put("track_to_track_seek_ns", Long.toString(p.trackToTrackSeekNs()));
        m.put("average_seek_ns", Long.toString(p.averageSeekNs()));
        m.put("full_stroke_seek_ns", Long.toString(p.fullStrokeSeekNs()));
        m.put("head_switch_ns", Long.toString(p.headSwitchNs()));
        m.put("controller_overhead_ns", Long.toString(p.controllerOverheadNs()));
        m.put("readahead_sectors", Integer.toString(p.readaheadSectors()));
        m.put("buffer_sectors", Integer.toString(p.bufferSectors()));
        m.put("queue_depth", Integer.toString(p.queueDepth()));
        m.put("derived.sectors_per_track", Long.toString(sectorsPerTrack));
        m.put("derived.cylinders", Long.toString(cylinders));
        m.put("derived.track_skew_sectors", Long.toString(skewSectors));
        m.put("derived.seek_curve", seek.toString());
        return m;
    }
}
