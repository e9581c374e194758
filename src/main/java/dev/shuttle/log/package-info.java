/**
 * Logs at the end of the data path: one traffic line per session (from
 * {@code stream.SessionRecord}), the process's own alerts and notices, and the syslog sender
 * that delivers both (RFC 3164 over UDP, or stdout/stderr). The log-format compiler is a compiler
 * of the sample language and lives in {@code sample} ({@code LogFormat}).
 *
 * <p>A runtime package above {@code stream}, whose records it reads (with the {@code listener},
 * {@code backend} and {@code server} objects they name); it imports {@code config}'s log targets,
 * {@code lang} and {@code net}, never the configuration parser: {@code main} hands it
 * the console printer. Only {@code main} imports it. HAProxy counterpart: log.c. It sends log
 * datagrams and writes to the standard streams; it never touches client or server sockets.
 */
package dev.shuttle.log;
