package dev.shuttle.sample;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Writes the value of each log-format alias (configuration.txt §8.2.6) from the stream's {@link
 * LogFacts} and its {@link SampleContext}. The timers are {@link LogTimers}'; totals and byte
 * counts of a line logged before the end ({@code option logasap}) carry a {@code +}.
 */
final class LogAliasValues {
    private static final String BAD_REQUEST = "<BADREQ>";
    /** The flags that change how a text is written (an address written as is needs none of them). */
    private static final int PLAIN_TEXT_BLOCKERS = LogOptions.HEXA | LogOptions.QUOTE | LogOptions.ESCAPE
            | LogOptions.ENCODE;

    private LogAliasValues() {}

    /**
     * @param facts       the stream's facts, null outside a stream (a check, the global section):
     *                    its aliases then print as empty values
     * @param httpBackend whether the backend is in HTTP mode ({@code %Td} counts from the response head then)
     */
    static void write(LogAlias alias, LogLineBuilder line, LogFacts facts, SampleContext context,
                      boolean httpBackend) {
        switch (alias) {
            case GLOBAL_OPTIONS -> { }
            case ORIGIN -> line.text(context.logOrigin().orElse(facts == null ? "unspec" : facts.origin()));
            case HOSTNAME -> line.text(context.process().hostname());
            case PID -> hexOrInteger(line, context.process().pid(), "%04X");
            case FRONTEND -> line.text(context.frontend().name());
            case FRONTEND_TRANSPORT -> {
                line.varTextStart();
                line.rawText(context.frontend().name());
                if (context.tlsListener() || context.frontTls().isPresent()) {
                    line.character('~');
                }
            }
            case CLIENT_IP -> ip(line, client(context));
            case CLIENT_PORT -> port(line, client(context));
            case FRONTEND_IP -> ip(line, frontendAddress(context));
            case FRONTEND_PORT -> port(line, frontendAddress(context));
            case SSL_CIPHER -> line.text(context.frontTls().map(tls -> SslFetches.cipher(tls.cipher())).orElse(null));
            case SSL_VERSION -> line.text(context.frontTls().map(tls -> SslFetches.protocol(tls.protocol())).orElse(null));
            case UNIQUE_ID -> line.text(context.uniqueId().orElse(null));
            default -> {
                if (facts == null) {
                    line.text(null);
                } else {
                    writeStreamValue(alias, line, facts, context, httpBackend);
                }
            }
        }
    }

