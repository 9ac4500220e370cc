/**
 * The page cache and its paths (mm/filemap.c, mm/readahead.c, mm/page-writeback.c, 2.6.12 with the
 * seed's filesystem-AIO patches).
 *
 * <h2>Entry points for the AIO layer</h2>
 * <ul>
 *   <li>Buffered read (aio_pread): set {@code current.ioWait} to the kiocb's entry, build a fresh
 *       {@link dev.aiolab.kernel.mm.ReadDescriptor}{@code (ki_pos, ki_left)} and call
 *       {@link dev.aiolab.kernel.mm.Filemap#genericFileRead}: bytes (partial progress possible),
 *       0 at EOF, -errno, or {@code -EIOCBRETRY} with the entry queued on the page's bucket. With a
 *       synchronous entry (mainline 2.6.12 SYNC_IN_SUBMIT, or io_wait = the task's own entry) it
 *       returns {@link dev.aiolab.kernel.Errno#SCHEDULE}; call again with the same descriptor
 *       when the task is woken.</li>
 *   <li>Readahead guard: {@link dev.aiolab.kernel.mm.Filemap#setIsRetriedKiocb} installs the
 *       seed's {@code is_retried_kiocb(io_wait_to_kiocb(current->io_wait))}; it is consulted only
 *       when {@code io_wait} is async and {@code readahead_retry_guard} is on.
 *       {@link dev.aiolab.kernel.mm.Readahead#calls()} counts readahead calls.</li>
 *   <li>Buffered write: {@link dev.aiolab.kernel.mm.Filemap#genericFileBufferedWrite} with a
 *       {@link dev.aiolab.kernel.mm.WriteDescriptor}; page locks, dirty throttling and request
 *       slots sleep on the task's own entry and return SCHEDULE whatever io_wait is (as in the
 *       kernel, where these waits use {@code current->__wait} or a DEFINE_WAIT).</li>
 *   <li>O_SYNC split for KIF_SYNCED: first pass {@link dev.aiolab.kernel.mm.PageWriteback#filemapFdatawriteRange}
 *       with {@link dev.aiolab.kernel.mm.WritebackControl#syncAll}(start, end) (may SCHEDULE; call
 *       again with the same control), then on every pass
 *       {@link dev.aiolab.kernel.mm.Filemap#waitOnPageWritebackRange}(mapping, start, end, wait):
 *       0, -EIO, -EIOCBRETRY (async entry queued) or SCHEDULE.</li>
 *   <li>Page waits: {@link dev.aiolab.kernel.mm.PageWaits#lockPage} ({@code __lock_page(page,
 *       wait)}), {@code waitOnPageLocked}, {@code waitOnPageWriteback}, {@code unlockPage},
 *       {@code endPageWriteback}, {@code wakeUpPage}.</li>
 * </ul>
 *
 * <h2>The io_wait NULL bug</h2>
 * Where the seed does {@code container_of(wait)} on a NULL entry ({@code __lock_page} /
 * {@code wait_on_page_bit} when the page bit is set), the model throws
 * {@link dev.aiolab.kernel.KernelOops}. {@link dev.aiolab.kernel.fs.Syscalls} turns it into a
 * {@link dev.aiolab.kernel.trace.Fault} of kind OOPS, ends the task and returns -EFAULT; the AIO
 * layer should do the same for retries it runs.
 */
package dev.aiolab.kernel.mm;
