package dev.shuttle.config;

import dev.shuttle.sample.SampleExpression;
import java.util.Optional;

/**
 * {@code option forwarded}: which RFC 7239 parameters the backend adds to the {@code Forwarded}
 * header of each request, and where each value comes from (configuration.txt, "option forwarded").
 * Without any parameter the option means {@code proto for}. A port ({@code by_port},
 * {@code for_port}) only goes with its node: alone, it is ignored.
 *
 * @param proto   {@code proto}: {@code http} or {@code https}, from the client connection
 * @param host    {@code host} (the request's Host) or {@code host-expr}
 * @param by      {@code by} (the address the client reached) or {@code by-expr}
 * @param byPort  {@code by_port} or {@code by_port-expr}
 * @param forNode {@code for} (the client's address) or {@code for-expr}
 * @param forPort {@code for_port} or {@code for_port-expr}
 */
public record ForwardedOption(boolean proto, Optional<Source> host, Optional<Source> by, Optional<Source> byPort,
                              Optional<Source> forNode, Optional<Source> forPort) {

    /** Where a parameter's value comes from. */
    public sealed interface Source {
        /** From the request or the connection, as the parameter's name says. */
        record Implicit() implements Source {}

        /** From a sample expression ({@code *-expr}). */
        record Expression(SampleExpression expression) implements Source {}
    }

    /** The value of a parameter without {@code -expr}. */
    public static final Source IMPLICIT = new Source.Implicit();

    /** {@code option forwarded} alone: {@code proto for}. */
    public static final ForwardedOption DEFAULT = new ForwardedOption(true, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.of(IMPLICIT), Optional.empty());
}
