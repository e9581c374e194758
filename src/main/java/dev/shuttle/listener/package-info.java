/**
 * The first step of the data path: turns {@code bind} addresses into listening sockets (IP,
 * {@code unix@}, {@code abns@}, {@code abnsz@}, inherited {@code fd@}), accepts connections under
 * each listener's {@link dev.shuttle.listener.Supervisor} and {@code maxconn} slots, and starts
 * one virtual thread per connection that then runs the session ({@code stream}).
 *
 * <p>HAProxy counterpart: listener.c, proto_tcp.c, proto_uxst.c, sock.c, sock_inet.c, tools.c
 * (address parsing). One of the three packages that own socket I/O (with {@code mux} and
 * {@code check}); it also opens the outgoing sockets that {@code backend} asks for.
 */
package dev.shuttle.listener;
