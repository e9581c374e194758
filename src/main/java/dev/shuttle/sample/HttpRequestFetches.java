package dev.shuttle.sample;

import static dev.shuttle.sample.HttpHeaderFetches.EITHER;
import static dev.shuttle.sample.HttpHeaderFetches.NAME_AND_OCCURRENCE;
import static dev.shuttle.sample.HttpHeaderFetches.ONE_STRING;
import static dev.shuttle.sample.HttpHeaderFetches.REQUEST;
import static dev.shuttle.sample.HttpHeaderFetches.REQUEST_PERMANENT;
import static dev.shuttle.sample.HttpHeaderFetches.define;

import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.RequestTarget;
import dev.shuttle.http.RequestTargetException;
import dev.shuttle.sample.HttpHeaderFetches.Side;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The request fetches of configuration.txt §7.3.6, "Fetching HTTP samples (Layer 7)": the
 * request line ({@code method}, {@code url}, {@code path}, {@code query}, {@code url_param},
 * {@code base}...), the headers and cookies ({@code req.hdr}, {@code req.cook}...), the body,
 * the Authorization header, the captures and the unique id. Behaviours were checked against
 * haproxy 2.6; the tests say which.
 */
public final class HttpRequestFetches {
    private HttpRequestFetches() {}

    public static void register(SampleRegistry registry) {
        requestLine(registry);
        headers(registry);
        body(registry);
        authorization(registry);
        kept(registry);
    }

    private static void requestLine(SampleRegistry registry) {
        define(registry, List.of("method"), List.of(), 0, SampleType.METH, REQUEST_PERMANENT,
                (a, context, all) -> received(context, line -> Sample.method(line.method())));
        simple(registry, List.of("url"), SampleType.STR, head -> Optional.of(Sample.str(head.target())));
        simple(registry, List.of("path"), SampleType.STR, head -> path(head).map(Sample::str));
        simple(registry, List.of("pathq"), SampleType.STR, head -> pathWithQuery(head).map(Sample::str));
        simple(registry, List.of("query"), SampleType.STR,
                head -> target(head).map(RequestTarget::query).map(Sample::str));
        // The version stays for the whole stream (HAProxy's SMP_USE_HRQHP): log-format may read it.
        define(registry, List.of("req.ver", "req_ver"), List.of(), 0, SampleType.STR, REQUEST_PERMANENT,
                (a, context, all) -> each(context, head -> Optional.of(Sample.str(version(head)))));
        simple(registry, List.of("url_ip"), SampleType.IPV4, head -> UrlAddress.parse(head.target()).map(u -> Sample.address(u.address())));
        simple(registry, List.of("url_port"), SampleType.SINT, head -> UrlAddress.parse(head.target()).map(u -> Sample.sint(u.port())));
        simple(registry, List.of("base"), SampleType.STR, head -> base(head, path(head)).map(Sample::str));
        simple(registry, List.of("baseq"), SampleType.STR, head -> base(head, pathWithQuery(head)).map(Sample::str));
        simple(registry, List.of("base32"), SampleType.SINT, head -> base(head, path(head)).map(b -> Sample.sint(hash32(b))));
        simple(registry, List.of("url32"), SampleType.SINT, head -> Optional.of(Sample.sint(hash32(hostOf(head) + head.target()))));
        withSource(registry, "base32+src", head -> base(head, path(head)));
        withSource(registry, "url32+src", head -> Optional.of(hostOf(head) + head.target()));

        List<ArgType> nameAndDelimiter = List.of(ArgType.STR, ArgType.STR);
        define(registry, List.of("url_param", "urlp"), nameAndDelimiter, 0, SampleType.STR, REQUEST, urlParameter(false));
        define(registry, List.of("urlp_val"), nameAndDelimiter, 0, SampleType.SINT, REQUEST, urlParameter(true));
    }

