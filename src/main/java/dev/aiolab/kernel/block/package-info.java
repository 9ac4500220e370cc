/**
 * The block layer of drivers/block/ll_rw_blk.c (2.6.12): {@link dev.aiolab.kernel.block.Bio},
 * {@link dev.aiolab.kernel.block.Request} with back and front merging, the plugged
 * {@link dev.aiolab.kernel.block.RequestQueue} with its free list of {@code nr_requests}, and the
 * noop and deadline elevators. Devices plug in through {@link dev.aiolab.kernel.block.device.Device}
 * only. This package knows nothing of pages: bios carry the submitter's objects and a
 * {@link dev.aiolab.kernel.block.BioEndIo} callback, called in interrupt context on CPU 0.
 */
package dev.aiolab.kernel.block;
