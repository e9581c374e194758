package dev.shuttle.config;

import java.util.List;

/**
 * How a backend checks its servers (configuration.txt §4: "option httpchk", "http-check ...").
 * Without any of these, a check is a TCP connection that opens or not.
 *
 * @param kind         the protocol of the checks
 * @param request      what an HTTP check sends
 * @param expects      {@code http-check expect} rules; empty: a 2xx or 3xx status passes
 * @param disableOn404 {@code http-check disable-on-404}: a 404 from an up server puts it in drain
 * @param sendState    {@code http-check send-state}: the {@code X-Haproxy-Server-State} header
 * @param tcpRules     {@code tcp-check} rules, used with {@code option tcp-check}; a protocol check's rules
 * @param httpSequence an HTTP check sequence (rules starting with {@code http-check connect});
 *                     empty: one {@link #request} judged by {@link #expects}
 * @param external     what {@code option external-check} runs
 */
public record HealthCheckConfig(Kind kind, HttpCheckRequest request, List<HttpCheckExpect> expects,
                                boolean disableOn404, boolean sendState, List<TcpCheckRule> tcpRules,
                                List<HttpCheckRule> httpSequence, ExternalCheckCommand external) {
    /** The protocol a check speaks once connected. */
    public enum Kind {
        /** The connection alone (layer 4). */
        TCP_CONNECT,
        /** An HTTP request and its response (layer 7). */
        HTTP,
        /** {@code option tcp-check}: the {@code tcp-check} rules' sends and expects. */
        TCP_RULES,
        /** {@code option external-check}: a program's exit status. */
        EXTERNAL,
        /**
         * A protocol check ({@code option smtpchk}, {@code mysql-check}, {@code pgsql-check},
         * {@code redis-check}, {@code ldap-check}, {@code spop-check}): {@link #tcpRules} are the
         * protocol's own rules, and failures carry only the descriptions those rules give.
         */
        TCP_PROTOCOL,
        /** {@code option ssl-hello-chk}: an SSLv3 hello, answered by a TLS record (layer 6). */
        SSL_HELLO
    }

    /** TCP connect checks: the default. */
    public static final HealthCheckConfig TCP = new HealthCheckConfig(Kind.TCP_CONNECT, HttpCheckRequest.DEFAULT,
            List.of(), false, false, List.of(), List.of());

    /** Checks that run no external program. */
    public HealthCheckConfig(Kind kind, HttpCheckRequest request, List<HttpCheckExpect> expects, boolean disableOn404,
                             boolean sendState, List<TcpCheckRule> tcpRules, List<HttpCheckRule> httpSequence) {
        this(kind, request, expects, disableOn404, sendState, tcpRules, httpSequence, ExternalCheckCommand.NONE);
    }

    /**
     * Whether a {@code tcp-check connect} or {@code http-check connect} rule asks for TLS ({@code
     * ssl}): then every server of the backend needs a TLS context, as HAProxy prepares one.
     */
    public boolean connectsWithTls() {
        return tcpRules.stream().anyMatch(rule -> rule instanceof TcpCheckRule.Connect connect && connect.options().ssl())
                || httpSequence.stream().anyMatch(rule -> rule instanceof HttpCheckRule.Connect connect
                        && connect.options().ssl());
    }

    public HealthCheckConfig {
        expects = List.copyOf(expects);
        tcpRules = List.copyOf(tcpRules);
        httpSequence = List.copyOf(httpSequence);
    }
}
