/**
 * HTTP/2's framing layer (RFC 9113 §4 to §6) as a pure codec: bytes in, typed {@link
 * dev.shuttle.h2.Frame}s out ({@link dev.shuttle.h2.FrameReader}, {@link dev.shuttle.h2.FrameParser}),
 * frames out as bytes ({@link dev.shuttle.h2.FrameWriter}), and the small pieces of connection state
 * that are pure arithmetic: settings ({@link dev.shuttle.h2.H2Settings}), flow-control windows
 * ({@link dev.shuttle.h2.FlowWindow}), the gathering of a header block across CONTINUATION frames
 * ({@link dev.shuttle.h2.HeaderBlockAssembler}).
 *
 * <p>On the data path it sits where {@code h1} sits for HTTP/1.1: right after the session's TLS
 * and PROXY stages, an HTTP/2 connection's reader thread feeds its socket's bytes to a {@link
 * dev.shuttle.h2.FrameReader} and acts on each frame; header blocks go to {@code dev.shuttle.hpack}.
 * Every rule the RFC states about a single frame (its length, its stream identifier, its flags, its
 * fields) is checked here, and a violation is an {@link dev.shuttle.h2.H2Exception} that says
 * whether it ends the stream or the connection (§5.4) and with which {@link
 * dev.shuttle.h2.H2ErrorCode}. Rules about sequences of frames on a stream (its state machine, §5.1)
 * belong to the connection above.
 *
 * <p>It also maps header blocks onto the protocol-neutral heads of {@code dev.shuttle.http} and
 * back (RFC 9113 §8: {@link dev.shuttle.h2.RequestFields}, {@link dev.shuttle.h2.ResponseFields},
 * {@link dev.shuttle.h2.HeadFields}), with the checks that keep a request from smuggling a second
 * one into the HTTP/1.1 a server reads.
 *
 * <p>HAProxy counterpart: the frame parts of mux_h2.c, and h2.c. It imports {@code hpack} (header
 * fields) and {@code http} (the neutral heads), and no {@code java.net} or channel: a test feeds
 * it a byte at a time.
 */
package dev.shuttle.h2;
