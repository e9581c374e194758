/**
 * Reads the running proxies into {@code show stat} rows: a frontend's, its servers', its backend's
 * (management.txt §9.1), for the runtime API and the stats page to format. Off the data path: it
 * only reads the counters and states that the data path keeps (in {@code stats},
 * {@code listener}, {@code backend}, {@code server}).
 *
 * <p>HAProxy counterpart: stats-proxy.c (stats_fill_fe_line(), stats_fill_sv_line(),
 * stats_fill_be_line()).
 */
package dev.shuttle.stats.proxy;