    private static void writeStreamValue(LogAlias alias, LogLineBuilder line, LogFacts facts, SampleContext context,
                                         boolean httpBackend) {
        switch (alias) {
            case STATUS, BYTES_FROM_CLIENT, HANDSHAKE_TIME, IDLE_TIME, REQUEST_TIME, REQUEST_TOTAL_TIME, QUEUE_TIME,
                 CONNECT_TIME, RESPONSE_TIME, DATA_TIME, ACTIVE_CONNECTIONS, FRONTEND_CONNECTIONS,
                 BACKEND_CONNECTIONS, SERVER_CONNECTIONS, SERVER_QUEUE, BACKEND_QUEUE ->
                    line.integer(integerValue(alias, context, facts, httpBackend));
            case BYTES_TO_CLIENT, ACTIVE_TIME, TOTAL_TIME, USER_TIME -> total(line, facts, totalValue(alias, facts));
            case REQUEST_COOKIE -> line.text(facts.requestCookie().orElse(null));
            case RESPONSE_COOKIE -> line.text(facts.responseCookie().orElse(null));
            case ACCEPT_DATE -> localMillis(line, facts.acceptEpochMillis());
            case ACCEPT_DATE_GMT -> date(line, LogDates.gmt(facts.acceptEpochMillis()));
            case ACCEPT_DATE_LOCAL_ZONE -> date(line, LogDates.localWithZone(facts.acceptEpochMillis()));
            case ACCEPT_TIMESTAMP -> hexOrInteger(line, Math.floorDiv(facts.acceptEpochMillis(), 1000), "%04X");
            case ACCEPT_MILLISECONDS -> {
                long millis = Math.floorMod(facts.acceptEpochMillis(), 1000);
                if ((line.options & LogOptions.HEXA) != 0) {
                    line.rawText(String.format("%02X", millis));
                } else {
                    line.integerPadded3(millis);
                }
            }
            case REQUEST_DATE -> localMillis(line, facts.acceptEpochMillis() + LogTimers.requestStart(facts));
            case REQUEST_DATE_GMT -> date(line, LogDates.gmt(facts.acceptEpochMillis() + LogTimers.requestStart(facts)));
            case REQUEST_DATE_LOCAL_ZONE -> date(line,
                    LogDates.localWithZone(facts.acceptEpochMillis() + LogTimers.requestStart(facts)));
            case BACKEND -> line.text(facts.backendName());
            case SERVER -> line.text(facts.serverName());
            case BACKEND_SOURCE_IP -> ip(line, facts.backendSource());
            case BACKEND_SOURCE_PORT -> port(line, facts.backendSource());
            case SERVER_IP -> ip(line, facts.serverAddress());
            case SERVER_PORT -> port(line, facts.serverAddress());
            case RETRIES -> {
                if (facts.redispatched()) {
                    line.meta('+');
                }
                line.integer(facts.retries());
            }
            case STREAM_NUMBER -> hexOrInteger(line, facts.streamNumber(), "%04X");
            case LOG_COUNTER -> hexOrInteger(line, facts.logCounter(), "%04X");
            case TERMINATION_STATE -> line.rawText(facts.terminationState());
            case TERMINATION_STATE_COOKIES -> {
                if ((line.options & LogOptions.ENCODE) != 0) {
                    line.rawText(facts.terminationState() + facts.cookieStates());
                } else {
                    line.rawText(facts.terminationState());
                    line.rawText(facts.cookieStates());
                }
            }
            case REQUEST_HEADERS -> captures(line, facts.requestCaptures());
            case RESPONSE_HEADERS -> captures(line, facts.responseCaptures());
            case REQUEST_HEADER_LIST -> captureList(line, facts.requestCaptures());
            case RESPONSE_HEADER_LIST -> captureList(line, facts.responseCaptures());
            case REQUEST_LINE -> {
                line.varTextStart();
                line.encoded('#', LogLineBuilder.URL_UNSAFE, facts.requestLine().orElse(BAD_REQUEST));
            }
            case METHOD, PATH, PATH_ONLY, QUERY, URI, VERSION -> {
                line.varTextStart();
                line.encoded('#', LogLineBuilder.URL_UNSAFE, RequestLineParts.part(alias, facts.requestLine()));
            }
            default -> throw new IllegalStateException("alias without a stream value: " + alias);
        }
    }

    /** The value of an alias written as a plain number (a timer, a count, the status). */
    static long integerValue(LogAlias alias, SampleContext context, LogFacts facts, boolean httpBackend) {
        return switch (alias) {
            case STATUS -> facts.status();
            case BYTES_FROM_CLIENT -> facts.bytesFromClient();
            case HANDSHAKE_TIME -> facts.handshakeMillis();
            case IDLE_TIME -> facts.idleMillis();
            case REQUEST_TIME -> LogTimers.requestTime(facts);
            case REQUEST_TOTAL_TIME -> LogTimers.requestTotalTime(facts);
            case QUEUE_TIME -> LogTimers.queueTime(facts);
            case CONNECT_TIME -> LogTimers.connectTime(facts);
            case RESPONSE_TIME -> LogTimers.responseTime(facts);
            case DATA_TIME -> LogTimers.dataTime(facts, httpBackend);
            case ACTIVE_CONNECTIONS -> context.process().activeConnections();
            case FRONTEND_CONNECTIONS -> facts.frontendConnections();
            case BACKEND_CONNECTIONS -> facts.backendConnections();
            case SERVER_CONNECTIONS -> facts.serverConnections();
            case SERVER_QUEUE -> facts.serverQueue();
            case BACKEND_QUEUE -> facts.backendQueue();
            default -> throw new IllegalStateException("not an integer alias: " + alias);
        };
    }

    /** The value of a total or byte count, which a line logged early writes after a {@code +}. */
    static long totalValue(LogAlias alias, LogFacts facts) {
        return switch (alias) {
            case BYTES_TO_CLIENT -> facts.bytesToClient();
            case ACTIVE_TIME -> LogTimers.activeTime(facts);
            case TOTAL_TIME -> facts.closeMillis();
            case USER_TIME -> LogTimers.userTime(facts);
            default -> throw new IllegalStateException("not a total alias: " + alias);
        };
    }

