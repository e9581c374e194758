/**
 * The connection layers, the only code that reads and writes connection sockets (HAProxy's
 * mux_h1.c, mux_pt.c, mux_h2.c): after {@code session} chose the protocol, a mux speaks
 * it and offers the exchange protocol-neutral streams, {@link dev.shuttle.mux.ClientStream} and
 * {@link dev.shuttle.mux.ServerStream}, with bodies as {@link dev.shuttle.mux.BodySource} and
 * {@link dev.shuttle.mux.BodySink}. {@link dev.shuttle.mux.H1ClientMux} reads the requests of an
 * HTTP/1 client connection and hands each to {@code stream} through {@link
 * dev.shuttle.mux.HttpStreamHandler}; {@link dev.shuttle.mux.H2ClientMux} reads the frames of an
 * HTTP/2 client connection and runs each stream's exchange on a virtual thread of its own; {@link
 * dev.shuttle.mux.ServerMuxes} opens server connections in HTTP/1.1 or HTTP/2 (an {@code
 * H2ServerConnection} with a reader thread of its own, one {@code H2ServerStream} per exchange); {@link
 * dev.shuttle.mux.TcpTunnel} forwards bytes both ways (TCP mode, WebSocket, CONNECT) between two
 * {@link dev.shuttle.mux.TunnelSide}s: sockets, or an HTTP/2 stream ({@code H2TunnelSide}) whose
 * DATA carry a CONNECT's or an RFC 8441 WebSocket's bytes.
 *
 * <p>It uses the pure codecs ({@code h1}, {@code h2}, {@code hpack}) and {@code io}, and reads {@code config} for timeouts and
 * settings; it never imports {@code stream}, which implements its handler interfaces.
 */
package dev.shuttle.mux;
