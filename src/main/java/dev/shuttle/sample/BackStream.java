package dev.shuttle.sample;

import java.util.OptionalLong;

/**
 * What the server connection's multiplexer says about the exchange's stream ({@code bc_nb_streams},
 * {@code bc_settings_streams_limit}, {@code bs.id}, {@code bs.rst_code}, {@code bc_http_major},
 * {@code bc_glitches}), as HAProxy's muxes answer their {@code ctl}/{@code sctl} calls. An HTTP/2
 * server stream gives its own; without one, an HTTP/1 connection's answers apply ({@link #HTTP1}).
 */
public interface BackStream {
    /** The streams open on the connection now, this one included. */
    int openStreams();

    /** The most streams the connection allows at once (HTTP/2: what the server's SETTINGS and Shuttle allow). */
    long streamsLimit();

    /** The stream's identifier on the connection, if the protocol has one. */
    OptionalLong streamId();

    /** The error code of the server's RST_STREAM on this stream, if it sent one. */
    OptionalLong resetCode();

    /** The major version of the protocol on the wire. */
    int httpMajor();

    /** The protocol glitches counted on the connection so far. */
    long glitches();

    /** An HTTP/1.1 connection whose exchange has no known place on it: one stream at a time, no resets. */
    BackStream HTTP1 = http1(-1);

    /**
     * An HTTP/1.1 connection: one stream at a time, no resets; {@code requestIndex} is the
     * exchange's place among the requests sent on the connection (0 for the first), which HAProxy
     * 3.5's HTTP/1 mux gives as the stream's id; negative when unknown.
     */
    static BackStream http1(long requestIndex) {
        OptionalLong id = requestIndex < 0 ? OptionalLong.empty() : OptionalLong.of(requestIndex);
        return new BackStream() {
            @Override
            public int openStreams() {
                return 1;
            }

            @Override
            public long streamsLimit() {
                return 1;
            }

            @Override
            public OptionalLong streamId() {
                return id;
            }

            @Override
            public OptionalLong resetCode() {
                return OptionalLong.empty();
            }

            @Override
            public int httpMajor() {
                return 1;
            }

            @Override
            public long glitches() {
                return 0;
            }
        };
    }
}
