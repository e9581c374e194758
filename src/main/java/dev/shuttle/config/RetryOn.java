package dev.shuttle.config;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The conditions {@code retry-on} names (configuration.txt §4.2, "retry-on"): what failure of an
 * attempt lets the request be tried again, on a new connection.
 */
public enum RetryOn {
    /** The connection to the server could not be made (the default). */
    CONN_FAILURE("conn-failure"),
    /** The server closed the connection without sending a byte of response. */
    EMPTY_RESPONSE("empty-response"),
    /** The server sent something that is not a valid HTTP response head. */
    JUNK_RESPONSE("junk-response"),
    /** No response head came within {@code timeout server}. */
    RESPONSE_TIMEOUT("response-timeout"),
    /** The server rejected TLS 1.3 early data (Shuttle sends none, so it never happens). */
    ZERO_RTT_REJECTED("0rtt-rejected"),
    STATUS_401("401"),
    STATUS_403("403"),
    STATUS_404("404"),
    STATUS_408("408"),
    STATUS_421("421"),
    STATUS_425("425"),
    STATUS_429("429"),
    STATUS_500("500"),
    STATUS_501("501"),
    STATUS_502("502"),
    STATUS_503("503"),
    STATUS_504("504");

    /** {@code all-retryable-errors}: every condition but the 4xx statuses and 501. */
    public static final Set<RetryOn> ALL_RETRYABLE_ERRORS = Set.copyOf(EnumSet.of(CONN_FAILURE, EMPTY_RESPONSE,
            RESPONSE_TIMEOUT, STATUS_500, STATUS_502, STATUS_503, STATUS_504, ZERO_RTT_REJECTED, JUNK_RESPONSE));

    private final String keyword;

    RetryOn(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static Optional<RetryOn> fromKeyword(String word) {
        for (RetryOn condition : values()) {
            if (condition.keyword.equals(word)) {
                return Optional.of(condition);
            }
        }
        return Optional.empty();
    }

    /** The condition a response status is, if {@code retry-on} can name it. */
    public static Optional<RetryOn> ofStatus(int status) {
        return fromKeyword(Integer.toString(status));
    }

    /** Whether the condition is about a response the server sent (an L7 retry), rather than the connection. */
    public boolean needsReplayableRequest() {
        return this != CONN_FAILURE;
    }
}
