package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.listener.LiveStream;
import dev.shuttle.listener.StreamPhase;
import dev.shuttle.net.Address;
import dev.shuttle.net.SocketAddresses;
import dev.shuttle.server.Server;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The two formats of {@code show sess} (management.txt §9.3): one line per stream, and the
 * detailed block of {@code show sess <id>} and {@code show sess all}. HAProxy's fields are kept
 * where Shuttle has them (identifier, protocol, source, frontend, backend, server, age, calls, the
 * HTTP message states); HAProxy's scheduler and buffer internals have no counterpart (a stream is a
 * thread), so the line ends with where that thread is blocked instead, and the block with the top
 * frames of its stack.
 */
final class StreamDump {
    /** How many frames of a stream's thread {@code show sess <id>} prints. */
    static final int STACK_FRAMES = 12;
    /** The package prefix that tells Shuttle's frames from the JDK's. */
    private static final String OWN_CODE = "dev.shuttle.";
    private static final DateTimeFormatter ACCEPT_DATE =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSSSSS", Locale.ROOT);

    private StreamDump() {}

    /**
     * One stream on one line: {@code 0x<id>: proto=... src=... fe=... be=... srv=... ts=00 age=...
     * calls=... rq[st=...] rp[st=...] thread="..."}. {@code ts} (HAProxy's task state) is always
     * {@code 00}: a Shuttle stream has no task; its thread's state is in {@code thread=}.
     */
    static void line(LiveStream stream, long nowMillis, boolean showUri, StringBuilder out) {
        StreamPhase phase = stream.phase();
        out.append("0x").append(Long.toHexString(stream.id())).append(": proto=").append(protocol(stream))
                .append(" src=").append(SocketAddresses.describe(stream.client()))
                .append(" fe=").append(stream.frontend().name())
                .append(" be=").append(orNone(StreamCommands.backendOf(stream), "<NONE>"))
                .append(" srv=").append(orNone(StreamCommands.serverOf(stream), "<none>"))
                .append(" ts=00 age=").append(HumanTime.seconds((nowMillis - stream.acceptedAtMillis()) / 1000))
                .append(" calls=").append(stream.requests());
        if (http(stream)) {
            out.append(" rq[st=").append(StreamPlace.requestState(phase)).append("] rp[st=")
                    .append(StreamPlace.responseState(phase)).append(']');
        }
        out.append(" thread=\"").append(StreamPlace.describe(stream)).append('"');
        if (showUri && stream.uri() != null && !StreamPlace.withoutRequest(phase)) {
            out.append(" uri=\"").append(stream.uri()).append('"');
        }
        out.append('\n');
    }

    /** The detailed block: the stream, its proxies and server with their ids, its HTTP states, its thread and stack. */
    static void detailed(LiveStream stream, ProcessView process, long nowMillis, StringBuilder out) {
        StreamPhase phase = stream.phase();
        out.append("0x").append(Long.toHexString(stream.id())).append(": [")
                .append(ACCEPT_DATE.format(Instant.ofEpochMilli(stream.acceptedAtMillis()).atZone(ZoneId.systemDefault())))
                .append("] id=").append(stream.id()).append(" proto=").append(protocol(stream))
                .append(" source=").append(SocketAddresses.describe(stream.client())).append('\n');
        out.append("  frontend=").append(stream.frontend().name()).append(" (id=")
                .append(stream.frontend().config().id()).append(" mode=")
                .append(stream.frontend().config().mode().keyword()).append(") addr=")
                .append(SocketAddresses.describe(stream.frontendAddress())).append('\n');
        String backendName = StreamCommands.backendOf(stream);
        Optional<Backend> backend = backendName == null ? Optional.empty()
                : ProxyLookup.backend(backendName, process);
        if (backend.isPresent()) {
            out.append("  backend=").append(backendName).append(" (id=").append(backend.get().config().id())
                    .append(" mode=").append(backend.get().config().mode().keyword()).append(")\n");
        } else {
            out.append("  backend=<NONE> (id=-1 mode=-)\n");
        }
        String serverName = StreamCommands.serverOf(stream);
        Optional<Server> server = serverName == null ? Optional.empty()
                : backend.flatMap(b -> ProxyLookup.server(serverName, b));
        if (server.isPresent()) {
            out.append("  server=").append(serverName).append(" (id=").append(server.get().config().id())
                    .append(") addr=").append(address(server.get().address())).append('\n');
        } else {
            out.append("  server=<NONE> (id=-1)\n");
        }
        out.append("  calls=").append(stream.requests()).append(" age=")
                .append(HumanTime.seconds((nowMillis - stream.acceptedAtMillis()) / 1000))
                .append(stream.killed() ? " killed" : "").append('\n');
        if (http(stream)) {
            out.append("  txn req.st=").append(StreamPlace.requestState(phase)).append(" rsp.st=")
                    .append(StreamPlace.responseState(phase));
            if (stream.uri() != null && !StreamPlace.withoutRequest(phase)) {
                out.append(" uri=\"").append(stream.uri()).append('"');
            }
            out.append('\n');
        }
        Thread thread = stream.thread();
        StackTraceElement[] stack = thread.getStackTrace();
        out.append("  thread=\"").append(thread.getName()).append("\" (id=").append(thread.threadId())
                .append(thread.isVirtual() ? " virtual" : "").append(" state=").append(thread.getState())
                .append(") place=\"").append(StreamPlace.describe(stream)).append("\"\n");
        frames(stack, out);
    }

    /**
     * The top of a stream's stack: the JDK's frames above Shuttle's (parking, the socket's internals)
     * summed up by the call Shuttle made into the JDK, then Shuttle's own frames, up to {@link
     * #STACK_FRAMES}.
     */
    static void frames(StackTraceElement[] stack, StringBuilder out) {
        int firstOwn = 0;
        while (firstOwn < stack.length && !stack[firstOwn].getClassName().startsWith(OWN_CODE)) {
            firstOwn++;
        }
        if (firstOwn == stack.length) {
            firstOwn = 0; // not in Shuttle's code at all (yet): the top frames as they are
        } else if (firstOwn > 0) {
            out.append("      at ").append(stack[firstOwn - 1]).append(" (").append(firstOwn - 1)
                    .append(" JDK frames above)\n");
        }
        int shown = 0;
        for (int i = firstOwn; i < stack.length && shown < STACK_FRAMES; i++, shown++) {
            out.append("      at ").append(stack[i]).append('\n');
        }
        if (stack.length - firstOwn > shown) {
            out.append("      ... ").append(stack.length - firstOwn - shown).append(" more\n");
        }
    }

    /** HAProxy's name of the frontend side's protocol: {@code tcpv4}, {@code tcpv6}, {@code unix_stream}. */
    private static String protocol(LiveStream stream) {
        SocketAddress local = stream.frontendAddress();
        if (local instanceof InetSocketAddress inet) {
            return inet.getAddress() instanceof Inet6Address ? "tcpv6" : "tcpv4";
        }
        return "unix_stream";
    }

    private static boolean http(LiveStream stream) {
        return stream.frontend().config().mode() == ProxyMode.HTTP;
    }

    private static String orNone(String name, String none) {
        return name == null ? none : name;
    }

    private static String address(Address address) {
        return address instanceof Address.Inet inet ? inet.host() + ":" + inet.portLow() : address.toString();
    }
}
