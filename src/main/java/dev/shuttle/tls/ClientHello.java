package dev.shuttle.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The first flight of a TLS client, read before the handshake starts so that a listener can choose
 * its certificate and settings by SNI (HAProxy does it in OpenSSL's ClientHello callback; JSSE has
 * none, so Shuttle reads the bytes first and replays them into the {@code SSLSocket}). Pure: bytes
 * in, a record or a verdict out.
 *
 * <pre>
 *   TLSPlaintext (RFC 8446 §5.1):  type(1) = 22 | legacy_version(2) | length(2) | fragment
 *   Handshake (§4):                msg_type(1) = 1 | length(3) | ClientHello
 *   ClientHello (§4.1.2):          legacy_version(2) | random(32) | session_id&lt;0..32&gt; (1-byte length)
 *                                  | cipher_suites (2-byte length) | compression_methods (1-byte length)
 *                                  | extensions (2-byte length): type(2) | length(2) | data
 *   server_name (RFC 6066 §3, type 0):  list length(2) | name_type(1) = 0 | length(2) | host name
 *   ALPN (RFC 7301, type 16):           list length(2) | length(1) | protocol ...
 *   signature_algorithms (type 13):     list length(2) | scheme(2) ...
 *   supported_versions (type 43):       list length(1) | version(2) ...
 * </pre>
 *
 * @param serverName the SNI host name, lower case, if any
 * @param alpn       the protocols the client offers, in its order
 * @param signatureSchemes the signature schemes it accepts (IANA code points)
 * @param versions   the versions of its supported_versions extension, else its legacy version
 * @param cipherSuites the cipher suites it offers (IANA code points)
 */
