package dev.aiolab.kernel.mm;

/**
 * {@code struct address_space_operations}: what the filesystem does for the page cache. The
 * implementation lives in {@code kernel.fs} (block mapping and bios), so that mm does not depend
 * on fs.
 */
public interface AddressSpaceOperations {
    /**
     * {@code ->readpage}: the page is locked and not up to date; start reading it. The I/O
     * completion sets PG_uptodate and unlocks the page ({@code mpage_end_io_read}). Returns 0 or
     * -errno.
     */
    int readpage(Page page);

    /**
     * {@code ->writepage}: the page is locked and was dirty (PG_dirty already cleared for I/O).
     * Sets PG_writeback, unlocks the page and submits the write; the completion ends writeback.
     */
    int writepage(Page page, WritebackControl wbc);

    /** {@code ->sync_page} ({@code block_sync_page}): unplug the device queue. */
    void syncPage(Page page);
}
