package dev.aiolab.kernel.fs;

import dev.aiolab.kernel.block.RequestQueue;
import dev.aiolab.kernel.mm.AddressSpace;
import dev.aiolab.kernel.mm.Page;
import dev.aiolab.kernel.mm.PageCache;
import dev.aiolab.kernel.mm.PageWaits;
import dev.aiolab.kernel.mm.Readahead;
import dev.aiolab.kernel.mm.Slab;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One block-mapped filesystem on one request queue: creates files and opens them. */
public final class Filesystem {
    private final RequestQueue queue;
    private final PageWaits waits;
    private final PageCache cache;
    private final Readahead readahead;
    private final BlockAllocator allocator;
    private final List<Inode> inodes = new ArrayList<>();
    /**
     * Where the inodes lie in kernel memory. An {@code ext2_inode_info} (the VFS inode with ext2's
     * block pointers) is somewhat under 1 KiB on x86_64; the size decides only how many share a frame.
     */
    private final Slab inodeCache;
    static final int INODE_OBJECT_SIZE = 768;

    public Filesystem(RequestQueue queue, PageWaits waits, PageCache cache, Readahead readahead,
            BlockAllocator allocator) {
        this.queue = queue;
        this.waits = waits;
        this.cache = cache;
        this.readahead = readahead;
        this.allocator = allocator;
        this.inodeCache = new Slab(cache.alloc(), "ext2_inode_cache", INODE_OBJECT_SIZE);
    }

    public RequestQueue queue() {
        return queue;
    }

    /** A file of {@code sizeBytes} whose blocks are all allocated; nothing of it is cached. */
    public Inode createFile(String name, long sizeBytes) {
        AddressSpace mapping = new AddressSpace(name, queue, sizeBytes, inodeCache.kmemCacheAlloc());
        Inode inode = new Inode(inodes.size() + 1, name, mapping, allocator);
        mapping.setOperations(new MpageOps(inode, queue, waits, cache));
        inode.reserve((sizeBytes + Page.PAGE_SIZE - 1) / Page.PAGE_SIZE);
        inodes.add(inode);
        return inode;
    }

    // models fs/open.c: dentry_open (+ file_ra_state_init)
    public File open(Inode inode, int flags) {
        return new File(inode, flags, readahead.newRaState());
    }

    public List<Inode> inodes() {
        return Collections.unmodifiableList(inodes);
    }
}
