package dev.aiolab.kernel.fs;

import dev.aiolab.kernel.mm.AddressSpace;
import java.util.Arrays;

/**
 * {@code struct inode} of a regular file: its page cache ({@code i_mapping}, which also holds
 * {@code i_size}) and its block map, a sorted list of extents from file blocks to disk sectors
 * ({@code bmap}). Blocks past the mapped end are allocated on first use.
 */
public final class Inode {
    private final long ino;
    private final String name;
    private final AddressSpace mapping;
    private final BlockAllocator allocator;
    /** Extent i maps file blocks [fileBlock[i], fileBlock[i] + length[i]) to disk blocks from diskBlock[i]. */
    private long[] fileBlock = new long[4];
    private long[] diskBlock = new long[4];
    private long[] length = new long[4];
    private int extents;
    private long mappedBlocks;

    Inode(long ino, String name, AddressSpace mapping, BlockAllocator allocator) {
        this.ino = ino;
        this.name = name;
        this.mapping = mapping;
        this.allocator = allocator;
    }

    public long ino() {
        return ino;
    }

    public String name() {
        return name;
    }

    /** {@code inode->i_mapping}. */
    public AddressSpace mapping() {
        return mapping;
    }

    /** {@code i_size} in bytes. */
    public long size() {
        return mapping.iSize();
    }

    /** Number of extents in the block map. */
    public int extents() {
        return extents;
    }

    /** Makes sure file blocks [0, blocks) are mapped. */
    void reserve(long blocks) {
        if (blocks <= mappedBlocks) {
            return;
        }
        long[] ex = allocator.allocate(blocks - mappedBlocks);
        for (int i = 0; i < ex.length; i += 2) {
            addExtent(mappedBlocks, ex[i], ex[i + 1]);
            mappedBlocks += ex[i + 1];
        }
    }

    private void addExtent(long fb, long db, long len) {
        if (extents > 0 && diskBlock[extents - 1] + length[extents - 1] == db) {
            length[extents - 1] += len;
            return;
        }
        if (extents == fileBlock.length) {
            fileBlock = Arrays.copyOf(fileBlock, extents * 2);
            diskBlock = Arrays.copyOf(diskBlock, extents * 2);
            length = Arrays.copyOf(length, extents * 2);
        }
        fileBlock[extents] = fb;
        diskBlock[extents] = db;
        length[extents] = len;
        extents++;
    }

    // models fs/inode.c: bmap (get_block)
    /** The first 512-byte sector of file block {@code block}, allocating it if needed. */
    public long bmap(long block) {
        if (block >= mappedBlocks) {
            reserve(block + 1);
        }
        int lo = 0;
        int hi = extents - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (fileBlock[mid] <= block) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return (diskBlock[lo] + (block - fileBlock[lo])) * BlockAllocator.SECTORS_PER_BLOCK;
    }

    /** Blocks from {@code block} on that are contiguous on disk (at least 1). */
    public long contiguousBlocks(long block) {
        bmap(block);
        int lo = 0;
        int hi = extents - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (fileBlock[mid] <= block) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return fileBlock[lo] + length[lo] - block;
    }

    @Override
    public String toString() {
        return name + "(ino " + ino + ", " + size() + " bytes, " + extents + " extents)";
    }
}
