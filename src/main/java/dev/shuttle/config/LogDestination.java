package dev.shuttle.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Where a {@code log} line's messages go (configuration.txt, "log", {@code <target>}): a syslog
 * server over UDP, a UNIX datagram socket, the process's standard output or error, a {@code ring}
 * section, or a syslog server over TCP through a ring of its own ({@code tcp@}).
 */
public sealed interface LogDestination {
    /** {@code udp@host:port}, {@code udp4@}, {@code udp6@}, or a bare address: one datagram per message. */
    record Datagram(InetSocketAddress address) implements LogDestination {}

    /** {@code /path} or {@code unix@path}: one datagram per message on a UNIX datagram socket ({@code /dev/log}). */
    record UnixDatagram(Path path) implements LogDestination {}

    /** {@code stdout}/{@code fd@1} (1) or {@code stderr}/{@code fd@2} (2). */
    record StandardStream(int fd) implements LogDestination {
        public boolean isStdout() {
            return fd == 1;
        }
    }

    /** {@code backend@<name>}: each message goes to one server of a {@code mode log} backend. */
    record Backend(String name) implements LogDestination {}

    /** {@code ring@<name>}: the messages go into the named {@code ring} section. */
    record Ring(String name) implements LogDestination {}

    /**
     * {@code tcp@host:port} (and {@code tcp4@}, {@code tcp6@}): as in HAProxy, an implicit ring
     * with one server that forwards its messages over TCP.
     */
    record StreamServer(InetSocketAddress address) implements LogDestination {}
}
