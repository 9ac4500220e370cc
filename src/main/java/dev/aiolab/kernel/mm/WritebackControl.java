package dev.aiolab.kernel.mm;

/**
 * {@code struct writeback_control}, plus where a writeback pass stands when its task had to sleep
 * (on a request slot or a page), so that the pass resumes there.
 */
public final class WritebackControl {
    /** {@code enum writeback_sync_modes}. */
    public enum SyncMode { WB_SYNC_NONE, WB_SYNC_ALL }

    public SyncMode syncMode = SyncMode.WB_SYNC_NONE;
    /** {@code older_than_this}: only inodes dirtied at or before this time (ns); MAX_VALUE for any. */
    public long olderThanThis = Long.MAX_VALUE;
    /** {@code nr_to_write}: decremented per page written. */
    public long nrToWrite = Long.MAX_VALUE;
    /** {@code nonblocking}: do not wait on a congested queue. */
    public boolean nonblocking;
    /** {@code encountered_congestion}. */
    public boolean encounteredCongestion;
    /** {@code pages_skipped}. */
    public long pagesSkipped;
    /** Range in pages, inclusive ({@code start}/{@code end} of 2.6.12 in bytes, here as indexes). */
    public long rangeStart;
    public long rangeEnd = Long.MAX_VALUE;

    /** The mapping being written back when the task slept, and the next index to look at. */
    AddressSpace resumeMapping;
    long resumeIndex;
    /** The page whose lock the task was waiting for, or null. */
    Page resumeLockPage;
    /** The inode whose I_LOCK this pass holds across a sleep, or null. */
    AddressSpace lockedInode;

    public WritebackControl() {}

    public static WritebackControl syncAll(long startIndex, long endIndex) {
        WritebackControl w = new WritebackControl();
        w.syncMode = SyncMode.WB_SYNC_ALL;
        w.rangeStart = startIndex;
        w.rangeEnd = endIndex;
        return w;
    }
}
