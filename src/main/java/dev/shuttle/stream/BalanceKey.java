package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.config.BalanceParameters;
import dev.shuttle.config.HashType;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import dev.shuttle.lb.KeyHash;
import dev.shuttle.lb.LoadBalancer;
import dev.shuttle.sample.Casts;
import dev.shuttle.sample.ContentBuffer;
import dev.shuttle.sample.RdpCookie;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The balancing key of a request, hashed (configuration.txt, "balance"; HAProxy's backend.c,
 * get_server_sh(), _uh(), _ph(), _ph_post(), _hh(), _rch(), _expr()): what a hashing algorithm reads from
 * the request, once the backend is chosen and its rules have run, turned into the unsigned 32-bit
 * hash its {@code hash-type} gives. {@link LoadBalancer#NO_KEY} when the request has no such key
 * (no parameter, an empty header...), for the load balancer to fall back to its round robin, and
 * at once for the algorithms that take no key, so that they pay nothing.
 */
final class BalanceKey {
    private BalanceKey() {}

    /** The key of the request {@code context} describes, for {@code backend}'s algorithm. */
    static long of(Backend backend, SampleContext context) {
        BalanceAlgorithm algorithm = backend.config().balance();
        if (!algorithm.hashesAKey()) {
            return LoadBalancer.NO_KEY;
        }
        BalanceParameters parameters = backend.config().balancing();
        HashType type = parameters.hashType();
        return switch (algorithm) {
            case SOURCE -> context.source().map(source -> source(source, type)).orElse(LoadBalancer.NO_KEY);
            case URI -> context.request().map(request -> uri(request.target(), parameters)).orElse(LoadBalancer.NO_KEY);
            case URL_PARAM -> context.request().map(request -> urlParameter(request, context, parameters))
                    .orElse(LoadBalancer.NO_KEY);
            case HDR -> context.request().map(request -> header(request.headers(), parameters))
                    .orElse(LoadBalancer.NO_KEY);
            case HASH -> expression(context, parameters);
            case RDP_COOKIE -> context.requestContent().map(content -> rdpCookie(content, parameters))
                    .orElse(LoadBalancer.NO_KEY);
            default -> LoadBalancer.NO_KEY;
        };
    }

    /**
     * {@code source}: the 32-bit words of the address, in network order, XORed together, then the
     * avalanche if {@code hash-type} asks for it; the hash function is not used (as in HAProxy).
     */
    static long source(InetSocketAddress source, HashType type) {
        InetAddress address = source.getAddress();
        if (address == null) {
            return LoadBalancer.NO_KEY;
        }
        byte[] bytes = address.getAddress();
        int hash = 0;
        for (int i = 0; i + 4 <= bytes.length; i += 4) {
            hash ^= (bytes[i] & 0xff) << 24 | (bytes[i + 1] & 0xff) << 16 | (bytes[i + 2] & 0xff) << 8 | bytes[i + 3] & 0xff;
        }
        long unsigned = Integer.toUnsignedLong(hash);
        return type.avalanche() ? KeyHash.avalanche(unsigned) : unsigned;
    }

    /**
     * {@code uri}: the request target ({@code path-only}: from the path on, without scheme and
     * authority), cut to {@code len} characters, then up to the query string (unless {@code
     * whole}) or the slash that ends {@code depth} directories.
     */
    static long uri(String target, BalanceParameters parameters) {
        String uri = parameters.uriPathOnly() ? pathAndQuery(target) : target;
        int length = uri.length();
        if (parameters.uriLength() > 0) {
            length = Math.min(length, parameters.uriLength());
        }
        int slashes = 0;
        int end = 0;
        for (; end < length; end++) {
            char c = uri.charAt(end);
            if (c == '/') {
                slashes++;
                if (parameters.uriDepth() > 0 && slashes == parameters.uriDepth() + 1) {
                    break;
                }
            } else if (c == '?' && !parameters.uriWhole()) {
                break;
            }
        }
        return hash(bytes(uri, 0, end), parameters.hashType());
    }

    /** The path and query of a target: all of an origin-form target; after the authority of an absolute one; else none. */
    static String pathAndQuery(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        int scheme = target.indexOf("://");
        if (scheme <= 0) {
            return ""; // "*", or an authority (CONNECT): no path
        }
        int slash = target.indexOf('/', scheme + 3);
        int query = target.indexOf('?', scheme + 3);
        int start = slash < 0 ? query : query < 0 ? slash : Math.min(slash, query);
        return start < 0 ? "" : target.substring(start);
    }

    /**
     * {@code url_param}: the value of the first query parameter of that name (case counts); for a
     * POST without it, the first such parameter of the body when the body was buffered ({@code
     * option http-buffer-request}, {@code wait-for-body}), up to a byte that cannot be in a
     * URL-encoded form. HAProxy searches the body whether {@code check_post} is given or not.
     */
    static long urlParameter(RequestHead request, SampleContext context, BalanceParameters parameters) {
        String target = request.target();
        int query = target.indexOf('?');
        if (query >= 0) {
            byte[] uri = target.getBytes(StandardCharsets.ISO_8859_1);
            long found = parameter(uri, query + 1, uri.length, parameters, false);
            if (found != LoadBalancer.NO_KEY) {
                return found;
            }
        }
        if (request.isMethod("POST")) {
            Optional<byte[]> body = context.requestBody();
            if (body.isPresent()) {
                return parameter(body.get(), 0, body.get().length, parameters, true);
            }
        }
        return LoadBalancer.NO_KEY;
    }

    /** The hash of parameter {@code name}'s value in {@code text[from, to)}, {@code name=value} pairs separated by '&'. */
    private static long parameter(byte[] text, int from, int to, BalanceParameters parameters, boolean inBody) {
        byte[] name = parameters.name().getBytes(StandardCharsets.ISO_8859_1);
        int at = from;
        while (to - at > name.length) {
            if (text[at + name.length] == '=' && Arrays.equals(text, at, at + name.length, name, 0, name.length)) {
                int start = at + name.length + 1;
                int end = start;
                while (end < to && text[end] != '&') {
                    if (inBody && !isToken(text[end])) {
                        if (text[end] == ' ' || text[end] == '\t' || text[end] == '\r' || text[end] == '\n') {
                            break; // the end of the line: the value ends here
                        }
                        return LoadBalancer.NO_KEY; // not URL-encoded: no parameters in this body
                    }
                    end++;
                }
                return hash(Arrays.copyOfRange(text, start, end), parameters.hashType());
            }
            int next = indexOf(text, (byte) '&', at, to);
            if (next < 0) {
                return LoadBalancer.NO_KEY;
            }
            at = next + 1;
        }
        return LoadBalancer.NO_KEY;
    }

    /** RFC 9110 tchar, as HAProxy's HTTP_IS_TOKEN() classifies a byte. */
    private static boolean isToken(byte b) {
        int c = b & 0xff;
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private static int indexOf(byte[] text, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code hdr(<name>)}: the first comma-separated value of the first field of that name, trimmed;
     * with {@code use_domain_only}, only the label before the last dot-separated one ({@code
     * www.example.com} gives {@code example}). None when absent or empty.
     */
    static long header(HeaderList headers, BalanceParameters parameters) {
        String value = headers.first(parameters.name());
        if (value == null) {
            return LoadBalancer.NO_KEY;
        }
        value = firstElement(value);
        if (value.isEmpty()) {
            return LoadBalancer.NO_KEY;
        }
        if (!parameters.domainOnly()) {
            return hash(value.getBytes(StandardCharsets.ISO_8859_1), parameters.hashType());
        }
        // From the end: the first dot ends the domain, the dot before it (or the start) begins it.
        int end = value.length();
        int at = value.length();
        boolean inDomain = false;
        for (int left = value.length(); left > 0; left--) {
            if (inDomain) {
                if (value.charAt(at - 1) == '.') {
                    break;
                }
            } else if (at < value.length() && value.charAt(at) == '.') {
                end = at;
                inDomain = true;
            }
            at--;
        }
        return hash(bytes(value, at, end), parameters.hashType());
    }

    /** The value up to its first comma outside double quotes, without surrounding blanks. */
    private static String firstElement(String value) {
        boolean quoted = false;
        int end = value.length();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                end = i;
                break;
            }
        }
        return value.substring(0, end).strip();
    }

    /**
     * {@code rdp-cookie(<name>)}: the value of the RDP client's cookie among the bytes received so
     * far (a rule with {@code tcp-request inspect-delay} lets them arrive); none when it is absent,
     * incomplete or empty.
     */
    static long rdpCookie(ContentBuffer content, BalanceParameters parameters) {
        RdpCookie.Lookup lookup = RdpCookie.find(content, parameters.name());
        if (!lookup.found() || lookup.end() == lookup.start()) {
            return LoadBalancer.NO_KEY;
        }
        return hash(lookup.value(content), parameters.hashType());
    }

    /**
     * {@code hash <expr>}: the expression's value as binary ({@code hash-type ... none}: as a
     * string, the number it writes), hashed; none when the expression has no value.
     */
    static long expression(SampleContext context, BalanceParameters parameters) {
        if (parameters.expression().isEmpty()) {
            return LoadBalancer.NO_KEY;
        }
        Optional<Sample> value = parameters.expression().get().evaluate(context);
        if (value.isEmpty()) {
            return LoadBalancer.NO_KEY;
        }
        boolean asText = parameters.hashType().function() == HashType.Function.NONE;
        Optional<Sample> converted = Casts.cast(value.get(), asText ? SampleType.STR : SampleType.BIN);
        if (converted.isEmpty()) {
            return LoadBalancer.NO_KEY;
        }
        byte[] key = asText ? converted.get().asString().getBytes(StandardCharsets.ISO_8859_1) : converted.get().asBytes();
        return hash(key, parameters.hashType());
    }

    private static byte[] bytes(String text, int from, int to) {
        return text.substring(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static long hash(byte[] key, HashType type) {
        return KeyHash.of(type, key);
    }
}
