package dev.shuttle.sample;

import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The header and cookie fetches shared by both directions ({@code req.hdr} and {@code res.hdr},
 * {@code req.cook} and {@code res.cook}...), built once for a {@link Side}, plus the phase sets
 * every HTTP fetch family uses. Registered by {@link HttpRequestFetches} and
 * {@link HttpResponseFetches}.
 */
final class HttpHeaderFetches {
    private HttpHeaderFetches() {}

    /*
     * Where each fetch works, as haproxy 2.6 checks it ("may not be reliably used here because
     * it needs 'HTTP request headers' which is not available here"): the request's headers,
     * URI and body only while the request is analysed (tcp-request content, http-request,
     * use_backend), the response's only while it is analysed (http-response and
     * http-after-response), neither in log-format. What haproxy keeps for the whole stream
     * (method, http_first_req, captures, status, unique-id) is usable later and in logs.
     */
    static final Set<Phase> REQUEST = EnumSet.of(Phase.REQUEST_CONTENT, Phase.HTTP_REQUEST);
    static final Set<Phase> REQUEST_PERMANENT = EnumSet.of(Phase.REQUEST_CONTENT, Phase.HTTP_REQUEST,
            Phase.RESPONSE_CONTENT, Phase.HTTP_RESPONSE, Phase.HTTP_AFTER_RESPONSE, Phase.LOG);
    static final Set<Phase> RESPONSE = EnumSet.of(Phase.RESPONSE_CONTENT, Phase.HTTP_RESPONSE, Phase.HTTP_AFTER_RESPONSE);
    static final Set<Phase> RESPONSE_PERMANENT = EnumSet.of(Phase.RESPONSE_CONTENT, Phase.HTTP_RESPONSE,
            Phase.HTTP_AFTER_RESPONSE, Phase.LOG);
    /** {@code hdr()} and {@code cookie()}: the request's in request rules, the response's in response rules. */
    static final Set<Phase> EITHER = EnumSet.of(Phase.REQUEST_CONTENT, Phase.HTTP_REQUEST,
            Phase.RESPONSE_CONTENT, Phase.HTTP_RESPONSE, Phase.HTTP_AFTER_RESPONSE);

    /** The message whose headers a fetch reads. */
    enum Side {
        REQUEST, RESPONSE, CURRENT;

        Optional<HeaderList> headers(SampleContext context) {
            return isResponse(context)
                    ? context.response().map(ResponseHead::headers)
                    : context.request().map(RequestHead::headers);
        }

        /** Whether this side, in this context, is the response ({@code Set-Cookie} for cookies). */
        boolean isResponse(SampleContext context) {
            return switch (this) {
                case REQUEST -> false;
                case RESPONSE -> true;
                case CURRENT -> RESPONSE_PHASES.contains(context.phase());
            };
        }
    }

    /** {@link #RESPONSE} under a name that {@link Side}'s own RESPONSE constant does not hide. */
    private static final Set<Phase> RESPONSE_PHASES = RESPONSE;

    static final List<ArgType> NAME_AND_OCCURRENCE = List.of(ArgType.STR, ArgType.SINT);
    static final List<ArgType> ONE_STRING = List.of(ArgType.STR);

    /**
     * {@code hdr([name[,occ]])} with {@code splitCommas}, {@code fhdr} without. Without any
     * argument nothing is found, but an empty name means every header (haproxy 2.6:
     * {@code req.hdr} fails where {@code req.hdr()} returns the last value of the last header).
     */
    static FetchDefinition.Function header(Side side, boolean splitCommas) {
        return (arguments, context, allValues) -> side.headers(context)
                .filter(headers -> arguments.has(0))
                .map(headers -> HttpHeaderValues.strings(HttpHeaderValues.pick(
                        HttpHeaderValues.values(headers, arguments.str(0), splitCommas), occurrence(arguments), allValues)))
                .orElse(List.of());
    }

    /** {@code hdr_cnt([name])} with {@code splitCommas}, {@code fhdr_cnt} without; no name counts every header. */
    static FetchDefinition.Function count(Side side, boolean splitCommas) {
        return (arguments, context, allValues) -> side.headers(context)
                .map(headers -> List.of(Sample.sint(HttpHeaderValues.values(headers, name(arguments), splitCommas).size())))
                .orElse(List.of());
    }

