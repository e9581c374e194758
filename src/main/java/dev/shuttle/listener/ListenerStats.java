package dev.shuttle.listener;

import dev.shuttle.sample.Casts;
import dev.shuttle.stats.TrafficCounters;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The separate counters of one listener of a frontend with {@code option socket-stats}
 * (configuration.txt §4.2): what {@code show stat} reports on the listener's own row (type 3),
 * as HAProxy 3.5 fills it (stats-proxy.c, stats_fill_li_line()): its sessions now, at most and in
 * all, its connections, bytes, denials and request errors, its {@code maxconn}, status, address
 * and protocol.
 *
 * <p>The acceptor and the connection threads count here without a lock (adders, as the
 * frontend's own counters).
 */
public final class ListenerStats {
    private final int id;
    private final String name;
    private final int maxconn;
    private final String guid;
    private final TrafficCounters counters = new TrafficCounters();
    private final AtomicInteger currentConnections = new AtomicInteger();

    /**
     * @param id      the listener's id ({@code id} bind option, else numbered at start)
     * @param name    its {@code name} bind option, empty for none: it is then {@code sock-<id>}, as in 3.5
     * @param maxconn its bind line's {@code maxconn}, 0 for none
     * @param guid    its guid ({@code guid-prefix}, then '-' and its position on the line), empty for none
     */
    public ListenerStats(int id, String name, int maxconn, String guid) {
        this.guid = guid;
        this.id = id;
        this.name = name.isEmpty() ? "sock-" + id : name;
        this.maxconn = maxconn;
    }

    /** Its guid, empty for none: a stats-file names it by this. */
    public String guid() {
        return guid;
    }

    /** The {@code sid} of its row. */
    public int id() {
        return id;
    }

    /** The {@code svname} of its row. */
    public String name() {
        return name;
    }

    /** The {@code slim} of its row: its bind line's {@code maxconn}, 0 for none. */
    public int maxconn() {
        return maxconn;
    }

    /** What its connections add up to: the frontend's counters, for this listener alone. */
    public TrafficCounters counters() {
        return counters;
    }

    public int currentConnections() {
        return currentConnections.get();
    }

    /** "OPEN", or "FULL" while its {@code maxconn} is reached (3.5's listener statuses). */
    public String status() {
        return maxconn == 0 || currentConnections.get() < maxconn ? "OPEN" : "FULL";
    }

    void accepted() {
        counters.connectionAccepted();
        counters.sessionStarted();
    }

    void served() {
        counters.sessionsOpen(currentConnections.incrementAndGet());
    }

    void ended() {
        currentConnections.decrementAndGet();
    }

    /**
     * The {@code addr} column: {@code ip:port}, {@code [ipv6]:port} (inet_ntop's compressed form),
     * or {@code unix} for a UNIX socket, abstract or not.
     */
    public static String addressText(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            boolean v6 = inet.getAddress() instanceof Inet6Address;
            String host = v6 ? Casts.ipv6Text(inet.getAddress().getAddress()) : inet.getAddress().getHostAddress();
            return (v6 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return "unix";
    }

    /**
     * The {@code proto} column: 3.5's protocol names ({@code tcpv4}, {@code tcpv6},
     * {@code unix_stream}, {@code abns_stream}, {@code abnsz_stream}).
     *
     * @param described the address as {@link ListeningEndpoint#describe()} writes it
     */
    public static String protocolName(SocketAddress address, String described) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress() instanceof Inet6Address ? "tcpv6" : "tcpv4";
        }
        if (described.startsWith("abnsz@")) {
            return "abnsz_stream";
        }
        return described.startsWith("abns@") ? "abns_stream" : "unix_stream";
    }
}