    /**
     * {@code url_param([name[,delim]])}: the first parameter of that name (or the first of all)
     * in the URL; every one for ACLs. {@code urlp_val} reads them as integers, leniently.
     */
    private static FetchDefinition.Function urlParameter(boolean integer) {
        return (arguments, context, all) -> context.request()
                .map(head -> parameters(UrlParameters.find(head.target(), false,
                        UrlParameters.delimiter(arguments.has(1) ? arguments.str(1) : null),
                        HttpHeaderFetches.name(arguments), false), all, integer))
                .orElse(List.of());
    }

    private static void headers(SampleRegistry registry) {
        define(registry, List.of("req.hdr"), NAME_AND_OCCURRENCE, 0, SampleType.STR, REQUEST, HttpHeaderFetches.header(Side.REQUEST, true));
        // hdr() follows the direction of the rule that uses it (configuration.txt §7.3.6).
        define(registry, List.of("hdr"), NAME_AND_OCCURRENCE, 0, SampleType.STR, EITHER, HttpHeaderFetches.header(Side.CURRENT, true));
        define(registry, List.of("req.fhdr"), NAME_AND_OCCURRENCE, 0, SampleType.STR, REQUEST, HttpHeaderFetches.header(Side.REQUEST, false));
        define(registry, List.of("req.hdr_cnt", "hdr_cnt"), ONE_STRING, 0, SampleType.SINT, REQUEST, HttpHeaderFetches.count(Side.REQUEST, true));
        define(registry, List.of("req.fhdr_cnt"), ONE_STRING, 0, SampleType.SINT, REQUEST, HttpHeaderFetches.count(Side.REQUEST, false));
        define(registry, List.of("req.hdr_ip", "hdr_ip"), NAME_AND_OCCURRENCE, 0, SampleType.IPV4, REQUEST, HttpHeaderFetches.address(Side.REQUEST));
        define(registry, List.of("req.hdr_val", "hdr_val"), NAME_AND_OCCURRENCE, 0, SampleType.SINT, REQUEST, HttpHeaderFetches.integer(Side.REQUEST));
        define(registry, List.of("req.hdrs"), List.of(), 0, SampleType.STR, REQUEST, HttpHeaderFetches.block(Side.REQUEST));
        define(registry, List.of("req.hdrs_bin"), List.of(), 0, SampleType.BIN, REQUEST, HttpHeaderFetches.binaryBlock(Side.REQUEST));
        define(registry, List.of("req.hdr_names"), ONE_STRING, 0, SampleType.STR, REQUEST, HttpHeaderFetches.names(Side.REQUEST));

        define(registry, List.of("req.cook", "cook"), ONE_STRING, 0, SampleType.STR, REQUEST, HttpHeaderFetches.cookie(Side.REQUEST));
        // cookie() is the deprecated direction-following form (Cookie or Set-Cookie).
        define(registry, List.of("cookie"), ONE_STRING, 0, SampleType.STR, EITHER, HttpHeaderFetches.cookie(Side.CURRENT));
        define(registry, List.of("req.cook_cnt", "cook_cnt"), ONE_STRING, 0, SampleType.SINT, REQUEST, HttpHeaderFetches.cookieCount(Side.REQUEST));
        define(registry, List.of("req.cook_val", "cook_val"), ONE_STRING, 0, SampleType.SINT, REQUEST, HttpHeaderFetches.cookieInteger(Side.REQUEST));
        define(registry, List.of("req.cook_names"), ONE_STRING, 0, SampleType.STR, REQUEST, HttpHeaderFetches.cookieNames(Side.REQUEST));
    }

