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
     * Exercises what a kernel session loads (sockets, JShell, javac, rendering of tables and charts) and returns, so
     * that a JVM started with {@code -XX:ArchiveClassesAtExit} archives those classes for faster kernel starts.
     */
    public static void warmUp() throws IOException, GeneralSecurityException {
        configureLogging();
        Path conn = Files.createTempFile("aiolab-warmup", ".json");
        try {
            int[] ports = new int[5];
            for (int i = 0; i < ports.length; i++) {
                try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                    ports[i] = s.getLocalPort();
                }
            }
            Files.writeString(conn, String.format("{\"ip\": \"127.0.0.1\", \"transport\": \"tcp\", "
                    + "\"control_port\": %d, \"shell_port\": %d, \"stdin_port\": %d, \"hb_port\": %d, "
                    + "\"iopub_port\": %d, \"signature_scheme\": \"hmac-sha256\", \"key\": \"warm-up\"}",
                    ports[0], ports[1], ports[2], ports[3], ports[4]));
            KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(conn));
            AiolabKernel kernel = AiolabKernel.create(EvaluatorOptions.defaults());
            KernelConnection connection = new KernelConnection(props);
            kernel.becomeHandlerForConnection(connection);
            connection.connect();
            kernel.onStartup();
            JShellEvaluator ev = kernel.evaluator();
            ev.awaitReady();
            for (String cell : new String[] {"1 + 1", "int x = 2;\nx * 21",
                    "Table.create(\"t\", IntColumn.create(\"x\", 1, 2))", "new XYChart(100, 80)", "\"text\""}) {
                CellOutcome o = ev.evaluate(cell);
                if (o.hasValue()) {
                    Display.renderers().render(o.value());
                }
            }
            ev.complete("Math.ma", 7);
            ev.inspect("Math.max", 8);
            ev.isComplete("for (;;) {");
            kernel.onShutdown(false);
            connection.close();
        } finally {
            Files.deleteIfExists(conn);
        }
    }

    /**
     * Kernel logs go to the kernel's own stderr (the Jupyter server's log), never into a cell: the logger keeps the
     * stream it found at start, before cells' output is routed. The base library is quiet below warnings
     * (simplelogger.properties).
     */
    static void configureLogging() {
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
