package dev.shuttle.sample;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled sample expression, {@code fetch(args),converter(args),...} (configuration.txt §7.3):
 * parsed and checked once at configuration load, evaluated cheaply per stream.
 */
public interface SampleExpression {
    /**
     * The expression's value where HAProxy takes one value (rule arguments, log formats, maps):
     * empty when the fetch found nothing or a converter could not convert.
     */
    Optional<Sample> evaluate(SampleContext context);

    /**
     * Every value, for ACL matching: a multi-valued fetch such as {@code req.hdr(x)} yields each
     * occurrence, each passed through the converters; an ACL matches when any value does.
     */
    List<Sample> evaluateAll(SampleContext context);

    /**
     * The converters alone applied to {@code input}, the fetch left out: how {@code balance log-hash}
     * runs its converter list over a log message (HAProxy compiles it behind a dummy fetch). Empty
     * when a converter cannot convert.
     */
    default Optional<Sample> applyConverters(Sample input, SampleContext context) {
        throw new UnsupportedOperationException("'" + text() + "' has no converters to apply alone");
    }

    /** The type of the values, after the last converter. */
    SampleType outputType();

    /** Where the expression can be evaluated; a rule in another phase is a configuration error. */
    Set<Phase> usableIn();

    /** The expression as written, for messages. */
    String text();

    /**
     * A proxy or server named by an argument ({@code nbsrv(app)}, {@code srv_conn(app/s1)}), or
     * left to mean the current proxy ({@code name} null), for the configuration to check once every
     * proxy is known, with haproxy's message: "unable to find backend 'app' referenced in arg 1 of
     * sample fetch keyword 'nbsrv' ...".
     *
     * @param type      {@link ArgType#BACKEND}, {@link ArgType#FRONTEND} or {@link ArgType#SERVER}
     * @param converter whether {@code keyword} is a converter rather than the fetch
     * @param position  the argument's position, from 1
     */
    record ProxyReference(ArgType type, String name, String keyword, boolean converter, int position) {}

    /** Every proxy or server the arguments refer to, in order. */
    default List<ProxyReference> proxyReferences() {
        return List.of();
    }
}
