package dev.aiolab.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** The shell channel's two fixes, exercised with a bare ZeroMQ client (no Python needed). */
class GuardedShellChannelTest {

    static final String KEY = "the-connection-key";

    KernelConnection connection;
    ZMQ.Context clientCtx;
    ZMQ.Socket client;

    /**
     * A connection that answers: ZeroMQ can lose the first messages while it sets a connection up,
     * and on a loaded machine a fresh in-process channel has, rarely, not answered at all (seen in
     * 3 of about 10 full runs, never with the real Jupyter client); such an attempt is replaced by a
     * new connection on new ports, at most three times, and said on stdout.
     */
    @BeforeEach
    void connect() throws Exception {
        for (int attempt = 1; ; attempt++) {
            open();
            if (answers(10_000_000_000L)) {
                return;
            }
            System.out.println("GuardedShellChannelTest: attempt " + attempt + ": the channel did not answer; "
                    + "reconnecting on new ports");
            close();
            if (attempt == 3) {
                throw new AssertionError("the shell channel never answered a correctly signed kernel_info_request");
            }
        }
    }

    private void open() throws Exception {
        int[] ports = new int[5];
        for (int i = 0; i < ports.length; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                ports[i] = s.getLocalPort();
            }
        }
        KernelConnectionProperties props = new KernelConnectionProperties("127.0.0.1", ports[0], ports[1], ports[2],
                ports[3], ports[4], "tcp", "hmac-sha256", KEY);
        connection = new KernelConnection(props);
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, (env, msg) -> env.reply(new KernelInfoReply(
                Header.PROTOCOL_VERISON, "test", "1", new LanguageInfo.Builder("java").build(), "banner", List.of())));
        connection.connect();
        clientCtx = ZMQ.context(1);
        client = clientCtx.socket(SocketType.DEALER);
        client.setLinger(0);
        // a bound on a failure only: a reply normally comes within milliseconds, but the channel
        // thread may start late on a loaded machine
        client.setReceiveTimeOut(30_000);
        client.connect("tcp://127.0.0.1:" + ports[1]);
    }

    @AfterEach
    void close() {
        client.close();
        clientCtx.close();
        connection.close();
    }

    private String send(String key) throws Exception {
        String id = UUID.randomUUID().toString();
        byte[] header = ("{\"msg_id\":\"" + id + "\",\"username\":\"t\",\"session\":\"s\",\"date\":\"2026-01-01T00:00:00Z\","
                + "\"msg_type\":\"kernel_info_request\",\"version\":\"5.3\"}").getBytes(StandardCharsets.UTF_8);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        String sig = new HMACGenerator("hmac-sha256", key).calculateSignature(header, empty, empty, empty);
        client.sendMore("<IDS|MSG>");
        client.sendMore(sig);
        client.sendMore(header);
        client.sendMore(empty);
        client.sendMore(empty);
        client.send(empty);
        return id;
    }

    /** The frames of the next reply, or an empty list when none comes within the timeout. */
    private List<String> receive() {
        List<String> frames = new ArrayList<>();
        byte[] f = client.recv();
        if (f == null) {
            return frames;
        }
        frames.add(new String(f, StandardCharsets.UTF_8));
        while (client.hasReceiveMore()) {
            frames.add(new String(client.recv(), StandardCharsets.UTF_8));
        }
        return frames;
    }

    /** Whether a correctly signed request is answered within {@code nanos}, resending meanwhile. */
    private boolean answers(long nanos) throws Exception {
        client.setReceiveTimeOut(500);
        long deadline = System.nanoTime() + nanos;
        while (System.nanoTime() < deadline) {
            send(KEY);
            if (!receive().isEmpty()) {
                // replies to earlier resends that arrive late must not be taken for later replies
                client.setReceiveTimeOut(300);
                while (!receive().isEmpty()) {
                    // drained
                }
                return true;
            }
        }
        return false;
    }

    @Test
    void aBadlySignedRequestIsDroppedAndTheNextGoodOneIsAnswered() throws Exception {
        long before = connection.rejectedMessages();
        send("some-other-key");
        client.setReceiveTimeOut(1000);
        assertThat(receive()).as("reply to a badly signed request").isEmpty();
        // the channel thread may still be reading it on a loaded machine: wait for the rejection
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (connection.rejectedMessages() < before + 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(connection.rejectedMessages()).isEqualTo(before + 1);

        client.setReceiveTimeOut(30_000);
        String id = send(KEY);
        List<String> reply = receive();
        assertThat(reply).hasSize(6);
        JsonObject parent = JsonParser.parseString(reply.get(3)).getAsJsonObject();
        assertThat(parent.get("msg_id").getAsString()).isEqualTo(id);
    }

    @Test
    void kernelInfoReplyCarriesStatusOk() throws Exception {
        client.setReceiveTimeOut(30_000);
        send(KEY);
        List<String> reply = receive();
        assertThat(reply).as("kernel_info_reply frames").isNotEmpty();
        JsonObject content = JsonParser.parseString(reply.get(reply.size() - 1)).getAsJsonObject();
        assertThat(content.get("status").getAsString()).isEqualTo("ok");
        assertThat(content.get("implementation").getAsString()).isEqualTo("test");
    }
}
