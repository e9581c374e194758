/**
 * One exchange on one client connection, the middle of the data path: picks the backend, gets a
 * server connection from {@code backend} (retries, queueing), hands both sockets to {@code mux}
 * to forward, and reports the outcome ({@link dev.shuttle.stream.SessionRecord}) to the log
 * observers.
 *
 * <p>HAProxy counterpart: stream.c, with tcp_rules.c and http_ana.c to come. It decides and
 * records; it does not read or write sockets itself.
 */
package dev.shuttle.stream;
