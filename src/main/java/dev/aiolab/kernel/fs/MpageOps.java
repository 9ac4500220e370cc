package dev.aiolab.kernel.fs;

import dev.aiolab.kernel.block.Bio;
import dev.aiolab.kernel.block.BioEndIo;
import dev.aiolab.kernel.block.RequestQueue;
import dev.aiolab.kernel.mm.AddressSpaceOperations;
import dev.aiolab.kernel.mm.Page;
import dev.aiolab.kernel.mm.PageCache;
import dev.aiolab.kernel.mm.PageWaits;
import dev.aiolab.kernel.mm.WritebackControl;

/**
 * The address-space operations of a block-mapped file (fs/mpage.c, fs/buffer.c): one bio per page
 * at the page's block; the request queue merges adjacent ones. Completions run in interrupt
 * context: {@code mpage_end_io_read} sets PG_uptodate (or PG_error) and unlocks the page;
 * {@code mpage_end_io_write} ends writeback. Both wake the page's hashed bucket.
 */
final class MpageOps implements AddressSpaceOperations {
    private final Inode inode;
    private final RequestQueue queue;
    private final PageWaits waits;
    private final PageCache cache;
    /** The bios' {@code bi_end_io}, made once rather than per bio. */
    private final BioEndIo endIoRead = this::mpageEndIoRead;
    private final BioEndIo endIoWrite = this::mpageEndIoWrite;

    MpageOps(Inode inode, RequestQueue queue, PageWaits waits, PageCache cache) {
        this.inode = inode;
        this.queue = queue;
        this.waits = waits;
        this.cache = cache;
    }

    // models fs/mpage.c: mpage_readpage
    @Override
    public int readpage(Page page) {
        long sector = inode.bmap(page.index());
        Bio bio = new Bio(false, sector, Page.PAGE_SIZE, new Object[] {page}, endIoRead);
        queue.genericMakeRequest(bio);
        return 0;
    }

    // models fs/mpage.c: mpage_end_io_read
    private void mpageEndIoRead(Bio bio, int error) {
        for (Object o : bio.pages) {
            Page page = (Page) o;
            if (error == 0) {
                page.setBit(Page.PG_uptodate);
            } else {
                page.clearBit(Page.PG_uptodate);
                page.setBit(Page.PG_error);
            }
            waits.unlockPage(page);
        }
    }

    // models fs/mpage.c: mpage_writepage
    @Override
    public int writepage(Page page, WritebackControl wbc) {
        long sector = inode.bmap(page.index());
        cache.testSetPageWriteback(page);
        waits.unlockPage(page);
        Bio bio = new Bio(true, sector, Page.PAGE_SIZE, new Object[] {page}, endIoWrite);
        queue.genericMakeRequest(bio);
        return 0;
    }

    // models fs/mpage.c: mpage_end_io_write
    private void mpageEndIoWrite(Bio bio, int error) {
        for (Object o : bio.pages) {
            Page page = (Page) o;
            if (error != 0) {
                page.setBit(Page.PG_error);
            }
            waits.endPageWriteback(page);
        }
    }

    // models fs/buffer.c: block_sync_page -> blk_run_address_space
    @Override
    public void syncPage(Page page) {
        queue.unplugSync();
    }
}
