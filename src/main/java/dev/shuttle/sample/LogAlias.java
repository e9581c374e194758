package dev.shuttle.sample;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code %} aliases of a log-format string (configuration.txt §8.2.6, the table of aliases),
 * each with the mode it needs: an HTTP alias in a TCP proxy gets no value worth logging (HAProxy
 * only warns of it in diagnostic mode, {@code -dD}). {@code %o} is not a value: it sets the flags
 * of every following item. The values are written by {@link LogAliasValues}.
 */
enum LogAlias {
    GLOBAL_OPTIONS("o", false),
    ORIGIN("OG", false),
    BYTES_TO_CLIENT("B", false),
    REQUEST_COOKIE("CC", true),
    RESPONSE_COOKIE("CS", true),
    HOSTNAME("H", false),
    UNIQUE_ID("ID", false),
    STATUS("ST", false),
    ACCEPT_DATE_GMT("T", false),
    ACTIVE_TIME("Ta", true),
    CONNECT_TIME("Tc", false),
    HANDSHAKE_TIME("Th", false),
    IDLE_TIME("Ti", true),
    ACCEPT_DATE_LOCAL_ZONE("Tl", false),
    REQUEST_TOTAL_TIME("Tq", true),
    RESPONSE_TIME("Tr", true),
    REQUEST_TIME("TR", true),
    DATA_TIME("Td", false),
    ACCEPT_TIMESTAMP("Ts", false),
    TOTAL_TIME("Tt", false),
    USER_TIME("Tu", false),
    QUEUE_TIME("Tw", false),
    BYTES_FROM_CLIENT("U", false),
    ACTIVE_CONNECTIONS("ac", false),
    BACKEND("b", false),
    BACKEND_CONNECTIONS("bc", false),
    BACKEND_SOURCE_IP("bi", false),
    BACKEND_SOURCE_PORT("bp", false),
    BACKEND_QUEUE("bq", false),
    CLIENT_IP("ci", false),
    CLIENT_PORT("cp", false),
    FRONTEND("f", false),
    FRONTEND_CONNECTIONS("fc", false),
    FRONTEND_IP("fi", false),
    FRONTEND_PORT("fp", false),
    FRONTEND_TRANSPORT("ft", false),
    REQUEST_HEADERS("hr", false),
    REQUEST_HEADER_LIST("hrl", false),
    RESPONSE_HEADERS("hs", false),
    RESPONSE_HEADER_LIST("hsl", false),
    METHOD("HM", true),
    PATH("HP", true),
    PATH_ONLY("HPO", true),
    QUERY("HQ", true),
    URI("HU", true),
    VERSION("HV", true),
    LOG_COUNTER("lc", false),
    ACCEPT_MILLISECONDS("ms", false),
    PID("pid", false),
    REQUEST_LINE("r", true),
    RETRIES("rc", false),
    STREAM_NUMBER("rt", false),
    SERVER("s", false),
    SERVER_CONNECTIONS("sc", false),
    SERVER_IP("si", false),
    SERVER_PORT("sp", false),
    SERVER_QUEUE("sq", false),
    SSL_CIPHER("sslc", false),
    SSL_VERSION("sslv", false),
    ACCEPT_DATE("t", false),
    REQUEST_DATE("tr", true),
    REQUEST_DATE_GMT("trg", true),
    REQUEST_DATE_LOCAL_ZONE("trl", true),
    TERMINATION_STATE("ts", false),
    TERMINATION_STATE_COOKIES("tsc", false);

    private static final Map<String, LogAlias> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(LogAlias::alias, Function.identity()));

    private final String alias;
    private final boolean httpOnly;

    LogAlias(String alias, boolean httpOnly) {
        this.alias = alias;
        this.httpOnly = httpOnly;
    }

    /** The name after {@code %}. */
    String alias() {
        return alias;
    }

    /** Whether the value only exists in an HTTP proxy. */
    boolean httpOnly() {
        return httpOnly;
    }

    /**
     * Whether the value is only final once the stream ended (HAProxy's {@code LW_BYTES}): a line
     * without any such item is made when the response head is there ({@code %OG} {@code txn_response}).
     */
    boolean needsStreamEnd() {
        return switch (this) {
            case BYTES_TO_CLIENT, UNIQUE_ID, ACTIVE_TIME, CONNECT_TIME, HANDSHAKE_TIME, IDLE_TIME, REQUEST_TOTAL_TIME,
                 RESPONSE_TIME, REQUEST_TIME, DATA_TIME, TOTAL_TIME, USER_TIME, QUEUE_TIME, BYTES_FROM_CLIENT,
                 ACTIVE_CONNECTIONS, BACKEND_CONNECTIONS, BACKEND_QUEUE, FRONTEND_CONNECTIONS, RETRIES,
                 SERVER_CONNECTIONS, SERVER_QUEUE, TERMINATION_STATE -> true;
            default -> false;
        };
    }

    /** The alias named exactly {@code name} (HAProxy takes the whole run of letters and digits). */
    static Optional<LogAlias> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
