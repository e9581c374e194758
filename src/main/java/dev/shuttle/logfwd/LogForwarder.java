package dev.shuttle.logfwd;

import dev.shuttle.config.LogForwardConfig;
import dev.shuttle.listener.Endpoints;
import dev.shuttle.listener.ListeningEndpoint;
import dev.shuttle.log.LogClock;
import dev.shuttle.log.SyslogSender;
import dev.shuttle.net.Address;
import dev.shuttle.net.BindSocketOptions;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * One {@code log-forward} section at run time (configuration.txt §12.6): a virtual thread per
 * {@code dgram-bind} socket receives datagrams, one per {@code bind} socket accepts TCP senders,
 * each served by a virtual thread of its own (at most {@code maxconn} at once; further senders
 * wait in the listen queue), and every message is relayed to the section's {@code log} targets.
 * The sender never waits for a target (see {@link SyslogSender}).
 */
final class LogForwarder implements AutoCloseable {
    private final LogForwardConfig config;
    private final SyslogSender sender;
    private final LogClock clock;
    private final List<DatagramChannel> datagramSockets = new ArrayList<>();
    private final List<ListeningEndpoint> streamSockets = new ArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    private LogForwarder(LogForwardConfig config, SyslogSender sender, LogClock clock) {
        this.config = config;
        this.sender = sender;
        this.clock = clock;
        this.slots = new Semaphore(Math.max(1, config.maxconn()));
    }

    /** Binds every address of the section; on a failure, closes what was bound and says which. */
    static LogForwarder bind(LogForwardConfig config, SyslogSender sender, LogClock clock) throws IOException {
        LogForwarder forwarder = new LogForwarder(config, sender, clock);
        try {
            for (InetSocketAddress address : config.datagramBinds()) {
                DatagramChannel channel = DatagramChannel.open(address.getAddress() instanceof Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                forwarder.datagramSockets.add(channel);
                try {
                    channel.bind(address);
                } catch (IOException e) {
                    throw new IOException("Starting log-forward " + config.name() + ": cannot bind socket ("
                            + e.getMessage() + ") [" + address.getAddress().getHostAddress() + ":" + address.getPort()
                            + "]", e);
                }
            }
            // The listen queue: "backlog", else maxconn, as for a frontend's binds.
            BindSocketOptions options = new BindSocketOptions(config.backlog(), false, false, null, null, null, true)
                    .withDefaultBacklog(config.maxconn(), 0);
            for (Address address : config.streamBinds()) {
                try {
                    forwarder.streamSockets.addAll(Endpoints.bind(address, options));
                } catch (IOException e) {
                    throw new IOException("Starting log-forward " + config.name() + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            forwarder.close();
            throw e;
        }
        return forwarder;
    }

    void start() {
        for (DatagramChannel channel : datagramSockets) {
            threads.add(Thread.ofVirtual().name("log-forward-" + config.name() + "-dgram").start(() -> receive(channel)));
        }
        for (ListeningEndpoint endpoint : streamSockets) {
            threads.add(Thread.ofVirtual().name("log-forward-" + config.name() + "-accept").start(() -> accept(endpoint)));
        }
    }

    /** One datagram, one message; a final line feed is not part of it. */
    private void receive(DatagramChannel channel) {
        ByteBuffer buffer = ByteBuffer.allocate(StreamFraming.MAX_MESSAGE + 1);
        while (!closed) {
            try {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                buffer.flip();
                int length = buffer.remaining();
                if (length > 0 && buffer.get(length - 1) == '\n') {
                    length--;
                }
                relay(new String(buffer.array(), 0, length, StandardCharsets.ISO_8859_1), from);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void accept(ListeningEndpoint endpoint) {
        while (!closed) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            Socket socket;
            try {
                socket = endpoint.accept();
            } catch (IOException e) {
                slots.release();
                if (closed) {
                    return;
                }
                continue;
            }
            connections.add(socket);
            Thread.ofVirtual().name("log-forward-" + config.name() + "-conn").start(() -> serve(socket));
        }
    }

    /** Reads a sender's messages until it closes, stays silent beyond {@code timeout client}, or breaks its framing. */
    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.clientMillis()));
            StreamFraming framing = new StreamFraming(socket.getInputStream(), config.assumeNonTransparentFraming());
            SocketAddress from = socket.getRemoteSocketAddress();
            for (String message = framing.next(); message != null; message = framing.next()) {
                relay(message, from);
            }
        } catch (IOException e) {
            // a timeout, a reset or a broken frame ends this sender's connection only
        } finally {
            connections.remove(socket);
            slots.release();
        }
    }

    private void relay(String text, SocketAddress from) {
        SyslogMessage message;
        String senderIp = null;
        if (config.dontParse()) {
            message = SyslogMessage.unparsed(text);
        } else {
            message = SyslogParser.parse(text);
            if (from instanceof InetSocketAddress inet && inet.getAddress() != null) {
                senderIp = inet.getAddress().getHostAddress();
            }
        }
        String host = HostField.choose(config.host(), message.hostname(), senderIp);
        sender.relay(config.logs(), new ForwardedMessage(message, host, clock.epochMicros(), clock.zone()));
    }

    /** Stops receiving: closes the sockets, which ends every thread of the section. */
    @Override
    public void close() {
        closed = true;
        for (DatagramChannel channel : datagramSockets) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        streamSockets.forEach(ListeningEndpoint::close);
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.forEach(Thread::interrupt);
    }
}
