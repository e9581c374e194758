package dev.shuttle.log;

import dev.shuttle.backend.Backend;
import dev.shuttle.net.SocketAddresses;
import dev.shuttle.sample.TlsConnection;
import dev.shuttle.stream.ExchangeRecord;
import dev.shuttle.tls.CipherStrings;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HAProxy's HTTP log line, the layout of {@code HAPROXY_HTTP_LOG_FMT} (configuration.txt §8.2.3):
 * {@code %ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc
 * %sq/%bq %hr %hs %{+Q}r}. Cookies are not tracked yet: they print as HAProxy prints them when
 * absent ({@code -}). Header captures print between braces, separated by {@code |}, only when the
 * frontend declares some (§8.8), with the characters of §8.6 escaped as {@code #XX}.
 */
final class HttpLogLine {
    /** The second the cached text belongs to, and the text up to the seconds: formatting is done once a second. */
    private record Second(long epochSecond, String text) {}

    private static final DateTimeFormatter TO_SECONDS =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", Locale.ENGLISH).withZone(ZoneId.systemDefault());

    /** Shared by every connection's thread; a stale value is merely formatted again. */
    private static volatile Second lastSecond;

    private HttpLogLine() {}

    /** {@code %tr}: {@code 21/Nov/2026:21:08:08.123}. */
    static String date(long epochMillis) {
        return appendDate(new StringBuilder(24), epochMillis).toString();
    }

    static StringBuilder appendDate(StringBuilder line, long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000);
        Second second = lastSecond;
        if (second == null || second.epochSecond() != epochSecond) {
            second = new Second(epochSecond, TO_SECONDS.format(Instant.ofEpochSecond(epochSecond)));
            lastSecond = second;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        return line.append(second.text()).append(millis < 10 ? ".00" : millis < 100 ? ".0" : ".").append(millis);
    }

    /** The line, built in one buffer: it is copied once more, into the log writer's batch or a datagram. */
    static StringBuilder format(ExchangeRecord r, int processConnections) {
        String backend = r.backend().map(Backend::name).orElse(r.frontend().name());
        String server = r.server() == null ? "<NOSRV>" : r.server().name();
        int backendConnections = r.backend().map(Backend::currentConnections).orElse(0);
        int serverConnections = r.server() == null ? 0 : r.server().currentConnections();
        StringBuilder line = new StringBuilder(256);
        appendAddress(line, r.clientAddress()).append(" [");
        appendDate(line, r.requestDateMillis()).append("] ");
        line.append(r.frontend().name()).append(r.tls().isPresent() ? "~" : "").append(' ').append(backend).append('/').append(server).append(' ')
                .append(r.requestMillis()).append('/').append(r.queueMillis()).append('/').append(r.connectMillis())
                .append('/').append(r.responseMillis()).append('/').append(r.activeMillis()).append(' ')
                .append(r.status()).append(' ').append(r.bytesToClient()).append(" - - ").append(r.terminationState().code()).append("--")
                .append(' ').append(processConnections).append('/').append(r.frontend().currentConnections())
                .append('/').append(backendConnections).append('/').append(serverConnections).append('/')
                .append(r.redispatched() ? "+" : "").append(r.retries()).append(" 0/0 ")
                .append(captures(r.requestCaptures())).append(captures(r.responseCaptures()))
                .append('"').append(r.requestLine()).append('"');
        if (r.frontend().config().isOptionSet("httpslog")) {
            appendTls(line, r.tls());
        }
        return line;
    }

    /**
     * {@code option httpslog}'s fields (§8.2.4): {@code %[fc_err]/%[ssl_fc_err,hex]/%[ssl_c_err]/
     * %[ssl_c_ca_err]/%[ssl_fc_is_resumed] %[ssl_fc_sni]/%sslv/%sslc}; a missing value is {@code -}.
     */
    static void appendTls(StringBuilder line, Optional<TlsConnection> tls) {
        if (tls.isEmpty()) {
            line.append(" 0/-/-/-/0 -/-/-");
            return;
        }
        TlsConnection t = tls.get();
        line.append(" 0/0000000000000000/").append(t.certificateError()).append('/').append(t.chainError())
                .append('/').append(t.resumed() ? 1 : 0).append(' ').append(t.serverName().orElse("-")).append('/')
                .append(t.protocol()).append('/').append(CipherStrings.openSslName(t.cipher()));
    }

    /** {@code %ci:%cp}, as {@link SocketAddresses#describe} writes it, without the intermediate strings for IPv4. */
    static StringBuilder appendAddress(StringBuilder line, SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() instanceof Inet4Address v4) {
            byte[] octets = v4.getAddress();
            for (int i = 0; i < octets.length; i++) {
                line.append(i == 0 ? "" : ".").append(octets[i] & 0xFF);
            }
            return line.append(':').append(inet.getPort());
        }
        return line.append(SocketAddresses.describe(address));
    }

    /** {@code {value|value} }, or nothing when no slot is declared. */
    static String captures(List<String> values) {
        if (values.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append('|');
            }
            escapeHeader(values.get(i), out);
        }
        return out.append("} ").toString();
    }

    /** §8.6: only 32..126 print as is, and never '#', '"', '{', '|', '}' in headers. */
    private static void escapeHeader(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 32 || c > 126 || c == '#' || c == '"' || c == '{' || c == '|' || c == '}') {
                out.append('#').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                out.append(c);
            }
        }
    }
}
