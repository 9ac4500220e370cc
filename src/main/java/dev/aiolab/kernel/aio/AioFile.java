package dev.aiolab.kernel.aio;

/**
 * The file operations AIO calls through ({@code kiocb->ki_filp->f_op}): {@code aio_read},
 * {@code aio_write} and {@code aio_fsync}. Each runs on the current task with
 * {@code current->io_wait} set by {@code aio_run_iocb}, transfers from {@code iocb.kiPos} at most
 * {@code iocb.kiLeft} bytes, advances {@code kiPos}, and returns bytes transferred (which may be
 * short), {@code -EIOCBRETRY} with a wait queued on the kiocb's entry, {@code -EIOCBQUEUED} when
 * the completion will arrive through {@link Aio#aioComplete}, {@link dev.aiolab.kernel.Errno#SCHEDULE}
 * when the current task sleeps on its own entry (mainline 2.6.12 buffered AIO), or another error.
 */
public interface AioFile {
    /** {@code f_op->aio_read} (generic_file_aio_read). */
    long aioRead(Kiocb iocb);

    /** {@code f_op->aio_write} (generic_file_aio_write, with the seed's O_SYNC and KIF_SYNCED). */
    long aioWrite(Kiocb iocb);

    /** {@code f_op->aio_fsync}; {@code datasync} for FDSYNC. */
    long aioFsync(Kiocb iocb, boolean datasync);

    /** A short name for reports. */
    String name();
}
