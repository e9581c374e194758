package dev.shuttle.session;

import dev.shuttle.listener.Frontend;
import dev.shuttle.listener.LiveStream;
import dev.shuttle.listener.Supervisor;
import dev.shuttle.stats.TrafficCounters;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.proxyproto.AddressFamily;
import dev.shuttle.proxyproto.ProxyAddresses;
import dev.shuttle.proxyproto.ProxyHeader;
import dev.shuttle.sample.TlsConnection;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What belongs to one client connection rather than to one exchange on it (HAProxy's session): the
 * frontend and listener that accepted it, when, its addresses, its sample context (the
 * {@code sess} variables, what connection rules saw), and its place under the listener's
 * supervisor. Stages, muxes, exchanges, fetches and logs read the addresses here, never from the
 * socket.
 *
 * <p>Two pairs of addresses: the socket's own ({@link #socketClientAddress()}, {@link
 * #socketFrontendAddress()}: {@code fc_src}, {@code fc_dst}) and the ones the connection stands
 * for ({@link #clientAddress()}, {@link #frontendAddress()}: {@code src}, {@code dst}, the log's
 * client), which are the socket's own
 * until the PROXY-header stage replaces them ({@link #proxied}).
 *
 * <p>A TLS listener's stage adds what the handshake settled ({@link #tls()}: protocol, cipher, SNI,
 * ALPN, the client's certificate, the session), or why it failed ({@link #error()}); both are given
 * to the sample context as well, for the {@code ssl_fc*}, {@code ssl_c*} and {@code fc_err} fetches.
 *
 * <p>Owned by the connection's thread.
 */
public final class Session {
    private final Frontend frontend;
    private final String listenerName;
    private final Supervisor.Child child;
    private final long acceptedAtMillis;
    private final long acceptedNanos;
    private final SocketAddress socketClientAddress;
    private final SocketAddress socketFrontendAddress;
    private final SampleContext context;
    /** Its listener's own counters ({@code option socket-stats}), or null. */
    private final TrafficCounters listenerCounters;
    /** The connection as the runtime API sees it: its phase, backend and server, written as it goes. */
    private final LiveStream live;
    /**
     * What the later steps keep for the whole connection, one per type, shared by the sessions of
     * its streams ({@link #forStream()}), whose threads may ask at once: concurrent map.
     */
    private ConcurrentHashMap<Class<?>, Object> connectionWide = new ConcurrentHashMap<>();
    private SocketAddress clientAddress;
    private SocketAddress frontendAddress;
    private TlsConnection tls;
    private ConnectionError error;

    /**
     * @param acceptedAtMillis when it was accepted, a {@link System#currentTimeMillis()} value
     * @param acceptedNanos    the same instant, a {@link System#nanoTime()} value
     */
    public Session(Frontend frontend, String listenerName, Supervisor.Child child, long acceptedAtMillis,
                   long acceptedNanos, SocketAddress socketClientAddress, SocketAddress socketFrontendAddress,
                   SampleContext context) {
        this(frontend, listenerName, child, acceptedAtMillis, acceptedNanos, socketClientAddress, socketFrontendAddress,
                context, null);
    }

    /**
     * A session whose listener keeps its own counters too ({@code option socket-stats}).
     *
     * @param listenerCounters those counters, or null for none
     */
    public Session(Frontend frontend, String listenerName, Supervisor.Child child, long acceptedAtMillis,
                   long acceptedNanos, SocketAddress socketClientAddress, SocketAddress socketFrontendAddress,
                   SampleContext context, TrafficCounters listenerCounters) {
        this.listenerCounters = listenerCounters;
        this.frontend = frontend;
        this.listenerName = listenerName;
        this.child = child;
        this.acceptedAtMillis = acceptedAtMillis;
        this.acceptedNanos = acceptedNanos;
        this.socketClientAddress = socketClientAddress;
        this.socketFrontendAddress = socketFrontendAddress;
        this.clientAddress = socketClientAddress;
        this.frontendAddress = socketFrontendAddress;
        this.context = context;
        this.live = new LiveStream(frontend, Thread.currentThread(), acceptedAtMillis, socketClientAddress,
                socketFrontendAddress);
    }

    /**
     * A session for one stream of this connection (HTTP/2 runs each stream on its own thread): the
     * same frontend, listener, supervisor, addresses and TLS, a sample context of the stream's own
     * ({@link SampleContext#forStream()}), and a live entry made on the calling thread, the stream's.
     */
    public Session forStream() {
        Session stream = new Session(frontend, listenerName, child, acceptedAtMillis, acceptedNanos,
                socketClientAddress, socketFrontendAddress, context.forStream());
        stream.clientAddress = clientAddress;
        stream.frontendAddress = frontendAddress;
        stream.tls = tls;
        stream.error = error;
        stream.connectionWide = connectionWide;
        stream.live.client(clientAddress);
        return stream;
    }

    /**
     * The connection's one {@code type} object, made by {@code make} on first use and shared by the
     * sessions of all its streams (the stream step keeps there the server connections the client
     * session holds, HAProxy's {@code sess->priv_conns}).
     */
    public <T> T connectionWide(Class<T> type, Supplier<T> make) {
        return type.cast(connectionWide.computeIfAbsent(type, unused -> make.get()));
    }

    /**
     * The connection as {@code show sess} lists it (made on the connection's thread, whose stack it
     * shows); {@link ConnectionPipeline} registers it with the frontend while the connection lives.
     */
    public LiveStream live() {
        return live;
    }

    /**
     * The counters of the listener that accepted it, when its frontend has {@code option
     * socket-stats}, else null: what counts on the frontend counts there too.
     */
    public TrafficCounters listenerCounters() {
        return listenerCounters;
    }

    public Frontend frontend() {
        return frontend;
    }

    /** The {@code name} of the bind line that accepted the connection ({@code so_name}), or empty. */
    public String listenerName() {
        return listenerName;
    }

    /** The connection's place under its listener's supervisor: sockets registered there close on a stop. */
    public Supervisor.Child child() {
        return child;
    }

    public long acceptedAtMillis() {
        return acceptedAtMillis;
    }

    public long acceptedNanos() {
        return acceptedNanos;
    }

    /** The client the connection stands for: the socket's peer, or what a PROXY header said. */
    public SocketAddress clientAddress() {
        return clientAddress;
    }

    /** The address the client reached: the socket's own, or what a PROXY header said. */
    public SocketAddress frontendAddress() {
        return frontendAddress;
    }

    /** The socket's peer, whatever a PROXY header said ({@code fc_src}). */
    public SocketAddress socketClientAddress() {
        return socketClientAddress;
    }

    /** The socket's local address, whatever a PROXY header said ({@code fc_dst}). */
    public SocketAddress socketFrontendAddress() {
        return socketFrontendAddress;
    }

    /** The sample context of the connection's rules and exchanges. */
    public SampleContext context() {
        return context;
    }

    /**
     * The connection started with a PROXY header: when it names a client (a PROXY command over IPv4
     * or IPv6), its addresses are the connection's {@code src}/{@code dst} (and the log's client)
     * from now on; the socket's stay {@code fc_src}/{@code fc_dst}. LOCAL and {@code UNKNOWN}
     * headers keep the socket's addresses.
     */
    public void proxied(ProxyHeader header) {
        InetSocketAddress source = null;
        InetSocketAddress destination = null;
        if (header.carriesClient() && header.family() != AddressFamily.UNIX) {
            ProxyAddresses addresses = header.addresses().orElseThrow();
            source = inet(addresses.source(), addresses.sourcePort());
            destination = inet(addresses.destination(), addresses.destinationPort());
            clientAddress = source;
            frontendAddress = destination;
            live.client(source);
        }
        context.receivedProxyHeader(header, source, destination);
    }

    /** An IPv6 address stays IPv6 even when IPv4-mapped ({@code ::ffff:a.b.c.d}), as HAProxy keeps it. */
    private static InetSocketAddress inet(byte[] address, int port) {
        try {
            InetAddress ip = address.length == 16 ? Inet6Address.getByAddress(null, address, -1)
                    : InetAddress.getByAddress(address);
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address of 4 or 16 bytes was expected", e);
        }
    }

    /** What the TLS handshake settled, for a connection to a TLS listener. */
    public Optional<TlsConnection> tls() {
        return Optional.ofNullable(tls);
    }

    /** The TLS stage's handshake succeeded: the connection is TLS from now on. */
    public void secured(TlsConnection settled) {
        tls = settled;
        context.frontTls(settled);
    }

    /** Why a stage ended the connection ({@code fc_err}), if one did. */
    public Optional<ConnectionError> error() {
        return Optional.ofNullable(error);
    }

    /** A stage failed: {@code cause}, and the OpenSSL error code and reason behind it (0, "" for none). */
    public void failed(ConnectionError cause, int sslError, String sslErrorText) {
        error = cause;
        context.frontError(cause, sslError, sslErrorText);
    }
}
