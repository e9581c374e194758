package dev.shuttle.config;

import dev.shuttle.lang.SourceLocation;
import dev.shuttle.net.Address;
import dev.shuttle.net.BindSocketOptions;
import java.util.List;
import java.util.Optional;

/**
 * One {@code bind} line of a frontend: the addresses to listen on and the options that apply to each.
 *
 * @param text       the address argument as written, for messages ({@code :8080,:8081})
 * @param name       the listener's name in logs and stats ({@code name} option), or empty
 * @param maxconn    the most connections this bind accepts at once; 0 = no own limit
 * @param tls        its TLS settings, for a {@code bind ... ssl} line
 * @param acceptProxy whether every connection must start with a PROXY header ({@code accept-proxy})
 * @param id         the listener's id ({@code id} option, a single-address line only); 0 = numbered at start
 * @param guidPrefix {@code guid-prefix}: each listener of the line has the guid {@code <prefix>-<n>}, n its
 *                   position on the line from 0; empty for none
 * @param muxProtocol the protocol every connection speaks ({@code proto h1|h2}), or empty: the mode's
 *                    and ALPN's choice
 */
public record BindConfig(SourceLocation where, String text, List<Address> addresses, String name, int maxconn,
                         BindSocketOptions socketOptions, Optional<TlsBindSettings> tls, boolean acceptProxy,
                         int id, String guidPrefix, String muxProtocol) {
    public BindConfig {
        addresses = List.copyOf(addresses);
    }

    /** A bind line without {@code proto}. */
    public BindConfig(SourceLocation where, String text, List<Address> addresses, String name, int maxconn,
                      BindSocketOptions socketOptions, Optional<TlsBindSettings> tls, boolean acceptProxy, int id,
                      String guidPrefix) {
        this(where, text, addresses, name, maxconn, socketOptions, tls, acceptProxy, id, guidPrefix, "");
    }

    /** A bind line without an {@code id}, a {@code guid-prefix} or {@code proto}. */
    public BindConfig(SourceLocation where, String text, List<Address> addresses, String name, int maxconn,
                      BindSocketOptions socketOptions, Optional<TlsBindSettings> tls, boolean acceptProxy) {
        this(where, text, addresses, name, maxconn, socketOptions, tls, acceptProxy, 0, "", "");
    }

    /** A bind line without {@code accept-proxy}. */
    public BindConfig(SourceLocation where, String text, List<Address> addresses, String name, int maxconn,
                      BindSocketOptions socketOptions, Optional<TlsBindSettings> tls) {
        this(where, text, addresses, name, maxconn, socketOptions, tls, false);
    }

    /** A plain (not TLS) bind line. */
    public BindConfig(SourceLocation where, String text, List<Address> addresses, String name, int maxconn,
                      BindSocketOptions socketOptions) {
        this(where, text, addresses, name, maxconn, socketOptions, Optional.empty());
    }
}
