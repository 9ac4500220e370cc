/**
 * Files: {@link dev.aiolab.kernel.fs.Inode} with its block map (contiguous, or fragmented into
 * seeded random extents), {@link dev.aiolab.kernel.fs.File} with O_DIRECT / O_SYNC, the mpage
 * address-space operations, {@link dev.aiolab.kernel.fs.DirectIo} (sync callers sleep; async ones
 * get {@code -EIOCBQUEUED} and a completion callback from interrupt context) and the synchronous
 * {@link dev.aiolab.kernel.fs.Syscalls}.
 */
package dev.aiolab.kernel.fs;