    /** {@code hdr_ip([name[,occ]])}: the chosen values that read as addresses. */
    static FetchDefinition.Function address(Side side) {
        return (arguments, context, allValues) -> side.headers(context)
                .filter(headers -> arguments.has(0))
                .map(headers -> HttpHeaderValues.convert(HttpHeaderValues.pick(
                                HttpHeaderValues.values(headers, arguments.str(0), true), occurrence(arguments), allValues),
                        value -> IpLiterals.headerAddress(value).map(Sample::address)))
                .orElse(List.of());
    }

    /** {@code hdr_val([name[,occ]])}: the chosen values read as integers, leniently. */
    static FetchDefinition.Function integer(Side side) {
        return (arguments, context, allValues) -> side.headers(context)
                .filter(headers -> arguments.has(0))
                .map(headers -> HttpHeaderValues.convert(HttpHeaderValues.pick(
                                HttpHeaderValues.values(headers, arguments.str(0), true), occurrence(arguments), allValues),
                        value -> Optional.of(Sample.sint(HttpHeaderValues.lenientInteger(value)))))
                .orElse(List.of());
    }

    /** {@code hdrs}: the header block as text. */
    static FetchDefinition.Function block(Side side) {
        return (arguments, context, allValues) -> side.headers(context)
                .map(headers -> List.of(Sample.str(HttpHeaderValues.block(headers))))
                .orElse(List.of());
    }

    /** {@code hdrs_bin}: the header block in SPOE binary form. */
    static FetchDefinition.Function binaryBlock(Side side) {
        return (arguments, context, allValues) -> side.headers(context)
                .map(headers -> List.of(Sample.bin(HttpHeaderValues.binaryBlock(headers))))
                .orElse(List.of());
    }

    /** {@code hdr_names([delim])}. */
    static FetchDefinition.Function names(Side side) {
        return (arguments, context, allValues) -> side.headers(context)
                .map(headers -> List.of(Sample.str(HttpHeaderValues.names(headers, arguments.has(0) ? arguments.str(0) : null))))
                .orElse(List.of());
    }

    /** {@code cook([name])}: the last cookie of that name, or the first of all; every one for ACLs. */
    static FetchDefinition.Function cookie(Side side) {
        return (arguments, context, allValues) -> side.headers(context)
                .map(headers -> HttpHeaderValues.strings(CookieParser.pick(
                        CookieParser.values(headers, side.isResponse(context), name(arguments)), name(arguments), allValues)))
                .orElse(List.of());
    }

    /** {@code cook_cnt([name])}. */
    static FetchDefinition.Function cookieCount(Side side) {
        return (arguments, context, allValues) -> side.headers(context)
                .map(headers -> List.of(Sample.sint(CookieParser.find(headers, side.isResponse(context), name(arguments)).size())))
                .orElse(List.of());
    }

    /** {@code cook_val([name])}: as {@code cook}, read as integers, leniently. */
    static FetchDefinition.Function cookieInteger(Side side) {
        return (arguments, context, allValues) -> side.headers(context)
                .map(headers -> HttpHeaderValues.convert(CookieParser.pick(
                                CookieParser.values(headers, side.isResponse(context), name(arguments)), name(arguments), allValues),
                        value -> Optional.of(Sample.sint(HttpHeaderValues.lenientInteger(value)))))
                .orElse(List.of());
    }

    /** {@code cook_names([delim])}: the cookie names joined by the delimiter (a comma by default). */
    static FetchDefinition.Function cookieNames(Side side) {
        return (arguments, context, allValues) -> side.headers(context)
                .map(headers -> {
                    String delimiter = arguments.has(0) && !arguments.str(0).isEmpty() ? arguments.str(0).substring(0, 1) : ",";
                    return List.of(Sample.str(String.join(delimiter, CookieParser.names(headers, side.isResponse(context)))));
                })
                .orElse(List.of());
    }

    /** The name argument, empty when absent (for the fetches where both mean "any"). */
    static String name(Arguments arguments) {
        return arguments.has(0) ? arguments.str(0) : "";
    }

    private static Long occurrence(Arguments arguments) {
        return arguments.has(1) ? arguments.sint(1) : null;
    }

    /** Registers one fetch under each of its names (the current one first, then deprecated aliases). */
    static void define(SampleRegistry registry, List<String> names, List<ArgType> argTypes, int requiredArgs,
                         SampleType output, Set<Phase> phases, FetchDefinition.Function function) {
        for (String name : names) {
            registry.registerFetch(new FetchDefinition(name, argTypes, requiredArgs, output, phases, function));
        }
    }
}