    /** A total or byte count: a {@code +} before it while the stream goes on ({@code option logasap}). */
    private static void total(LogLineBuilder line, LogFacts facts, long value) {
        if (!facts.complete()) {
            line.meta('+');
        }
        line.integer(value);
    }

    /** {@code %t}, {@code %tr}: written straight into the line unless encoding (the common case of every HTTP line). */
    private static void localMillis(LogLineBuilder line, long epochMillis) {
        if ((line.options & LogOptions.ENCODE) != 0) {
            line.rawText(LogDates.appendLocalMillis(new StringBuilder(24), epochMillis));
        } else {
            LogDates.appendLocalMillis(line.out, epochMillis);
        }
    }

    /** A date: written as it is, or as a text when encoding. */
    private static void date(LogLineBuilder line, CharSequence text) {
        if ((line.options & LogOptions.ENCODE) != 0) {
            line.rawText(text);
        } else {
            line.out.append(text);
        }
    }

    private static void hexOrInteger(LogLineBuilder line, long value, String hexFormat) {
        if ((line.options & LogOptions.HEXA) != 0) {
            line.rawText(String.format(hexFormat, value));
        } else {
            line.integer(value);
        }
    }

    /** {@code {value|value}} (§8.8), nothing when the frontend declares no capture. */
    private static void captures(LogLineBuilder line, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        line.varTextStart();
        line.character('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.character('|');
            }
            if (values.get(i) != null) {
                line.encoded('#', LogLineBuilder.HEADER_UNSAFE, values.get(i));
            }
        }
        line.character('}');
    }

    /** The CLF style: values separated by spaces, {@code -} for an empty one unless quoted. */
    private static void captureList(LogLineBuilder line, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        line.arrayStart();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.arrayNext();
            }
            line.varTextStart();
            if (values.get(i) != null && !values.get(i).isEmpty()) {
                line.encoded('#', LogLineBuilder.HEADER_UNSAFE, values.get(i));
            } else if ((line.options & LogOptions.QUOTE) == 0) {
                line.character('-');
            }
            line.varTextEnd();
        }
        line.arrayEnd();
    }

    /** The client as rules left it ({@code set-src}), else the connection's; no lambda per line. */
    private static Optional<InetSocketAddress> client(SampleContext context) {
        Optional<InetSocketAddress> source = context.source();
        return source.isPresent() ? source : context.connectionSource();
    }

    private static Optional<InetSocketAddress> frontendAddress(SampleContext context) {
        Optional<InetSocketAddress> destination = context.destination();
        return destination.isPresent() ? destination : context.connectionDestination();
    }

    /** An address, or hexadecimal digits with {@code X}. */
    private static void ip(LogLineBuilder line, Optional<InetSocketAddress> address) {
        if (address.isEmpty() || address.get().getAddress() == null) {
            line.text(null);
            return;
        }
        InetAddress ip = address.get().getAddress();
        if (ip instanceof Inet4Address && (line.options & PLAIN_TEXT_BLOCKERS) == 0) {
            // The common case of every line (%ci, %fi): the octets straight into the line.
            byte[] octets = ip.getAddress();
            for (int i = 0; i < octets.length; i++) {
                line.out.append(i == 0 ? "" : ".").append(octets[i] & 0xFF);
            }
            return;
        }
        if ((line.options & LogOptions.HEXA) != 0) {
            StringBuilder hex = new StringBuilder(32);
            for (byte b : ip.getAddress()) {
                hex.append(String.format("%02X", b & 0xFF));
            }
            line.rawText(hex);
        } else if (ip instanceof Inet4Address) {
            line.text(ip.getHostAddress());
        } else {
            line.text(Casts.ipv6Text(ip.getAddress()));
        }
    }

    private static void port(LogLineBuilder line, Optional<InetSocketAddress> address) {
        if (address.isEmpty()) {
            line.text(null);
        } else if ((line.options & LogOptions.HEXA) != 0) {
            line.rawText(String.format("%04X", address.get().getPort()));
        } else {
            line.integer(address.get().getPort());
        }
    }
}
