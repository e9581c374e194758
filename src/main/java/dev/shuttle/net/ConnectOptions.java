package dev.shuttle.net;

import java.util.Optional;

/**
 * How an outgoing TCP socket is set up before it connects: the local address it binds to
 * ({@code source}, configuration.txt §4.2 and §5.2) and the IP TOS byte of its packets ({@code
 * set-bc-tos}, applied with {@code IP_TOS}). A UNIX socket takes neither: they are ignored for it,
 * as the kernel would refuse them.
 *
 * @param source the local address and port (0: any port) to bind to, if any
 * @param tos    the TOS byte, 0 to 255, or -1 for the system's default
 */
public record ConnectOptions(Optional<Address.Inet> source, int tos) {
    /** No binding, the default TOS. */
    public static final ConnectOptions NONE = new ConnectOptions(Optional.empty(), -1);

    public ConnectOptions {
        if (tos < -1 || tos > 255) {
            throw new IllegalArgumentException("TOS out of range: " + tos);
        }
    }

    /** The same, with the TOS byte {@code newTos} (-1 for none). */
    public ConnectOptions withTos(int newTos) {
        return newTos == tos ? this : new ConnectOptions(source, newTos);
    }
}
