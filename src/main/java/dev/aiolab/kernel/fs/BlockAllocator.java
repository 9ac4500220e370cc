package dev.aiolab.kernel.fs;

import dev.aiolab.kernel.block.device.DiskCommand;
import dev.aiolab.sim.RandomStream;

/**
 * Where file blocks go on the disk: contiguously, one file after another, or (fragmented) as
 * extents of geometric length at uniformly random block-aligned positions drawn from a seeded
 * stream. Only positions matter to the model (data are not stored), so extents of different files
 * may overlap.
 */
public final class BlockAllocator {
    public static final int BLOCK_SIZE = 4096;
    public static final int SECTORS_PER_BLOCK = BLOCK_SIZE / DiskCommand.SECTOR_SIZE;

    private final long capacityBlocks;
    private final boolean fragmented;
    private final double meanExtentBlocks;
    private final RandomStream rng;
    private long nextBlock;

    public BlockAllocator(long capacitySectors, boolean fragmented, int extentMeanKb, RandomStream rng) {
        this.capacityBlocks = Math.max(1, capacitySectors / SECTORS_PER_BLOCK);
        this.fragmented = fragmented;
        this.meanExtentBlocks = Math.max(1.0, extentMeanKb * 1024.0 / BLOCK_SIZE);
        this.rng = rng;
    }

    /**
     * Places {@code blocks} blocks and returns the extents as (first block, length) pairs; the
     * caller maps them in file order.
     */
    public long[] allocate(long blocks) {
        if (!fragmented) {
            long start = nextBlock;
            if (start + blocks > capacityBlocks) {
                start = 0;
            }
            nextBlock = start + blocks;
            return new long[] {start, blocks};
        }
        long[] out = new long[8];
        int n = 0;
        long left = blocks;
        while (left > 0) {
            // geometric extent length with the configured mean
            double u = rng.nextDouble();
            long len = 1 + (long) Math.floor(Math.log(1 - u) / Math.log(1 - 1 / meanExtentBlocks));
            len = Math.min(Math.max(1, len), left);
            long start = rng.nextLong(Math.max(1, capacityBlocks - len));
            if (n + 2 > out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            out[n++] = start;
            out[n++] = len;
            left -= len;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
