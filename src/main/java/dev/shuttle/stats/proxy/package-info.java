/**
 * Reads the running proxies into {@code show stat} rows: a frontend's, its listeners' (with
 * {@code option socket-stats}), its servers', its backend's (management.txt §9.1), a {@code mode
 * log} backend's from its {@link dev.shuttle.server.LogBackendStats} snapshot, for the
 * runtime API and the stats page to format; and writes and reads the stats-file (§9.5), whose
 * preloading is the one write it makes into the counters, at start. Off the data path otherwise:
 * it only reads the counters and states that the data path keeps (in {@code stats},
 * {@code listener}, {@code backend}, {@code server}).
 *
 * <p>HAProxy counterpart: stats-proxy.c (stats_fill_fe_line(), stats_fill_li_line(),
 * stats_fill_sv_line(), stats_fill_be_line()), stats-file.c.
 */
package dev.shuttle.stats.proxy;
