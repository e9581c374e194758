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

    /** The type of the values, after the last converter. */
    SampleType outputType();

    /** Where the expression can be evaluated; a rule in another phase is a configuration error. */
    Set<Phase> usableIn();

    /** The expression as written, for messages. */
    String text();
}
