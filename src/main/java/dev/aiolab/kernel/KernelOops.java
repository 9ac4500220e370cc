package dev.aiolab.kernel;

/**
 * A modelled kernel oops: a path dereferenced a pointer that the real kernel would have
 * dereferenced and crashed on. The case the seed thread reports is {@code __lock_page(page,
 * current->io_wait)} with {@code io_wait == NULL} (after {@code aio_run_iocb} reset it to NULL):
 * {@code container_of(NULL)} then {@code init_wait_bit_key} writes through it.
 *
 * <p>Thrown, never returned: the path cannot continue, as in the kernel. The system-call layer
 * ({@code kernel.fs.Syscalls}) and the AIO layer catch it, record a
 * {@link dev.aiolab.kernel.trace.Fault} of kind {@code OOPS} and end the task.
 */
public final class KernelOops extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String function;

    public KernelOops(String function, String explanation) {
        super(function + ": " + explanation, null, false, false);
        this.function = function;
    }

    /** The kernel function that oopsed, as spelled in the source ({@code __lock_page}). */
    public String function() {
        return function;
    }

    /** The explanation without the function name. */
    public String explanation() {
        String m = getMessage();
        return m.substring(function.length() + 2);
    }
}
