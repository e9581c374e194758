/**
 * Byte plumbing shared by the layers that own I/O (HAProxy's buf.c, fd.c and its pollers): pooled
 * buffers and the input buffer heads are parsed from, counting and pooled output streams, one
 * deadline watcher for all head reads, and how a connection's thread waits for bytes
 * ({@link dev.shuttle.io.ReadinessPoller}, the process's edge-triggered {@code epoll} set, and
 * {@link dev.shuttle.io.AnswerYield}).
 *
 * <p>A basic floor: it imports no other Shuttle package, and everything that moves bytes
 * ({@code net}, {@code mux}, {@code stream}, {@code backend}, {@code log}) may use it. Addresses
 * and sockets are {@code net}'s.
 */
package dev.shuttle.io;
