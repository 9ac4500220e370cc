package dev.aiolab.jupyter;

import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell execution in the evaluating thread of this JVM, so that a snippet's value is the live object rather than
 * its string. JShell's own local control runs each snippet on a fresh thread and joins every thread the snippet
 * started; here a snippet runs on the caller's thread, which is what an interrupt reaches, and threads a cell
 * starts are its own business.
 *
 * <p>The string handed back to JShell is a key; {@link #take(String)} exchanges it for the value.
 */
final class InProcessExecution extends LocalExecutionControl {

    private static final String KEY_PREFIX = "\u0000aiolab-value#";

    private long nextKey;
    private String lastKey;
    private Object lastValue;
    private volatile Thread userCodeThread;

    @Override
    protected String invoke(Method doit) throws Exception {
        userCodeThread = Thread.currentThread();
        try {
            Object value = doit.invoke(null);
            lastKey = KEY_PREFIX + (++nextKey);
            lastValue = value;
            return lastKey;
        } finally {
            userCodeThread = null;
        }
    }

    /** The value of the snippet whose result string was {@code key}; null if the key is not ours or stale. */
    Object take(String key) {
        if (key != null && key.equals(lastKey)) {
            Object v = lastValue;
            lastKey = null;
            lastValue = null;
            return v;
        }
        return null;
    }

    boolean isValueKey(String key) {
        return key != null && key.startsWith(KEY_PREFIX);
    }

    /** The thread running user code right now, or null when JShell is compiling or idle. */
    Thread userCodeThread() {
        return userCodeThread;
    }

    /** Hands JShell this control; the evaluator keeps the instance to read values back. */
    static final class Provider implements ExecutionControlProvider {
        private volatile InProcessExecution created;

        @Override
        public String name() {
            return "aiolab-in-process";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            created = new InProcessExecution();
            return created;
        }

        InProcessExecution created() {
            return created;
        }
    }
}
