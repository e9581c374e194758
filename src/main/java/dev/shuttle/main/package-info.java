/**
 * The process itself, before and around the data path: HAProxy's command line ({@code -f},
 * {@code -c}, {@code -cc}, {@code -d}, {@code -D}, ...), configuration loading, daemon mode,
 * pidfile, signals and the stop sequence. The version and feature constants it reports are
 * {@code version}'s.
 *
 * <p>The top floor: it may import every package (but {@code demo}) and nothing imports it. It
 * creates the process-wide services (the process information fetches read, the {@code proc}
 * variables, the console for process messages) and builds every other package's runtime objects
 * from the loaded configuration, then starts the listeners; it never reads or writes a connection
 * itself. HAProxy counterpart: haproxy.c (mworker.c once reloads exist).
 */
package dev.shuttle.main;
