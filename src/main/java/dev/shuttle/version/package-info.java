/**
 * What this build of Shuttle is: its own version, the HAProxy version whose language it follows
 * ({@link dev.shuttle.version.Version}), the features it reports and answers for
 * ({@link dev.shuttle.version.Features}), how HAProxy version strings compare
 * ({@link dev.shuttle.version.HaproxyVersion}), and the text of {@code -v}/{@code -vv}.
 *
 * <p>Off the data path, at the bottom of the package graph: it imports no other Shuttle package,
 * so that the {@code .if} conditions ({@code version_atleast()}, {@code feature()}), the runtime
 * API ({@code show info}) and the command line read the same constants without importing
 * {@code main}. HAProxy counterpart: version.c, and the build options that {@code haproxy -vv}
 * prints. Constants and pure functions; no I/O beyond printing the report to a given stream.
 */
package dev.shuttle.version;
