package dev.shuttle.sample;

import java.util.OptionalLong;

/**
 * What the client connection's multiplexer says about the stream being served ({@code fc_nb_streams},
 * {@code fc_settings_streams_limit}, {@code fs.id}, {@code fs.rst_code}, {@code fc_http_major}, {@code fc_glitches}), as
 * HAProxy's muxes answer their {@code ctl}/{@code sctl} calls. An HTTP/2 stream gives its own; a
 * context without one is an HTTP/1 or TCP connection's, which {@link SampleContext} answers for.
 */
public interface FrontStream {
    /** The streams open on the connection now, this one included. */
    int openStreams();

    /** The most streams the connection allows at once (HTTP/2: the SETTINGS_MAX_CONCURRENT_STREAMS announced). */
    long streamsLimit();

    /** The stream's identifier on the connection. */
    int streamId();

    /** The error code of the client's RST_STREAM on this stream, if it sent one. */
    OptionalLong resetCode();

    /** The major version of the protocol on the wire: 2. */
    int httpMajor();

    /**
     * The protocol glitches counted on the connection so far ({@code fc_glitches}): streams the
     * client made malformed, streams it reset before their end, frames on streams already closed.
     */
    long glitches();
}
