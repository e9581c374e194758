package dev.shuttle.config;

import dev.shuttle.lang.SourceLocation;
import dev.shuttle.net.Address;
import dev.shuttle.net.BindSocketOptions;
import java.util.List;

/**
 * One {@code bind} line of a frontend: the addresses to listen on and the options that apply to each.
 *
 * @param text       the address argument as written, for messages ({@code :8080,:8081})
 * @param name       the listener's name in logs and stats ({@code name} option), or empty
 * @param maxconn    the most connections this bind accepts at once; 0 = no own limit
 */
public record BindConfig(SourceLocation where, String text, List<Address> addresses, String name, int maxconn,
                         BindSocketOptions socketOptions) {
    public BindConfig {
        addresses = List.copyOf(addresses);
    }
}