public record ClientHello(Optional<String> serverName, List<String> alpn, List<Integer> signatureSchemes,
                          List<Integer> versions, List<Integer> cipherSuites) {
    /** Record content type of a handshake message. */
    static final int HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;
    private static final int RECORD_HEADER = 5;
    /** RFC 8446 §5.1: a record's fragment is at most 2^14 bytes (plus expansion, which a hello has not). */
    private static final int MAX_FRAGMENT = 16384 + 2048;

    public ClientHello {
        alpn = List.copyOf(alpn);
        signatureSchemes = List.copyOf(signatureSchemes);
        versions = List.copyOf(versions);
        cipherSuites = List.copyOf(cipherSuites);
    }

    /** What the bytes read so far are. */
    public sealed interface Reading {
        /** A whole ClientHello, which took the first {@code length} bytes (replayed to the TLS engine anyway). */
        record Complete(ClientHello hello, int length) implements Reading {}

        /** A ClientHello so far: {@code atLeast} bytes are needed in all. */
        record NeedMore(int atLeast) implements Reading {}

        /** Not a TLS ClientHello: plain text, SSLv2, another record type. {@code reason} is OpenSSL's word for it. */
        record NotTls(OpenSslError reason) implements Reading {}
    }

    /** Reads the ClientHello at the start of {@code bytes[0..length)}. */
    public static Reading read(byte[] bytes, int length) {
        if (length < RECORD_HEADER) {
            return length > 0 && !plausibleStart(bytes, length) ? notTls(bytes, length) : new Reading.NeedMore(RECORD_HEADER);
        }
        if (!plausibleStart(bytes, length)) {
            return notTls(bytes, length);
        }
        // The handshake message may span several records: gather their fragments.
        byte[] message = new byte[0];
        int position = 0;
        while (true) {
            if (length - position < RECORD_HEADER) {
                return new Reading.NeedMore(position + RECORD_HEADER);
            }
            if ((bytes[position] & 0xFF) != HANDSHAKE) {
                return new Reading.NotTls(OpenSslError.UNEXPECTED_RECORD);
            }
            int fragment = u16(bytes, position + 3);
            if (fragment == 0 || fragment > MAX_FRAGMENT) {
                return new Reading.NotTls(OpenSslError.WRONG_VERSION_NUMBER);
            }
            if (length - position - RECORD_HEADER < fragment) {
                return new Reading.NeedMore(position + RECORD_HEADER + fragment);
            }
            byte[] joined = new byte[message.length + fragment];
            System.arraycopy(message, 0, joined, 0, message.length);
            System.arraycopy(bytes, position + RECORD_HEADER, joined, message.length, fragment);
            message = joined;
            position += RECORD_HEADER + fragment;
            if (message.length >= 4) {
                if ((message[0] & 0xFF) != CLIENT_HELLO) {
                    return new Reading.NotTls(OpenSslError.UNEXPECTED_MESSAGE);
                }
                int bodyLength = u24(message, 1);
                if (message.length - 4 >= bodyLength) {
                    Optional<ClientHello> hello = parseBody(message, 4, 4 + bodyLength);
                    if (hello.isEmpty()) {
                        return new Reading.NotTls(OpenSslError.BAD_CLIENT_HELLO);
                    }
                    return new Reading.Complete(hello.get(), position);
                }
                if (4 + bodyLength > 4 * MAX_FRAGMENT) {
                    return new Reading.NotTls(OpenSslError.BAD_CLIENT_HELLO);
                }
            }
        }
    }

    /** A TLS record starts with a content type of 20..23 and a major version of 3 (SSLv3 and every TLS). */
    private static boolean plausibleStart(byte[] bytes, int length) {
        int type = bytes[0] & 0xFF;
        if (type < 20 || type > 23) {
            return false;
        }
        return length < 2 || (bytes[1] & 0xFF) == 3;
    }

    /**
     * OpenSSL's reason for bytes that are not TLS: a plain HTTP request has its own words
     * ("http request", "https proxy request"), anything else is a "wrong version number".
     */
    private static Reading notTls(byte[] bytes, int length) {
        String start = new String(bytes, 0, Math.min(length, 4), StandardCharsets.ISO_8859_1);
        OpenSslError reason = switch (start) {
            case "GET ", "POST", "HEAD", "PUT " -> OpenSslError.HTTP_REQUEST;
            case "CONN" -> OpenSslError.HTTPS_PROXY_REQUEST;
            default -> (bytes[0] & 0x80) != 0 ? OpenSslError.UNSUPPORTED_PROTOCOL : OpenSslError.WRONG_VERSION_NUMBER;
        };
        if (length < 4 && reason == OpenSslError.WRONG_VERSION_NUMBER && couldBeHttp(start)) {
            return new Reading.NeedMore(4);
        }
        return new Reading.NotTls(reason);
    }

    private static boolean couldBeHttp(String start) {
        for (String method : List.of("GET ", "POST", "HEAD", "PUT ", "CONN")) {
            if (method.startsWith(start)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<ClientHello> parseBody(byte[] m, int from, int to) {
        try {
            int p = from;
            int legacyVersion = u16(m, p);
            p += 2 + 32;
            p += 1 + (m[p] & 0xFF);
            List<Integer> suites = u16List(m, p + 2, p + 2 + u16(m, p));
            p += 2 + u16(m, p);
            p += 1 + (m[p] & 0xFF);
            Optional<String> serverName = Optional.empty();
            List<String> alpn = List.of();
            List<Integer> schemes = List.of();
            List<Integer> versions = List.of(legacyVersion);
            if (p < to) {
                int extensionsEnd = p + 2 + u16(m, p);
                p += 2;
                if (extensionsEnd > to) {
                    return Optional.empty();
                }
                while (p + 4 <= extensionsEnd) {
                    int type = u16(m, p);
                    int size = u16(m, p + 2);
                    int data = p + 4;
                    if (data + size > extensionsEnd) {
                        return Optional.empty();
                    }
                    switch (type) {
                        case 0 -> serverName = serverName(m, data, data + size);
                        case 13 -> schemes = u16List(m, data + 2, data + 2 + u16(m, data));
                        case 16 -> alpn = protocols(m, data + 2, data + 2 + u16(m, data));
                        case 43 -> versions = u16List(m, data + 1, data + 1 + (m[data] & 0xFF));
                        default -> { }
                    }
                    p = data + size;
                }
            }
            return Optional.of(new ClientHello(serverName, alpn, schemes, versions, suites));
        } catch (ArrayIndexOutOfBoundsException truncated) {
            return Optional.empty();
        }
    }

    private static Optional<String> serverName(byte[] m, int from, int to) {
        int p = from + 2;
        while (p + 3 <= to) {
            int type = m[p] & 0xFF;
            int size = u16(m, p + 1);
            if (type == 0 && p + 3 + size <= to) {
                return Optional.of(new String(m, p + 3, size, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT));
            }
            p += 3 + size;
        }
        return Optional.empty();
    }

    private static List<String> protocols(byte[] m, int from, int to) {
        List<String> out = new ArrayList<>();
        int p = from;
        while (p < to) {
            int size = m[p] & 0xFF;
            out.add(new String(m, p + 1, size, StandardCharsets.ISO_8859_1));
            p += 1 + size;
        }
        return out;
    }

    private static List<Integer> u16List(byte[] m, int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int p = from; p + 1 < to; p += 2) {
            out.add(u16(m, p));
        }
        return out;
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private static int u24(byte[] b, int p) {
        return ((b[p] & 0xFF) << 16) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] & 0xFF);
    }

    /** Whether the client offers TLS 1.3 (supported_versions, RFC 8446 §4.2.1). */
    public boolean offersTls13() {
        return versions.contains(0x0304);
    }

    /**
     * Whether the client accepts an ECDSA certificate: an ecdsa_* signature scheme (RFC 8446 §4.2.3)
     * and, unless it speaks TLS 1.3, a cipher suite authenticated by ECDSA (RFC 8422 §6).
     */
    public boolean acceptsEcdsa() {
        boolean scheme = signatureSchemes.stream().anyMatch(s -> (s >> 8) == 0x04 || (s >> 8) == 0x05 || (s >> 8) == 0x06
                ? (s & 0xFF) == 0x03 : s == 0x0203);
        return scheme && (offersTls13() || cipherSuites.stream().anyMatch(ClientHello::isEcdsaSuite));
    }

    /**
     * Whether the client accepts an RSA certificate (rsa_pkcs1_*, rsa_pss_rsae_*, or no list at all,
     * RFC 5246 §7.4.1.4.1) and, unless it speaks TLS 1.3, a suite that an RSA certificate serves.
     */
    public boolean acceptsRsa() {
        boolean scheme = signatureSchemes.isEmpty() || signatureSchemes.stream().anyMatch(s -> (s & 0xFF) == 0x01
                || (s >= 0x0804 && s <= 0x0806));
        return scheme && (offersTls13() || cipherSuites.stream().anyMatch(s -> !isEcdsaSuite(s) && s != 0x00FF
                && (s >> 8) != 0x13));
    }

    /** The TLS 1.2 suites authenticated by an ECDSA certificate (ECDHE_ECDSA_*, RFC 8422, 7905, 7251). */
    private static boolean isEcdsaSuite(int suite) {
        return (suite >= 0xC006 && suite <= 0xC00A) || suite == 0xC023 || suite == 0xC024 || suite == 0xC02B
                || suite == 0xC02C || suite == 0xCCA9 || (suite >= 0xC0AC && suite <= 0xC0AF);
    }

    /** Whether the client accepts an Ed25519 or Ed448 certificate. */
    public boolean acceptsEdDsa() {
        return signatureSchemes.contains(0x0807) || signatureSchemes.contains(0x0808);
    }
}
