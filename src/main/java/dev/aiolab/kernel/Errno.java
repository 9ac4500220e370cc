package dev.aiolab.kernel;

/**
 * Error numbers the model returns, as negative values the way kernel functions return them, plus
 * {@link #SCHEDULE}, the model's stand-in for a synchronous path blocked inside {@code schedule()}.
 */
public final class Errno {
    private Errno() {}

    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EAGAIN = 11;
    public static final int EFAULT = 14;
    public static final int EINVAL = 22;
    /** include/linux/errno.h: the iocb was queued; completion arrives from elsewhere. */
    public static final int EIOCBQUEUED = 529;
    /** include/linux/errno.h: a wait is queued on the iocb's entry; run the retry again when it fires. */
    public static final int EIOCBRETRY = 530;

    /**
     * Not a kernel errno: the current task called {@code schedule()} and sleeps. The path returns this
     * so its caller stops; the task re-enters the path where it stood when it is woken, which is
     * what returning from {@code schedule()} does in the kernel.
     */
    public static final int SCHEDULE = Integer.MIN_VALUE + 1;

    /** The symbolic name of a (negative or positive) errno value. */
    public static String name(int err) {
        return switch (Math.abs(err)) {
            case EINTR -> "EINTR";
            case EIO -> "EIO";
            case EAGAIN -> "EAGAIN";
            case EFAULT -> "EFAULT";
            case EINVAL -> "EINVAL";
            case EIOCBQUEUED -> "EIOCBQUEUED";
            case EIOCBRETRY -> "EIOCBRETRY";
            default -> err == SCHEDULE ? "SCHEDULE" : String.valueOf(err);
        };
    }
}
