package dev.aiolab.jupyter;

import java.security.Permission;

/**
 * Turns {@code System.exit} in a cell into a {@link SecurityException}, so a careless cell cannot end the kernel.
 * Java 17 still lets a program install a security manager; this one permits everything except exiting from a cell's
 * thread, or from a thread a cell started (the mark is inherited). The host's own threads exit as usual. On a JVM
 * that no longer supports security managers the guard is not installed and a warning is logged.
 */
@SuppressWarnings("removal")
final class ExitGuard extends SecurityManager {

    private static final InheritableThreadLocal<Boolean> IN_CELL = new InheritableThreadLocal<>();
    private static boolean installed;

    /** Marks the calling thread, and every thread it starts from now on, as cell code. */
    static void markCellThread() {
        IN_CELL.set(Boolean.TRUE);
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            System.setSecurityManager(new ExitGuard());
            installed = true;
        } catch (UnsupportedOperationException | SecurityException e) {
            System.getLogger("dev.aiolab.jupyter").log(System.Logger.Level.WARNING,
                    "System.exit in a cell will end this JVM: " + e.getMessage());
        }
    }

    @Override
    public void checkExit(int status) {
        if (IN_CELL.get() == Boolean.TRUE) {
            throw new SecurityException("System.exit(" + status + ") was called from a cell; the kernel keeps running");
        }
    }

    @Override
    public void checkPermission(Permission perm) {
        // everything else is allowed
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        // everything else is allowed
    }
}
