package dev.shuttle.net;

import java.nio.file.Path;

/**
 * One socket address as written in a {@code bind} or {@code server} line, before any socket exists.
 *
 * <p>HAProxy manual, section 11 "Address formats": an address is a host (or {@code *}), an IPv4 or
 * IPv6 literal, a unix path starting with {@code /}, or a family-prefixed form ({@code ipv4@},
 * {@code ipv6@}, {@code unix@}, {@code abns@}, {@code abnsz@}, {@code fd@}). {@code toString()}
 * prints the address back in that syntax, for logs and runtime API outputs.
 */
public sealed interface Address {

    /** Which IP family an {@link Inet} address was forced to by its prefix. */
    enum Family {
        /** No prefix: the syntax of the host decides (IPv4 unless it is an IPv6 literal). */
        ANY,
        /** {@code ipv4@}, {@code tcp4@}: always IPv4. */
        IPV4,
        /** {@code ipv6@}, {@code tcp6@}: always IPv6. */
        IPV6
    }

    /**
     * A TCP address: host plus a port, a port range ({@code bind}), a port offset or no port
     * ({@code server}).
     *
     * @param host a literal IP, a host name, or {@code ""} for "any address" ({@code *} or empty)
     * @param portLow first port; for an offset, the signed offset; 0 when no port was given
     * @param portHigh last port of a range, equal to {@code portLow} for a single port
     * @param family the family forced by a prefix, or {@link Family#ANY}
     * @param portOffset true for a server's {@code +N}/{@code -N}: add N to the client's port
     */
    record Inet(String host, int portLow, int portHigh, Family family, boolean portOffset)
            implements Address {

        /** A single fixed port (or none, when {@code port} is 0). */
        public Inet(String host, int port, Family family) {
            this(host, port, port, family, false);
        }

        /** True for a server written without a port: connect to the port the client reached. */
        public boolean hasNoPort() {
            return !portOffset && portLow == 0;
        }

        /** True when {@link #host()} is a wildcard ({@code *}, empty, {@code 0.0.0.0} or {@code ::}). */
        public boolean isAnyAddress() {
            return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
        }

        /** The number of ports this address covers (1 for a single port). */
        public int portCount() {
            return portOffset ? 1 : portHigh - portLow + 1;
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            switch (family) {
                case IPV4 -> out.append("ipv4@");
                case IPV6 -> out.append("ipv6@");
                case ANY -> { }
            }
            out.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
            if (portOffset) {
                out.append(':').append(portLow >= 0 ? "+" : "").append(portLow);
            } else if (portLow != 0) {
                out.append(':').append(portLow);
                if (portHigh != portLow) {
                    out.append('-').append(portHigh);
                }
            }
            return out.toString();
        }
    }

    /** {@code fd@<n>}: a socket inherited from the parent process, already bound. */
    record InheritedFd(int fd) implements Address {
        @Override
        public String toString() {
            return "fd@" + fd;
        }
    }

    /** {@code unix@<path>} or a bare path starting with {@code /}: a unix socket in the filesystem. */
    record UnixPath(Path path) implements Address {
        @Override
        public String toString() {
            String text = path.toString();
            return text.startsWith("/") ? text : "unix@" + text;
        }
    }

    /**
     * {@code abns@<name>} or {@code abnsz@<name>}: a Linux abstract-namespace unix socket.
     *
     * <p>The two differ only in the address length handed to the kernel: {@code abns} pads the name
     * with NUL bytes up to the whole {@code sun_path} (108 bytes), as HAProxy always did, while
     * {@code abnsz} passes the name only, as socat and most other programs do. The kernel compares
     * those bytes exactly, so the two never reach each other even for the same name.
     *
     * @param zeroTerminated true for {@code abnsz@}
     */
    record AbstractName(String name, boolean zeroTerminated) implements Address {
        @Override
        public String toString() {
            return (zeroTerminated ? "abnsz@" : "abns@") + name;
        }
    }
}