    private static void body(SampleRegistry registry) {
        define(registry, List.of("req.body"), List.of(), 0, SampleType.BIN, REQUEST,
                (a, context, all) -> each(context, head -> Optional.of(Sample.bin(body(context)))));
        define(registry, List.of("req.body_len"), List.of(), 0, SampleType.SINT, REQUEST,
                (a, context, all) -> each(context, head -> Optional.of(Sample.sint(body(context).length))));
        define(registry, List.of("req.body_size"), List.of(), 0, SampleType.SINT, REQUEST,
                (a, context, all) -> each(context, head -> Optional.of(Sample.sint(bodySize(head, body(context).length)))));
        // req.body_param(name,i): the 'i' option (names without case) came after haproxy 2.6.
        registry.registerFetch(new FetchDefinition("req.body_param", List.of(ArgType.STR, ArgType.STR), 0, SampleType.STR, REQUEST,
                (arguments, context, all) -> context.request().map(head -> parameters(UrlParameters.find(
                        new String(body(context), StandardCharsets.ISO_8859_1), true, '&', HttpHeaderFetches.name(arguments),
                        arguments.has(1)), all, false)).orElse(List.of()),
                arguments -> {
                    if (arguments.has(1) && !arguments.str(1).equals("i")) {
                        throw new SampleCompileException("invalid option '" + arguments.str(1) + "', only 'i' is supported");
                    }
                    return arguments;
                }));
    }

    private static void authorization(SampleRegistry registry) {
        simple(registry, List.of("http_auth_type"), SampleType.STR,
                head -> Credentials.of(head).map(c -> Sample.str(c.scheme())));
        simple(registry, List.of("http_auth_user"), SampleType.STR,
                head -> Credentials.of(head).filter(c -> c.user() != null).map(c -> Sample.str(c.user())));
        simple(registry, List.of("http_auth_pass"), SampleType.STR,
                head -> Credentials.of(head).filter(c -> c.user() != null).map(c -> Sample.str(c.password())));
        define(registry, List.of("http_auth_bearer"), ONE_STRING, 0, SampleType.STR, REQUEST,
                (arguments, context, all) -> each(context, head -> Credentials.parse(
                                head.headers().first(arguments.has(0) && !arguments.str(0).isEmpty() ? arguments.str(0) : "Authorization"))
                        .filter(c -> c.user() == null).map(c -> Sample.str(c.token()))));
    }

    /** What the stream keeps after the request is gone: usable in response rules and logs too. */
    private static void kept(SampleRegistry registry) {
        define(registry, List.of("http_first_req"), List.of(), 0, SampleType.BOOL, REQUEST_PERMANENT,
                (a, context, all) -> List.of(Sample.bool(context.isFirstRequest())));
        define(registry, List.of("capture.req.hdr"), List.of(ArgType.SINT), 1, SampleType.STR, REQUEST_PERMANENT,
                (arguments, context, all) -> captured(context.requestCaptures(), arguments.sint(0)));
        define(registry, List.of("capture.req.method"), List.of(), 0, SampleType.STR, REQUEST_PERMANENT,
                (a, context, all) -> received(context, line -> Sample.str(line.method())));
        define(registry, List.of("capture.req.uri"), List.of(), 0, SampleType.STR, REQUEST_PERMANENT,
                (a, context, all) -> context.receivedRequestLine()
                        .flatMap(line -> pathWithQuery(new RequestHead(line.method(), line.target(),
                                line.version(), new HeaderList())))
                        .map(uri -> List.of(Sample.str(uri))).orElse(List.of()));
        define(registry, List.of("capture.req.ver"), List.of(), 0, SampleType.STR, REQUEST_PERMANENT,
                (a, context, all) -> received(context, line -> Sample.str(line.version().text())));
        define(registry, List.of("unique-id"), List.of(), 0, SampleType.STR, EnumSet.allOf(Phase.class),
                (a, context, all) -> context.uniqueId().map(id -> List.of(Sample.str(id))).orElse(List.of()));
    }

    /** A value read from the request line as it arrived, or nothing before a request. */
    private static List<Sample> received(SampleContext context,
                                         Function<SampleContext.ReceivedRequestLine, Sample> read) {
        return context.receivedRequestLine().map(line -> List.of(read.apply(line))).orElse(List.of());
    }

    /** {@code capture.req.hdr(idx)}/{@code capture.res.hdr(idx)}: the capture at that index, if it caught something. */
    static List<Sample> captured(List<String> captures, long index) {
        if (index < 0 || index >= captures.size() || captures.get((int) index) == null) {
            return List.of();
        }
        return List.of(Sample.str(captures.get((int) index)));
    }

