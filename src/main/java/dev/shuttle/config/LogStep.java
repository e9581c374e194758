package dev.shuttle.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The moments a stream may be logged at (configuration.txt, "log-steps", "log-profile" and
 * "do-log"): the transaction steps, the connection error, and the places a {@code do-log} rule
 * runs. {@link #origin()} is what {@code %OG} prints for a line made at that step.
 */
public enum LogStep {
    ACCEPT("accept", "txn_accept"),
    REQUEST("request", "txn_request"),
    CONNECT("connect", "txn_connect"),
    RESPONSE("response", "txn_response"),
    CLOSE("close", "txn_close"),
    ERROR("error", "sess_error"),
    HTTP_REQ("http-req", "http-req"),
    HTTP_RES("http-res", "http-res"),
    HTTP_AFTER_RES("http-after-res", "http-after-res"),
    TCP_REQ_CONN("tcp-req-conn", "tcp-req-conn"),
    TCP_REQ_SESS("tcp-req-sess", "tcp-req-sess"),
    TCP_REQ_CONT("tcp-req-cont", "tcp-req-cont"),
    TCP_RES_CONT("tcp-res-cont", "tcp-res-cont");

    private final String keyword;
    private final String origin;

    LogStep(String keyword, String origin) {
        this.keyword = keyword;
        this.origin = origin;
    }

    public String keyword() {
        return keyword;
    }

    public String origin() {
        return origin;
    }



    public static Optional<LogStep> fromKeyword(String word) {
        return Arrays.stream(values()).filter(step -> step.keyword.equals(word)).findFirst();
    }
}
