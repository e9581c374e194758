/**
 * Logs at the end of the data path: one traffic line per session (from
 * {@code stream.SessionRecord}), the process's own alerts and notices, and the syslog sender
 * that delivers both (RFC 3164 over UDP, or stdout/stderr).
 *
 * <p>HAProxy counterpart: log.c. It sends log datagrams and writes to the standard streams; it
 * never touches client or server sockets.
 */
package dev.shuttle.log;
