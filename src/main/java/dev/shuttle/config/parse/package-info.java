/**
 * Reads the configuration language into the records of {@code config}: the tokenizer (quoting,
 * escapes, {@code "${VAR}"}), the {@code .if}/{@code .elif}/{@code .else}/{@code .endif}
 * conditions and {@code .diag}-style directives, the section readers, the keyword parsers
 * (registered in {@link dev.shuttle.config.parse.KeywordRegistry}), the resolver that checks
 * references between proxies and freezes each section into its record, the loader
 * ({@link dev.shuttle.config.parse.ConfigLoader}), and HAProxy-style diagnostics.
 *
 * <p>Off the data path: it runs once at startup, above {@code config} and everything below it
 * (it compiles rules, ACLs and expressions through {@code rules}, {@code acl}, {@code pattern}
 * and {@code sample}), and only {@code main} imports it. HAProxy counterpart: cfgparse.c,
 * cfgparse-global.c, cfgparse-listen.c, cfgcond.c, tools.c (time and size parsing). Pure: it
 * reads files and the environment copy it is given, never sockets.
 */
package dev.shuttle.config.parse;
