/**
 * Addresses and the sockets behind them, before any byte flows: the address syntax of
 * {@code bind}, {@code server}, {@code log} and {@code stats socket} lines
 * ({@link dev.shuttle.net.AddressParser}, HAProxy manual §11), name resolution at startup, the
 * bind-time socket options, outgoing connections to servers ({@link dev.shuttle.net.Connector}; the
 * SOCKS4 CONNECT bytes of a {@code socks4} server, {@link dev.shuttle.net.Socks4}),
 * the addresses of a connected socket whatever its family, and the plumbing that binding and
 * connecting both need for what the JDK's public API cannot do ({@link dev.shuttle.net.ChannelBridge},
 * abstract-namespace sockets).
 *
 * <p>A basic floor: it may import only {@code io}. The configuration records hold its addresses;
 * {@code listener} binds them, {@code backend} connects to them. HAProxy counterpart: tools.c
 * (address parsing), proto_tcp.c, proto_uxst.c, sock_inet.c, sock_unix.c (connect).
 */
package dev.shuttle.net;