    // ---- the request line

    /** The request-target split by the HTTP/1 parser; empty if it does not parse (it was parsed once already). */
    static Optional<RequestTarget> target(RequestHead head) {
        try {
            return Optional.of(RequestTarget.parse(head.target(), head.method(), 0));
        } catch (RequestTargetException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code path}: from the first slash of the path to the '?', without scheme and authority;
     * nothing for {@code *}, an authority-form target or {@code http://host} (haproxy 2.6).
     */
    static Optional<String> path(RequestHead head) {
        return target(head).map(RequestTarget::path).filter(path -> path.startsWith("/"));
    }

    /** {@code pathq}: the path with its query string ({@code /p?} keeps its '?'). */
    static Optional<String> pathWithQuery(RequestHead head) {
        return target(head).filter(t -> t.path() != null && t.path().startsWith("/"))
                .map(t -> t.query() == null ? t.path() : t.path() + "?" + t.query());
    }

    /**
     * {@code base}: the first Host header followed by the path ({@code baseq}: with its query).
     * Without Host, the path alone; without a path ({@code http://a}), the host alone.
     */
    private static Optional<String> base(RequestHead head, Optional<String> path) {
        String host = head.headers().first("Host");
        if (host == null && path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((host == null ? "" : HttpHeaderValues.trim(host)) + path.orElse(""));
    }

    private static String hostOf(RequestHead head) {
        String host = head.headers().first("Host");
        return host == null ? "" : HttpHeaderValues.trim(host);
    }

    /**
     * {@code base32}: sdbm over the text with the full avalanche, as {@code base,sdbm(1)}
     * (configuration.txt §7.3.6; values checked on haproxy 2.6).
     */
    static long hash32(String text) {
        return HashConverters.fullAvalanche(HashConverters.sdbm(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** {@code base32+src}/{@code url32+src}: the 32-bit hash (big-endian) followed by the client address's 4 or 16 bytes. */
    private static void withSource(SampleRegistry registry, String name, Function<RequestHead, Optional<String>> text) {
        define(registry, List.of(name), List.of(), 0, SampleType.BIN, REQUEST,
                (a, context, all) -> each(context, head -> text.apply(head).flatMap(value -> context.source()
                        .filter(source -> source.getAddress() != null)
                        .map(source -> {
                            byte[] address = source.getAddress().getAddress();
                            return Sample.bin(ByteBuffer.allocate(4 + address.length)
                                    .putInt((int) hash32(value)).put(address).array());
                        }))));
    }

    /** {@code req.ver}: "1.1" for HTTP/1.1. */
    private static String version(RequestHead head) {
        String text = head.version().text();
        return text.startsWith("HTTP/") ? text.substring(5) : text;
    }

    private static List<Sample> parameters(List<String> values, boolean all, boolean integer) {
        List<String> chosen = all || values.isEmpty() ? values : List.of(values.get(0));
        return integer
                ? HttpHeaderValues.convert(chosen, v -> Optional.of(Sample.sint(HttpHeaderValues.lenientInteger(v))))
                : HttpHeaderValues.strings(chosen);
    }

    /**
     * {@code url_ip} and {@code url_port}: an absolute URI naming its host by an IPv4 address.
     * As observed on haproxy 2.6: the scheme must be http or https (any case); the host is the
     * longest run of digits and dots right after "//" and must be a dotted quad (so userinfo,
     * names and IPv6 give nothing); after a ':' the port is the leading digits of what precedes
     * the next '/', wrapped to 16 bits ({@code :65617} is 81, {@code :8a} is 8, {@code :x} is 0);
     * an empty or missing port is the scheme's (80, or 443 for https, though the manual says 80).
     */
    record UrlAddress(InetAddress address, long port) {
        static Optional<UrlAddress> parse(String target) {
            String lower = target.toLowerCase(Locale.ROOT);
            int defaultPort;
            String rest;
            if (lower.startsWith("http://")) {
                defaultPort = 80;
                rest = target.substring(7);
            } else if (lower.startsWith("https://")) {
                defaultPort = 443;
                rest = target.substring(8);
            } else {
                return Optional.empty();
            }
            int hostEnd = 0;
            while (hostEnd < rest.length() && (Character.isDigit(rest.charAt(hostEnd)) || rest.charAt(hostEnd) == '.')) {
                hostEnd++;
            }
            Optional<InetAddress> address = IpLiterals.ipv4(rest.substring(0, hostEnd), false);
            if (address.isEmpty()) {
                return Optional.empty();
            }
            long port = defaultPort;
            if (hostEnd < rest.length() && rest.charAt(hostEnd) == ':') {
                int slash = rest.indexOf('/', hostEnd);
                String portText = rest.substring(hostEnd + 1, slash < 0 ? rest.length() : slash);
                if (!portText.isEmpty()) {
                    int value = 0;
                    for (int i = 0; i < portText.length() && Character.isDigit(portText.charAt(i)); i++) {
                        value = value * 10 + (portText.charAt(i) - '0');
                    }
                    port = value & 0xFFFF;
                }
            }
            return Optional.of(new UrlAddress(address.get(), port));
        }
    }

    // ---- the body

    /** The buffered body, or nothing yet (empty, like haproxy with no body data in its buffer). */
    private static byte[] body(SampleContext context) {
        return context.requestBody().orElse(new byte[0]);
    }

    /** {@code req.body_size}: the announced Content-Length, else the length of the data at hand (chunked). */
    private static long bodySize(RequestHead head, int available) {
        String length = head.headers().first("Content-Length");
        if (length != null) {
            String trimmed = HttpHeaderValues.trim(length);
            if (!trimmed.isEmpty() && trimmed.length() < 19 && trimmed.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(trimmed);
            }
        }
        return available;
    }

    // ---- Authorization

    /**
     * The credentials of an Authorization header: Basic (user and password) or Bearer (token).
     * As observed on haproxy 2.6: the first Authorization header is read; the scheme is
     * compared without case and reported as "Basic" or "Bearer"; it must be followed by spaces
     * and something; Basic needs strict base64 (a multiple of 4 characters, padding included)
     * holding a ':', split at the first one; any other scheme gives nothing.
     */
    record Credentials(String scheme, String user, String password, String token) {
        static Optional<Credentials> of(RequestHead head) {
            return parse(head.headers().first("Authorization"));
        }

        static Optional<Credentials> parse(String value) {
            if (value == null) {
                return Optional.empty();
            }
            String text = HttpHeaderValues.trim(value);
            int space = text.indexOf(' ');
            if (space < 0) {
                return Optional.empty();
            }
            String scheme = text.substring(0, space);
            String rest = HttpHeaderValues.trim(text.substring(space + 1));
            if (rest.isEmpty()) {
                return Optional.empty();
            }
            if (scheme.equalsIgnoreCase("Bearer")) {
                return Optional.of(new Credentials("Bearer", null, null, rest));
            }
            if (!scheme.equalsIgnoreCase("Basic") || rest.length() % 4 != 0) {
                return Optional.empty();
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(rest), StandardCharsets.ISO_8859_1);
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            return Optional.of(new Credentials("Basic", decoded.substring(0, colon), decoded.substring(colon + 1), null));
        }
    }

    // ---- plumbing

    /** A fetch of the request head that returns at most one value, the same for samples and ACLs. */
    private static void simple(SampleRegistry registry, List<String> names, SampleType output,
                               Function<RequestHead, Optional<Sample>> fetch) {
        define(registry, names, List.of(), 0, output, REQUEST, (a, context, all) -> each(context, fetch));
    }

    private static List<Sample> each(SampleContext context, Function<RequestHead, Optional<Sample>> fetch) {
        return context.request().flatMap(fetch).map(List::of).orElse(List.of());
    }
}
