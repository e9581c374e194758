/**
 * The PROXY protocol (HAProxy's doc/proxy-protocol.txt, versions 1 and 2) as a pure codec: bytes in,
 * a {@link dev.shuttle.proxyproto.ProxyHeader} or a {@link dev.shuttle.proxyproto.ProxyParseError}
 * out ({@link dev.shuttle.proxyproto.ProxyParser}); a header and its TLVs out as bytes ({@link
 * dev.shuttle.proxyproto.ProxyEncoder}).
 *
 * <p>On the data path it sits on both ends of a proxied connection: the session's PROXY stage
 * (right after {@code accept} and the {@code tcp-request connection} rules, before TLS) parses what a
 * client or a load balancer in front sent; a server connection declared with {@code send-proxy*}
 * writes an encoded header as its first bytes. Neither touches a socket: the stage reads bytes and
 * asks the parser whether they are enough ({@link dev.shuttle.proxyproto.ProxyParser.Parsed.NeedMore}),
 * so the codec can be fed one byte at a time.
 *
 * <p>HAProxy counterpart: the PROXY parts of connection.c ({@code conn_recv_proxy}, {@code
 * make_proxy_line}). It imports nothing of Shuttle and no {@code java.net}: addresses are raw
 * bytes, written and read as text by {@link dev.shuttle.proxyproto.AddressText}.
 */
package dev.shuttle.proxyproto;
