package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** check-send-proxy at the probe: the preamble's bytes are the first on the check's connection. */
class CheckPreambleTest {
    private static final CheckTimeouts TIMEOUTS = CheckTimeouts.of(2000, 1000, 1000);

    @Test
    void aConnectCheckSendsItsPreambleFromItsOwnAddresses() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> readAll(listener));
            InetSocketAddress target = (InetSocketAddress) listener.getLocalSocketAddress();
            CheckPreamble preamble = (local, server) -> ("PROXY TCP4 " + local.getAddress().getHostAddress() + " "
                    + server.getAddress().getHostAddress() + " " + local.getPort() + " " + server.getPort() + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            CheckOutcome outcome = new TcpConnectProbe(preamble).run(target, TIMEOUTS);
            assertEquals(CheckStatus.L4OK, outcome.status());
            String line = received.get();
            assertTrue(line.matches("PROXY TCP4 127\\.0\\.0\\.1 127\\.0\\.0\\.1 \\d+ " + target.getPort() + "\r\n"), line);
        }
    }

    private static String readAll(ServerSocket listener) {
        try (Socket socket = listener.accept(); InputStream in = socket.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[256];
            int n;
            try {
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException reset) {
                // the check closes with a reset once its bytes are out
            }
            return out.toString(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
