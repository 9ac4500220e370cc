package dev.aiolab.kernel.block.device;

/**
 * What the parameter sets of the flash devices ({@link SataSsdParams}, {@link NvmeParams}) have in
 * common, with the copy-with-one-change methods that apply a user's setting on top of a cited set.
 */
public interface FlashParams<P extends FlashParams<P>> {
    long overheadNs();

    double linkBytesPerSec();

    P withCapacitySectors(long v);

    P withReadNs(long v);

    P withWriteNs(long v);

    P withLinkBytesPerSec(double v);
}
