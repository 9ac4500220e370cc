package dev.aiolab.kernel.mm;

/**
 * The arguments and progress of a buffered write ({@code generic_file_buffered_write} and the
 * O_SYNC {@code sync_page_range} after it), with the locals a synchronous caller's task keeps
 * while it sleeps (page lock, dirty throttling, request slots, writeback waits).
 */
public final class WriteDescriptor {
    /** Current file position in bytes. */
    public long pos;
    /** Bytes still to write. */
    public long count;
    /** Bytes written so far. */
    public long written;
    /** 0 or -errno. */
    public int error;
    /** O_SYNC or IS_SYNC(inode). */
    public final boolean osync;
    /** Position where the write started (for {@code sync_page_range}). */
    public final long startPos;

    int phase;
    Page page;
    long bytes;
    int balancePhase;
    long balanceWritten;
    WritebackControl wbc;
    long waitIndex;

    public WriteDescriptor(long pos, long count, boolean osync) {
        this.pos = pos;
        this.startPos = pos;
        this.count = count;
        this.osync = osync;
    }

    public boolean inProgress() {
        return phase != 0;
    }
}
