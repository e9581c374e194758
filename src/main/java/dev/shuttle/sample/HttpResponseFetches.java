package dev.shuttle.sample;

import static dev.shuttle.sample.HttpHeaderFetches.NAME_AND_OCCURRENCE;
import static dev.shuttle.sample.HttpHeaderFetches.ONE_STRING;
import static dev.shuttle.sample.HttpHeaderFetches.RESPONSE;
import static dev.shuttle.sample.HttpHeaderFetches.RESPONSE_PERMANENT;
import static dev.shuttle.sample.HttpHeaderFetches.define;

import dev.shuttle.sample.HttpHeaderFetches.Side;
import java.util.List;

/**
 * The response fetches of configuration.txt §7.3.6: {@code status}, {@code res.ver}, the
 * response headers ({@code res.hdr}...), the {@code Set-Cookie} cookies ({@code res.cook}...) and
 * the response captures. Header values follow the same rules as the request's
 * ({@link HttpHeaderValues}); cookies follow {@link CookieParser}'s response rules.
 */
public final class HttpResponseFetches {
    private HttpResponseFetches() {}

    private static byte[] responseBody(SampleContext context) {
        return context.responseBody().orElse(new byte[0]);
    }

    /** The whole body's announced length (Content-Length), else what arrived. */
    private static long responseBodySize(dev.shuttle.http.ResponseHead head, int available) {
        String length = head.headers().first("Content-Length");
        if (length != null) {
            try {
                return Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                return available;
            }
        }
        return available;
    }

    public static void register(SampleRegistry registry) {
        define(registry, List.of("status"), List.of(), 0, SampleType.SINT, RESPONSE_PERMANENT,
                (a, context, all) -> context.response().map(head -> List.of(Sample.sint(head.status()))).orElse(List.of()));
        define(registry, List.of("res.ver", "resp_ver"), List.of(), 0, SampleType.STR, RESPONSE_PERMANENT,
                (a, context, all) -> context.response().map(head -> List.of(Sample.str(version(head.version().text())))).orElse(List.of()));
        define(registry, List.of("capture.res.ver"), List.of(), 0, SampleType.STR, RESPONSE_PERMANENT,
                (a, context, all) -> context.response().map(head -> List.of(Sample.str(head.version().text()))).orElse(List.of()));
        // The body http-response wait-for-body buffered (configuration.txt §7.3.6, "res.body"): empty without it.
        define(registry, List.of("res.body"), List.of(), 0, SampleType.BIN, RESPONSE,
                (a, context, all) -> context.response().map(head -> List.of(Sample.bin(responseBody(context)))).orElse(List.of()));
        define(registry, List.of("res.body_len"), List.of(), 0, SampleType.SINT, RESPONSE,
                (a, context, all) -> context.response().map(head -> List.of(Sample.sint(responseBody(context).length)))
                        .orElse(List.of()));
        define(registry, List.of("res.body_size"), List.of(), 0, SampleType.SINT, RESPONSE,
                (a, context, all) -> context.response().map(head -> List.of(Sample.sint(responseBodySize(head,
                        responseBody(context).length)))).orElse(List.of()));
        define(registry, List.of("capture.res.hdr"), List.of(ArgType.SINT), 1, SampleType.STR, RESPONSE_PERMANENT,
                (arguments, context, all) -> HttpRequestFetches.captured(context.responseCaptures(), arguments.sint(0)));

        define(registry, List.of("res.hdr", "shdr"), NAME_AND_OCCURRENCE, 0, SampleType.STR, RESPONSE, HttpHeaderFetches.header(Side.RESPONSE, true));
        define(registry, List.of("res.fhdr"), NAME_AND_OCCURRENCE, 0, SampleType.STR, RESPONSE, HttpHeaderFetches.header(Side.RESPONSE, false));
        define(registry, List.of("res.hdr_cnt", "shdr_cnt"), ONE_STRING, 0, SampleType.SINT, RESPONSE, HttpHeaderFetches.count(Side.RESPONSE, true));
        define(registry, List.of("res.fhdr_cnt"), ONE_STRING, 0, SampleType.SINT, RESPONSE, HttpHeaderFetches.count(Side.RESPONSE, false));
        define(registry, List.of("res.hdr_ip", "shdr_ip"), NAME_AND_OCCURRENCE, 0, SampleType.IPV4, RESPONSE, HttpHeaderFetches.address(Side.RESPONSE));
        define(registry, List.of("res.hdr_val", "shdr_val"), NAME_AND_OCCURRENCE, 0, SampleType.SINT, RESPONSE, HttpHeaderFetches.integer(Side.RESPONSE));
        define(registry, List.of("res.hdrs"), List.of(), 0, SampleType.STR, RESPONSE, HttpHeaderFetches.block(Side.RESPONSE));
        define(registry, List.of("res.hdrs_bin"), List.of(), 0, SampleType.BIN, RESPONSE, HttpHeaderFetches.binaryBlock(Side.RESPONSE));
        define(registry, List.of("res.hdr_names"), ONE_STRING, 0, SampleType.STR, RESPONSE, HttpHeaderFetches.names(Side.RESPONSE));

        define(registry, List.of("res.cook", "scook", "set-cookie"), ONE_STRING, 0, SampleType.STR, RESPONSE, HttpHeaderFetches.cookie(Side.RESPONSE));
        define(registry, List.of("res.cook_cnt", "scook_cnt"), ONE_STRING, 0, SampleType.SINT, RESPONSE, HttpHeaderFetches.cookieCount(Side.RESPONSE));
        define(registry, List.of("res.cook_val", "scook_val"), ONE_STRING, 0, SampleType.SINT, RESPONSE, HttpHeaderFetches.cookieInteger(Side.RESPONSE));
        define(registry, List.of("res.cook_names"), ONE_STRING, 0, SampleType.STR, RESPONSE, HttpHeaderFetches.cookieNames(Side.RESPONSE));
    }

    /** {@code res.ver}: "1.1" for HTTP/1.1. */
    private static String version(String text) {
        return text.startsWith("HTTP/") ? text.substring(5) : text;
    }
}
