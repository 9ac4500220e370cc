package dev.aiolab.kernel.mm;

/**
 * A slab cache (mm/slab.c) reduced to where its objects lie: frames taken from the page allocator
 * one at a time and filled with objects one after another. What matters here is the objects'
 * kernel addresses, which {@code bit_waitqueue} hashes into the wait table of their frame's zone.
 */
public final class Slab {
    private final PageAlloc alloc;
    private final String name;
    private final int objectSize;
    private Page frame;
    private int used;
    private long frames;

    public Slab(PageAlloc alloc, String name, int objectSize) {
        if (objectSize < 1 || objectSize > Page.PAGE_SIZE) {
            throw new IllegalArgumentException("slab object size must be in [1, " + Page.PAGE_SIZE + "], got "
                    + objectSize);
        }
        this.alloc = alloc;
        this.name = name;
        this.objectSize = objectSize;
    }

    // models mm/slab.c: kmem_cache_alloc (cache_grow takes a frame with GFP_KERNEL)
    /** The kernel address of a new object. */
    public long kmemCacheAlloc() {
        if (frame == null || used + objectSize > Page.PAGE_SIZE) {
            Page p = alloc.allocPage(false);
            frame = p != null ? p : alloc.allocPageIgnoringWatermarks(false);
            used = 0;
            frames++;
        }
        long address = PageAlloc.directMapAddress(frame, used);
        used += objectSize;
        return address;
    }

    public String name() {
        return name;
    }

    /** Frames the cache has taken from the allocator. */
    public long frames() {
        return frames;
    }
}
