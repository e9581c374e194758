/**
 * Logs at the end of the data path: one traffic line per session (from
 * {@code stream.SessionRecord}), the process's own alerts and notices, and the syslog sender
 * that delivers both ({@code SyslogSender}: every {@code format}, {@code len} and {@code sample};
 * UDP and UNIX datagrams, stdout/stderr, {@code ring} sections forwarded over TCP, {@code mode log}
 * backends) and relays what {@code logfwd} receives. The log-format compiler is a compiler of the
 * sample language and lives in {@code sample} ({@code LogFormat}).
 *
 * <p>A runtime package above {@code stream}, whose records it reads (with the {@code listener},
 * {@code backend} and {@code server} objects they name); it imports {@code config}'s log targets,
 * {@code lang} and {@code net}, never the configuration parser: {@code main} hands it
 * the console printer. Only {@code main} and {@code logfwd} import it. HAProxy counterpart: log.c,
 * sink.c, ring.c. It sends log datagrams, writes to the standard streams and connects to the
 * rings' syslog servers; it never touches client or server sockets.
 */
package dev.shuttle.log;
