package dev.shuttle.backend;

import dev.shuttle.net.Address;
import dev.shuttle.net.ConnectOptions;
import dev.shuttle.net.Connector;
import dev.shuttle.net.HostResolver;
import dev.shuttle.net.Socks4;
import dev.shuttle.sample.ConnectionError;
import dev.shuttle.sample.KnownConnectionError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Opens a connection through a SOCKS4 proxy (configuration.txt §5.2, "socks4"): a TCP connection
 * to the proxy, the CONNECT request for the real destination, and the proxy's 8-byte reply, all
 * within the connect timeout, as HAProxy counts the handshake in the connection's establishment.
 * What goes wrong carries HAProxy's connection error (connection.c): the request could not be
 * written ({@code SOCKS4_SEND}), the proxy closed before its reply was whole ({@code SOCKS4_RECV}),
 * refused ({@code SOCKS4_DENY}), or the read failed ({@code SOCKS4_ABORT}); a proxy that does not
 * answer in time is a connect timeout.
 */
public final class Socks4Tunnel {
    private Socks4Tunnel() {}

    /**
     * A socket to {@code destination} through {@code proxy}, the proxy's reply consumed: the next
     * byte read is the destination's.
     *
     * @param timeoutMillis the whole connect timeout, proxy connect and handshake; 0 for none
     */
    public static Socket connect(Address.Inet proxy, InetSocketAddress destination, int timeoutMillis,
                                 ConnectOptions options) throws IOException {
        long started = System.nanoTime();
        Socket socket = Connector.connect(proxy, 0, timeoutMillis, options);
        try {
            long left = timeoutMillis == 0 ? 0
                    : Math.max(1, timeoutMillis - (System.nanoTime() - started) / 1_000_000);
            handshake(socket, destination, (int) left);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Asks the proxy at the other end of {@code socket} to connect to {@code destination}. */
    public static void handshake(Socket socket, InetSocketAddress destination, int timeoutMillis) throws IOException {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(Socks4.connectRequest(destination));
            out.flush();
        } catch (IOException e) {
            throw new KnownConnectionError(ConnectionError.SOCKS4_SEND, e);
        }
        int previousTimeout = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMillis);
        byte[] reply;
        try {
            InputStream in = socket.getInputStream();
            reply = in.readNBytes(Socks4.REPLY_LENGTH);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            throw new KnownConnectionError(ConnectionError.SOCKS4_ABORT, e);
        }
        if (reply.length < Socks4.REPLY_LENGTH) {
            throw new KnownConnectionError(ConnectionError.SOCKS4_RECV);
        }
        if (Socks4.replyCode(reply) != Socks4.GRANTED) {
            throw new KnownConnectionError(ConnectionError.SOCKS4_DENY);
        }
        socket.setSoTimeout(previousTimeout);
    }

    /** The socket address of {@code destination}, its port taken from the client's as a server line says. */
    static InetSocketAddress destination(Address.Inet destination, int clientPort) throws IOException {
        int port = destination.portOffset() ? clientPort + destination.portLow()
                : destination.hasNoPort() ? clientPort : destination.portLow();
        return new InetSocketAddress(HostResolver.resolve(destination), port);
    }
}
