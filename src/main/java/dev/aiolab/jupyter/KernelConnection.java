package dev.aiolab.jupyter;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * The kernel's five sockets. Heartbeat, stdin and iopub are the base library's; shell and control are
 * {@link GuardedShellChannel}s, which survive badly signed messages and put a status on every reply.
 *
 * <p>The base connection creates its own shell and control sockets in its constructor; they are left unbound here
 * and only closed with the rest.
 */
public final class KernelConnection extends JupyterConnection {

    private final KernelConnectionProperties props;
    private final ZMQ.Context guardedCtx;
    private final GuardedShellChannel guardedShell;
    private final GuardedShellChannel guardedControl;
    private boolean connected;

    public KernelConnection(KernelConnectionProperties props) throws NoSuchAlgorithmException, InvalidKeyException {
        super(props);
        this.props = props;
        this.guardedCtx = ZMQ.context(1);
        this.guardedShell = new GuardedShellChannel(guardedCtx, props.createHMACGenerator(), false, this);
        this.guardedControl = new GuardedShellChannel(guardedCtx, props.createHMACGenerator(), true, this);
    }

    @Override
    public synchronized void connect() {
        if (connected) {
            return;
        }
        heartbeat.bind(props);
        stdin.bind(props);
        iopub.bind(props);
        guardedControl.bind(props);
        guardedShell.bind(props);
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
        connected = true;
    }

    /** Messages refused for a bad signature on shell and control together. */
    public long rejectedMessages() {
        return guardedShell.rejectedCount() + guardedControl.rejectedCount();
    }

    @Override
    public void close() {
        guardedShell.close();
        guardedControl.close();
        guardedCtx.close();
        super.close();
    }

    @Override
    public void waitUntilClose() {
        guardedShell.waitUntilClose();
        guardedControl.waitUntilClose();
        super.waitUntilClose();
    }
}
