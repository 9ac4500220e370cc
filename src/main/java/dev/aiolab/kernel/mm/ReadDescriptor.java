package dev.aiolab.kernel.mm;

/**
 * {@code read_descriptor_t} with {@code *ppos}, plus the locals of {@code do_generic_mapping_read}
 * for a synchronous caller whose task slept inside it: the kernel keeps them on the sleeping task's
 * stack; here they live in the descriptor, and the next call resumes at the saved phase.
 *
 * <p>An AIO retry builds a fresh descriptor per run ({@code ki_pos}, {@code ki_left}), as the seed's
 * retry restarts the read from the top at the updated position.
 */
public final class ReadDescriptor {
    /** {@code *ppos}: file position in bytes; advanced by the read. */
    public long pos;
    /** {@code desc->count}: bytes still wanted. */
    public long count;
    /** {@code desc->written}: bytes copied out. */
    public long written;
    /** {@code desc->error}: 0, -errno, or -EIOCBRETRY (the seed's retry exit). */
    public int error;
    /** Page lookups that found the page up to date, and lookups that did not. */
    public long pagesHit;
    public long pagesMissed;
    /**
     * Pages with a lower index were looked up by an earlier pass of the same I/O (a retry): their
     * outcome is counted once, by their first lookup.
     */
    public long countedUpTo;

    // the kernel stack of do_generic_mapping_read while the task sleeps
    int phase;
    /** The state to go on with once the pending bios are out. */
    int afterFlush;
    Page page;
    long index;
    long offset;
    long nextIndex;
    long prevIndex;
    long lastIndex;
    long nr;
    boolean raAllowed;

    public ReadDescriptor(long pos, long count) {
        this.pos = pos;
        this.count = count;
    }

    /** Makes this a fresh descriptor for {@code count} bytes at {@code pos} (for reuse without allocation). */
    public ReadDescriptor reset(long pos, long count) {
        this.pos = pos;
        this.count = count;
        written = 0;
        error = 0;
        pagesHit = 0;
        pagesMissed = 0;
        countedUpTo = 0;
        phase = 0;
        page = null;
        index = 0;
        offset = 0;
        nextIndex = 0;
        prevIndex = 0;
        lastIndex = 0;
        nr = 0;
        raAllowed = false;
        return this;
    }

    /** True while a synchronous caller is asleep inside the read and must call again. */
    public boolean inProgress() {
        return phase != 0;
    }
}
