package dev.shuttle.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code source} and {@code set-bc-tos} applied to a real outgoing socket before it connects. */
@Timeout(10)
class ConnectOptionsTest {
    @Test
    void theSocketBindsToTheSourceAndCarriesTheTos() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Address target = new Address.Inet("127.0.0.1", listener.getLocalPort(), Address.Family.ANY);
            ConnectOptions options = new ConnectOptions(Optional.of(new Address.Inet("127.0.0.2", 0,
                    Address.Family.ANY)), 0x20);
            try (Socket socket = Connector.connect(target, 0, 1000, options);
                 Socket accepted = listener.accept()) {
                assertEquals(InetAddress.getByName("127.0.0.2"), accepted.getInetAddress(), "seen from the server");
                assertEquals(0x20, socket.getTrafficClass(), "IP_TOS as the kernel holds it");
            }
            try (Socket socket = Connector.connect(target, 0, 1000, ConnectOptions.NONE);
                 Socket accepted = listener.accept()) {
                assertEquals(InetAddress.getByName("127.0.0.1"), accepted.getInetAddress());
                assertEquals(0, socket.getTrafficClass());
            }
        }
    }

    @Test
    void aTosBeyondOneByteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectOptions(Optional.empty(), 256));
    }
}
