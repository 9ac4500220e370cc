package dev.aiolab.kernel;

/**
 * A kernel oops in the model (a NULL dereference, a BUG_ON). Thrown by the faulting path and
 * caught where the CPU runs the work item: the fault becomes a {@link dev.aiolab.kernel.trace.Fault}
 * record, the task that oopsed is killed as the kernel would kill it, and the run goes on.
 */
public final class KernelOops extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String function;

    /**
     * @param function the kernel function that faulted, as named in the source
     * @param explanation what happened and why
     */
    public KernelOops(String function, String explanation) {
        super(function + ": " + explanation, null, false, false);
        this.function = function;
    }

    public String function() {
        return function;
    }

    public String explanation() {
        String m = getMessage();
        return m.substring(function.length() + 2);
    }
}
