/**
 * The runtime API on the {@code stats socket}: command-line splitting, the command table with
 * access levels ({@code user}, {@code operator}, {@code admin}), and the sessions that run them
 * ({@code show info}, {@code prompt}, ...). Beside the data path: it reads the process's state
 * through {@link dev.shuttle.cli.ProcessView}, never the traffic; the live streams and the captured
 * malformed messages it shows ({@code show sess}, {@code show errors}) are what the connections'
 * threads published for it ({@code listener.LiveStreams}, {@code stats.ErrorCaptures}).
 *
 * <p>HAProxy counterpart: cli.c (and stats.c for the {@code show stat} family). It serves its own
 * stats-socket connections, bound through {@code listener}; it touches no client or server socket.
 */
package dev.shuttle.cli;
