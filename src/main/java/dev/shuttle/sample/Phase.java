package dev.shuttle.sample;

/**
 * When a rule runs, which decides what a fetch can see (configuration.txt §7.3, the "usable in"
 * column, simplified to the places Shuttle evaluates rules). Ordered as a stream lives them.
 */
public enum Phase {
    /** {@code tcp-request connection}: just accepted, nothing read yet. */
    CONNECTION,
    /** {@code tcp-request session}: the session exists (after PROXY header and TLS). */
    SESSION,
    /** {@code tcp-request content} and {@code use_backend}/{@code use-server} in TCP mode. */
    REQUEST_CONTENT,
    /** {@code http-request}, {@code use_backend} in HTTP mode: the request head is there. */
    HTTP_REQUEST,
    /** {@code tcp-response content}. */
    RESPONSE_CONTENT,
    /** {@code http-response}: the response head is there. */
    HTTP_RESPONSE,
    /** {@code http-after-response}: the response is about to leave, errors included. */
    HTTP_AFTER_RESPONSE,
    /** Log-format evaluation at the end of the stream. */
    LOG
}
