/**
 * Counters that the data path updates and the runtime API reads: sessions, bytes each way,
 * failures, retries, kept per frontend, backend and server (and later the stats page and
 * Prometheus output).
 *
 * <p>HAProxy counterpart: stats.c, counters.h. Off the data path apart from lock-free counter
 * updates; no I/O.
 */
package dev.shuttle.stats;
