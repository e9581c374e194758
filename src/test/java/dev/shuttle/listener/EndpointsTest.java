package dev.shuttle.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shuttle.net.AbstractSockets;
import dev.shuttle.net.Address;
import dev.shuttle.net.Address.Family;
import dev.shuttle.net.AddressParser;
import dev.shuttle.net.BindSocketOptions;
import dev.shuttle.net.ChannelBridge;
import dev.shuttle.net.Connector;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real sockets: bind, connect and exchange bytes for every family Shuttle listens on. */
class EndpointsTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private ListeningEndpoint bindOne(Address address, BindSocketOptions options) throws IOException {
        List<ListeningEndpoint> all = Endpoints.bind(address, options);
        toClose.addAll(all);
        assertEquals(1, all.size());
        return all.get(0);
    }

    /** Starts a virtual thread that accepts one connection and echoes one line back, upper-cased. */
    private CompletableFuture<Void> echoOnce(ListeningEndpoint endpoint) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (Socket peer = endpoint.accept()) {
                byte[] buffer = new byte[64];
                int n = peer.getInputStream().read(buffer);
                peer.getOutputStream().write(new String(buffer, 0, n, StandardCharsets.US_ASCII)
                        .toUpperCase().getBytes(StandardCharsets.US_ASCII));
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    private static String exchange(Socket socket, String text) throws IOException {
        try (socket) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readNBytes(text.length()), StandardCharsets.US_ASCII);
        }
    }

    private void assertEchoes(ListeningEndpoint endpoint, Address target) throws Exception {
        CompletableFuture<Void> served = echoOnce(endpoint);
        assertEquals("HELLO", exchange(Connector.connect(target, 2000), "hello"));
        served.get(5, TimeUnit.SECONDS);
    }

    private static int port(ListeningEndpoint endpoint) {
        return ((InetSocketAddress) endpoint.localAddress()).getPort();
    }

    private static String uniqueName() {
        return "shuttle-test-" + ProcessHandle.current().pid() + "-" + ThreadLocalRandom.current().nextInt(1 << 30);
    }

    @Test
    void tcpEcho() throws Exception {
        ListeningEndpoint endpoint = bindOne(new Address.Inet("127.0.0.1", 0, Family.ANY), BindSocketOptions.DEFAULTS);
        assertEquals("127.0.0.1:0", endpoint.describe());
        assertEchoes(endpoint, new Address.Inet("127.0.0.1", port(endpoint), Family.ANY));
    }

    @Test
    void serverPortOffsetAndMissingPortUseTheClientPort() throws Exception {
        ListeningEndpoint endpoint = bindOne(new Address.Inet("127.0.0.1", 0, Family.ANY), BindSocketOptions.DEFAULTS);
        int port = port(endpoint);
        CompletableFuture<Void> first = echoOnce(endpoint);
        assertEquals("A", exchange(Connector.connect(AddressParser.parseServer("127.0.0.1:+1"), port - 1, 2000), "a"));
        first.get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> second = echoOnce(endpoint);
        assertEquals("B", exchange(Connector.connect(AddressParser.parseServer("127.0.0.1"), port, 2000), "b"));
        second.get(5, TimeUnit.SECONDS);
        assertThrows(IOException.class, () -> Connector.connect(AddressParser.parseServer("127.0.0.1"), 2000));
    }

    @Test
    void portRangeBindsOneEndpointPerPort() throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            int low = ThreadLocalRandom.current().nextInt(20000, 60000);
            List<ListeningEndpoint> all;
            try {
                all = Endpoints.bind(AddressParser.parseBind("127.0.0.1:" + low + "-" + (low + 2)).get(0),
                        BindSocketOptions.DEFAULTS);
            } catch (IOException busy) {
                assertTrue(busy.getMessage().startsWith("cannot bind socket ("), busy.getMessage());
                continue;
            }
            toClose.addAll(all);
            assertEquals(List.of("127.0.0.1:" + low, "127.0.0.1:" + (low + 1), "127.0.0.1:" + (low + 2)),
                    all.stream().map(ListeningEndpoint::describe).toList());
            assertEchoes(all.get(2), new Address.Inet("127.0.0.1", low + 2, Family.ANY));
            return;
        }
        throw new AssertionError("no free port range found");
    }

    @Test
    void bindingAPortInUseFailsWithHaproxyWording() throws Exception {
        ListeningEndpoint endpoint = bindOne(new Address.Inet("127.0.0.1", 0, Family.ANY), BindSocketOptions.DEFAULTS);
        IOException e = assertThrows(IOException.class, () -> Endpoints.bind(
                new Address.Inet("127.0.0.1", port(endpoint), Family.ANY), BindSocketOptions.DEFAULTS));
        assertEquals("cannot bind socket (Address already in use) [127.0.0.1:" + port(endpoint) + "]", e.getMessage());
    }

    @Test
    void ipv6WildcardAcceptsIpv4UnlessV6only() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/net/if_inet6")), "no IPv6 on this host");
        ListeningEndpoint dual = bindOne(new Address.Inet("::", 0, Family.ANY), BindSocketOptions.DEFAULTS);
        assertEchoes(dual, new Address.Inet("127.0.0.1", port(dual), Family.ANY));

        BindSocketOptions v6only = new BindSocketOptions(0, false, true, null, null, null, true);
        ListeningEndpoint only = bindOne(new Address.Inet("::", 0, Family.ANY), v6only);
        assertThrows(IOException.class,
                () -> Connector.connect(new Address.Inet("127.0.0.1", port(only), Family.ANY), 2000));
        assertEchoes(only, new Address.Inet("::1", port(only), Family.ANY));
    }

    @Test
    void unixPathEchoWithModeAndStaleFileRemoval() throws Exception {
        Path path = dir.resolve("s.sock");
        BindSocketOptions mode600 = new BindSocketOptions(0, false, false, 0600, null, null, true);
        ListeningEndpoint first = bindOne(new Address.UnixPath(path), mode600);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        assertEquals(path.toString(), first.describe());
        assertEchoes(first, new Address.UnixPath(path));

        IOException busy = assertThrows(IOException.class,
                () -> Endpoints.bind(new Address.UnixPath(path), BindSocketOptions.DEFAULTS));
        assertEquals("cannot bind UNIX socket (Address already in use) [" + path + "]", busy.getMessage());

        first.close();
        assertTrue(Files.exists(path), "the JDK leaves the socket file behind");
        ListeningEndpoint second = bindOne(new Address.UnixPath(path), BindSocketOptions.DEFAULTS);
        assertEchoes(second, new Address.UnixPath(path));
    }

    @Test
    void unixPathNeverDeletesARegularFile() throws Exception {
        Path path = dir.resolve("not-a-socket");
        Files.writeString(path, "data");
        assertThrows(IOException.class, () -> Endpoints.bind(new Address.UnixPath(path), BindSocketOptions.DEFAULTS));
        assertEquals("data", Files.readString(path));
    }

    @Test
    void abnsPadsTheNameToTheWholeSunPath() throws Exception {
        String name = uniqueName();
        ListeningEndpoint endpoint = bindOne(new Address.AbstractName(name, false), BindSocketOptions.DEFAULTS);
        assertEquals("abns@" + name, endpoint.describe());
        String padded = "@" + name + "@".repeat(AbstractSockets.SUN_PATH_LENGTH - 1 - name.length());
        assertTrue(unixSocketPaths().contains(padded), () -> "missing " + padded + " in /proc/net/unix");
        assertEchoes(endpoint, new Address.AbstractName(name, false));
    }

    @Test
    void abnszUsesTheNameOnly() throws Exception {
        String name = uniqueName();
        ListeningEndpoint endpoint = bindOne(new Address.AbstractName(name, true), BindSocketOptions.DEFAULTS);
        assertTrue(unixSocketPaths().contains("@" + name));
        assertEchoes(endpoint, new Address.AbstractName(name, true));
    }

    @Test
    void abnsAndAbnszOfTheSameNameNeverMeet() throws Exception {
        String name = uniqueName();
        bindOne(new Address.AbstractName(name, false), BindSocketOptions.DEFAULTS);
        assertThrows(IOException.class, () -> Connector.connect(new Address.AbstractName(name, true), 2000));
        String other = uniqueName();
        bindOne(new Address.AbstractName(other, true), BindSocketOptions.DEFAULTS);
        assertThrows(IOException.class, () -> Connector.connect(new Address.AbstractName(other, false), 2000));
    }

    @Test
    void abandonedJunixsocketObjectsDoNotCloseTheAdoptedDescriptor() throws Exception {
        String name = uniqueName();
        ListeningEndpoint endpoint = bindOne(new Address.AbstractName(name, false), BindSocketOptions.DEFAULTS);
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertEchoes(endpoint, new Address.AbstractName(name, false));
    }

    @Test
    void unixSocketsHonourSoTimeout() throws Exception {
        String name = uniqueName();
        ListeningEndpoint endpoint = bindOne(new Address.AbstractName(name, true), BindSocketOptions.DEFAULTS);
        try (Socket client = Connector.connect(new Address.AbstractName(name, true), 2000);
                Socket accepted = endpoint.accept()) {
            accepted.setSoTimeout(100);
            assertThrows(SocketTimeoutException.class, () -> accepted.getInputStream().read());
            client.getOutputStream().write(7);
            assertEquals(7, accepted.getInputStream().read());
        }
    }

    /**
     * Many virtual threads blocked reading unix sockets must not delay an accept. This fails when
     * the blocking goes through junixsocket 2.10, whose virtual-thread polling runs one task per
     * blocked descriptor on a small shared pool.
     */
    @Test
    void blockedUnixReadersDoNotDelayAccept() throws Exception {
        String name = uniqueName();
        Address address = new Address.AbstractName(name, false);
        ListeningEndpoint endpoint = bindOne(address, BindSocketOptions.DEFAULTS);
        List<Socket> clients = new ArrayList<>();
        List<CompletableFuture<Integer>> reads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clients.add(Connector.connect(address, 2000));
            Socket accepted = endpoint.accept();
            toClose.add(accepted);
            CompletableFuture<Integer> read = new CompletableFuture<>();
            reads.add(read);
            Thread.ofVirtual().start(() -> {
                try {
                    read.complete(accepted.getInputStream().read());
                } catch (IOException e) {
                    read.completeExceptionally(e);
                }
            });
        }
        toClose.addAll(clients);
        Thread.sleep(200);
        CompletableFuture<Socket> late = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                late.complete(endpoint.accept());
            } catch (IOException e) {
                late.completeExceptionally(e);
            }
        });
        toClose.add(Connector.connect(address, 2000));
        toClose.add(late.get(5, TimeUnit.SECONDS));
        assertTrue(reads.stream().noneMatch(CompletableFuture::isDone), "readers were still blocked");
        for (Socket client : clients) {
            client.getOutputStream().write(42);
        }
        for (CompletableFuture<Integer> read : reads) {
            assertEquals(42, read.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void inheritedTcpDescriptor() throws Exception {
        ServerSocketChannel parent = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        int port = ((InetSocketAddress) parent.getLocalAddress()).getPort();
        int fd = adoptNumber(parent);
        ListeningEndpoint endpoint = bindOne(new Address.InheritedFd(fd), BindSocketOptions.DEFAULTS);
        assertEquals("fd@" + fd, endpoint.describe());
        assertEquals(port, port(endpoint));
        assertEchoes(endpoint, new Address.Inet("127.0.0.1", port, Family.ANY));
    }

    @Test
    void inheritedUnixDescriptor() throws Exception {
        Path path = dir.resolve("inherited.sock");
        ServerSocketChannel parent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(path));
        ListeningEndpoint endpoint = bindOne(new Address.InheritedFd(adoptNumber(parent)), BindSocketOptions.DEFAULTS);
        assertEchoes(endpoint, new Address.UnixPath(path));
    }

    @Test
    void inheritedDescriptorMustBeASocket() throws Exception {
        try (FileInputStream file = new FileInputStream("/dev/null")) {
            int fd = ChannelBridge.number(file.getFD());
            IOException e = assertThrows(IOException.class,
                    () -> Endpoints.bind(new Address.InheritedFd(fd), BindSocketOptions.DEFAULTS));
            assertEquals("cannot use file descriptor '" + fd + "' : Socket operation on non-socket.", e.getMessage());
        }
        IOException closed = assertThrows(IOException.class,
                () -> Endpoints.bind(new Address.InheritedFd(999_999), BindSocketOptions.DEFAULTS));
        assertFalse(closed.getMessage().isEmpty());
    }

    /**
     * Simulates inheritance: takes the descriptor away from the channel that created it (which
     * is left holding -1, so it can never close it) and returns its number, as a parent would
     * pass it to Shuttle.
     */
    private static int adoptNumber(ServerSocketChannel parent) throws Exception {
        FileDescriptor fd = (FileDescriptor) Class.forName("sun.nio.ch.SelChImpl").getMethod("getFD").invoke(parent);
        return ChannelBridge.number(ChannelBridge.takeOver(fd));
    }

    private static List<String> unixSocketPaths() throws IOException {
        return Files.readAllLines(Path.of("/proc/net/unix")).stream()
                .map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length > 7)
                .map(columns -> columns[7])
                .toList();
    }
}
