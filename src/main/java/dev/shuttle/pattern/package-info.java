/**
 * Patterns, pattern files and maps (configuration.txt §7.1.1 to §7.1.6, §7.2 "Using ACLs to form
 * conditions" for {@code -f}/{@code -m}, and the {@code map*} converters of §7.3.1): how a value is
 * matched against patterns by a match method ({@code str}, {@code beg}, {@code reg}, {@code ip}...),
 * the indexes that make it fast, the pattern and map files a load reads once, and the map
 * converters.
 *
 * <p>A {@link dev.shuttle.pattern.PatternSet} is an immutable index fit for its match method (a
 * hash table for exact strings, prefix-length buckets for prefixes and networks, an ordered list
 * for the rest). The entries behind it live in a {@link dev.shuttle.pattern.PatternReference}, one
 * per file however many ACLs and maps name it, plus one per {@code acl} line for the values
 * written there; the runtime API changes a reference under its lock, and each user
 * ({@link dev.shuttle.pattern.LivePatterns} for an ACL, {@link dev.shuttle.pattern.MapTable} for a
 * map converter) rebuilds its index and publishes it whole (copy on write). Evaluation only reads
 * one volatile field: no lock on the request path.
 *
 * <p>In the expression language, above {@code sample} (whose samples it matches and whose
 * {@link dev.shuttle.sample.MapLoader} it implements) and below {@code acl} (which names pattern
 * sets and combines them into conditions); it may import only {@code sample} and {@code lang}.
 * {@link dev.shuttle.pattern.StandardRegistry} assembles the registry a configuration compiles
 * against: sample's families and the map converters. HAProxy counterpart: pattern.c, map.c.
 * Regular expressions are Java's ({@link java.util.regex.Pattern}) where HAProxy uses PCRE; see
 * {@link dev.shuttle.pattern.PatternParser} for the differences.
 */
package dev.shuttle.pattern;
