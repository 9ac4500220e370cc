package dev.aiolab.kernel.aio;

/**
 * The user's {@code struct iocb} (include/linux/aio_abi.h): what to do, on which file, where and how
 * much. Vectored commands carry their segment lengths in {@link #iov}.
 */
public final class Iocb {
    /** {@code aio_lio_opcode} values; PREADV and PWRITEV are the seed's item (7), vector AIO. */
    public enum Opcode { PREAD, PWRITE, FSYNC, FDSYNC, PREADV, PWRITEV }

    public final Opcode opcode;
    /** The open file ({@code aio_fildes}); its operations are looked up by the context. */
    public final AioFile file;
    public final long offset;
    public final long nbytes;
    /** Segment lengths for PREADV/PWRITEV, else null. */
    public final long[] iov;
    /** {@code aio_data}: returned in the completion event. */
    public final long data;

    public Iocb(Opcode opcode, AioFile file, long offset, long nbytes, long data) {
        this(opcode, file, offset, nbytes, null, data);
    }

    private Iocb(Opcode opcode, AioFile file, long offset, long nbytes, long[] iov, long data) {
        this.opcode = opcode;
        this.file = file;
        this.offset = offset;
        this.nbytes = nbytes;
        this.iov = iov;
        this.data = data;
    }

    /** A vectored read or write of contiguous file bytes into {@code iov.length} buffers. */
    public static Iocb vectored(Opcode opcode, AioFile file, long offset, long[] iov, long data) {
        if (opcode != Opcode.PREADV && opcode != Opcode.PWRITEV) {
            throw new IllegalArgumentException("opcode must be PREADV or PWRITEV, got " + opcode);
        }
        long n = 0;
        for (long l : iov) {
            n += l;
        }
        return new Iocb(opcode, file, offset, n, iov.clone(), data);
    }

    public static Iocb pread(AioFile file, long offset, long nbytes, long data) {
        return new Iocb(Opcode.PREAD, file, offset, nbytes, data);
    }

    public static Iocb pwrite(AioFile file, long offset, long nbytes, long data) {
        return new Iocb(Opcode.PWRITE, file, offset, nbytes, data);
    }
}
