/**
 * Moves bytes between an accepted connection and a server connection: for now the TCP
 * pass-through tunnel, later the HTTP/1 and HTTP/2 connection layers. It sits after
 * {@code listener} (which accepted the socket) and under {@code stream} (which decides where the
 * bytes go), and applies the inactivity timeouts of each direction.
 *
 * <p>HAProxy counterpart: mux_pt.c (and mux_h1.c, mux_h2.c to come). The only code that reads and
 * writes connection sockets; codecs it uses stay pure in their own packages.
 */
package dev.shuttle.mux;
