/**
 * The process itself, before and around the data path: HAProxy's command line ({@code -f},
 * {@code -c}, {@code -cc}, {@code -d}, {@code -D}, ...), configuration loading, daemon mode,
 * pidfile, signals and the stop sequence, and the version and feature reports.
 *
 * <p>HAProxy counterpart: haproxy.c (mworker.c once reloads exist). It builds every other
 * package's runtime objects from the loaded configuration and starts the listeners; it never
 * reads or writes a connection itself.
 */
package dev.shuttle.main;
