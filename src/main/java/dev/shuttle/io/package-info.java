/**
 * Socket plumbing shared by the layers that own I/O (HAProxy's sock.c, sock_inet.c, sock_unix.c,
 * buf.c, fd.c and its pollers): addresses of connected sockets whatever their family, pooled
 * buffers and the input buffer heads are parsed from, one deadline watcher for all head reads,
 * and how a connection's thread waits for bytes ({@link dev.shuttle.io.ReadinessPoller}, the
 * process's edge-triggered {@code epoll} set, and {@link dev.shuttle.io.AnswerYield}).
 */
package dev.shuttle.io;
