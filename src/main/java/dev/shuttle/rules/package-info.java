/**
 * The rules of a proxy (configuration.txt §4.2 "http-request", "http-response",
 * "http-after-response", "tcp-request", "tcp-response", "use_backend", "use-server",
 * "monitor-uri"): the action keywords and their compilers, rule sets by kind, and what a rule
 * decides ({@link dev.shuttle.rules.Verdict}: go on, stop, answer, reject...). Called by
 * {@code stream} at each step of an exchange; it changes the {@code SampleContext} and the HTTP
 * heads it is given, never a socket.
 *
 * <p>The top of the expression language: it may import {@code acl} (rule conditions),
 * {@code pattern}, {@code sample} (expressions, log-format strings, the stream's context),
 * {@code http} and {@code lang}, and nothing of the configuration or the runtime, which build on
 * it. Compiled once while the configuration loads, immutable afterwards. HAProxy counterpart:
 * http_act.c, http_rules.c, tcp_rules.c, and the switching rules of proxy.c and stream.c.
 */
package dev.shuttle.rules;
