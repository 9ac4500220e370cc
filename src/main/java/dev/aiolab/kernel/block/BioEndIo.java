package dev.aiolab.kernel.block;

/** {@code bio_end_io_t}: called in interrupt context when the bio's I/O has completed. */
@FunctionalInterface
public interface BioEndIo {
    void bioEndIo(Bio bio, int error);
}
