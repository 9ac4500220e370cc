package dev.aiolab.jupyter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/** Runs the notebook kernel on a Jupyter connection file until the client shuts it down. */
public final class KernelLauncher {

    private KernelLauncher() {
    }

    /**
     * Binds the sockets named in {@code connectionFile}, answers until a shutdown request, then returns. JShell warms
     * up in the background while the first requests (kernel_info) are already answered.
     */
    public static void run(Path connectionFile, EvaluatorOptions options) throws IOException, GeneralSecurityException {
        configureLogging();
        KernelConnectionProperties props = KernelConnectionProperties.parse(
                Files.readString(connectionFile, StandardCharsets.UTF_8));
        AiolabKernel kernel = AiolabKernel.create(options);
        KernelConnection connection = new KernelConnection(props);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        kernel.onStartup();
        connection.waitUntilClose();
    }

    /**
     * Kernel logs go to the kernel's own stderr (the Jupyter server's log), never into a cell: the logger keeps the
     * stream it found at start, before cells' output is routed. The base library is quiet below warnings.
     */
    static void configureLogging() {
        setDefault("org.slf4j.simpleLogger.cacheOutputStream", "true");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setDefault("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        org.slf4j.LoggerFactory.getLogger("aiolab");
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        for (java.util.logging.Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        java.util.logging.StreamHandler stderr =
                new java.util.logging.StreamHandler(System.err, new java.util.logging.SimpleFormatter()) {
                    @Override
                    public synchronized void publish(java.util.logging.LogRecord record) {
                        super.publish(record);
                        flush();
                    }
                };
        root.addHandler(stderr);
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
