/**
 * The configuration language's basic words, shared by every compiler of it ({@code sample},
 * {@code rules}, {@code config.parse}...): where a word was written
 * ({@link dev.shuttle.lang.SourceLocation}), the error a compiler raises about it
 * ({@link dev.shuttle.lang.ConfigException}), and the values many keywords take: times
 * ({@link dev.shuttle.lang.TimeValue}, configuration.txt §2.5) and syslog levels.
 *
 * <p>A floor of its own at the bottom of the package graph: it imports no other Shuttle package,
 * so that the expression language, the rules and the section parsers can all speak it without
 * depending on each other. Pure values; no I/O.
 */
package dev.shuttle.lang;
