package dev.aiolab.kernel.trace;

/**
 * A model fault or hang, recorded as a result rather than thrown: the oops of a NULL
 * {@code io_wait}, a kiocb giving up at the retry limit, or a waiter left asleep forever.
 *
 * @param timeNs simulated time of the fault
 * @param kind short category, e.g. {@code OOPS}, {@code RETRY_LIMIT}, {@code HANG}
 * @param task the task involved, or empty
 * @param kiocb the kiocb involved ({@code ctx/id}), or empty
 * @param function the kernel function that faulted, as in the source ({@code __lock_page})
 * @param explanation what happened and why, in a sentence
 * @param waitChain for hangs: the queue and key the waiter sleeps on; otherwise empty
 */
public record Fault(long timeNs, String kind, String task, String kiocb, String function,
        String explanation, String waitChain) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%.3f us %s in %s", timeNs / 1e3, kind, function));
        if (!task.isEmpty()) {
            sb.append(" task=").append(task);
        }
        if (!kiocb.isEmpty()) {
            sb.append(" kiocb=").append(kiocb);
        }
        sb.append(": ").append(explanation);
        if (!waitChain.isEmpty()) {
            sb.append(" [").append(waitChain).append(']');
        }
        return sb.toString();
    }
}
