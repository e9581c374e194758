package dev.shuttle.config;

import dev.shuttle.lang.SourceLocation;
import dev.shuttle.net.Address;
import dev.shuttle.net.BindSocketOptions;

/**
 * A {@code stats socket} line of the global section: where the runtime API listens.
 *
 * @param level what its clients may do: {@code user}, {@code operator} or {@code admin}
 */
public record StatsSocketConfig(SourceLocation where, Address address, CliLevel level, BindSocketOptions socketOptions) {
    /** The access levels of the runtime API, least to most privileged (management.txt §9.3). */
    public enum CliLevel { USER, OPERATOR, ADMIN }
}
