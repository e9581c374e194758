/**
 * ACLs, pattern matching and maps (configuration.txt §7.1, §7.2, §7.4 and the {@code map*}
 * converters of §7.3.1): the {@code acl} lines of a proxy, the {@code if}/{@code unless}
 * conditions of its rules, and the pattern and map files they load.
 *
 * <p>Everything here is built once while the configuration loads and is immutable afterwards:
 * a {@link dev.shuttle.acl.PatternSet} is an index fit for its match method (a hash table for
 * exact strings, prefix-length buckets for prefixes and networks, an ordered list for the rest),
 * shared by every ACL or map that names the same file. Evaluation only reads.
 *
 * <p>HAProxy counterpart: acl.c, pattern.c, map.c. Regular expressions are Java's
 * ({@link java.util.regex.Pattern}) where HAProxy uses PCRE; see {@link dev.shuttle.acl.PatternParser}
 * for the differences.
 */
package dev.shuttle.acl;
