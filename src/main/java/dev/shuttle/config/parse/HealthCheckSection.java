package dev.shuttle.config.parse;

import dev.shuttle.config.CheckConnect;
import dev.shuttle.config.ExternalCheckCommand;
import dev.shuttle.config.HealthCheckConfig;
import dev.shuttle.config.HttpCheckExpect;
import dev.shuttle.config.HttpCheckRequest;
import dev.shuttle.config.HttpCheckRule;
import dev.shuttle.config.TcpCheckRule;
import dev.shuttle.sample.LogFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A proxy's health-check keywords while its section is parsed ({@code option httpchk},
 * {@code http-check send|expect|disable-on-404|send-state}); a proxy starts with a copy of its
 * defaults section's. {@link #freeze()} makes the {@link HealthCheckConfig}.
 */
final class HealthCheckSection {
    HealthCheckConfig.Kind kind = HealthCheckConfig.Kind.TCP_CONNECT;
    String method = HttpCheckRequest.DEFAULT.method();
    String uri = HttpCheckRequest.DEFAULT.uri();
    String version = HttpCheckRequest.DEFAULT.version();
    Optional<String> host = Optional.empty();
    /** Whether an {@code http-check send} line was read. */
    boolean sendSeen;
    /** The http-check rules in order, for a sequence (one that has {@code http-check connect}). */
    List<HttpRuleLine> httpRules = new ArrayList<>();

    /** One http-check rule line; a send line holds only what it changes of {@code option httpchk}'s request. */
    sealed interface HttpRuleLine {
        record Connect(CheckConnect options) implements HttpRuleLine {}

        record Send(Optional<String> method, Optional<String> uri, Optional<String> version,
                    List<HttpCheckRequest.Header> headers, Optional<String> body, Optional<LogFormat> uriFormat,
                    Optional<LogFormat> bodyFormat) implements HttpRuleLine {
            HttpCheckRequest over(HttpCheckRequest defaults) {
                return new HttpCheckRequest(method.orElse(defaults.method()), uri.orElse(defaults.uri()),
                        version.orElse(defaults.version()), defaults.host(), headers, body.orElse(""),
                        uriFormat.isPresent() || uri.isPresent() ? uriFormat : defaults.uriFormat(),
                        bodyFormat.isPresent() || body.isPresent() ? bodyFormat : defaults.bodyFormat());
            }
        }

        record Expect(HttpCheckExpect expect) implements HttpRuleLine {}

        record Comment(String text) implements HttpRuleLine {}

        /** {@code http-check set-var|set-var-fmt|unset-var}. */
        record Variable(TcpCheckRule action) implements HttpRuleLine {}
    }

    /** Whether the rules hold a connect: then they are a sequence. */
    boolean isSequence() {
        return httpRules.stream().anyMatch(r -> r instanceof HttpRuleLine.Connect);
    }
    List<HttpCheckExpect> expects = new ArrayList<>();
    boolean disableOn404;
    boolean sendState;
    List<TcpCheckRule> tcpRules = new ArrayList<>();
    /** {@code external-check command}: null when not set. */
    String externalCommand;
    /** {@code external-check path}: null when not set. */
    String externalPath;
    /** The rules of the protocol check an {@code option smtpchk|mysql-check|...} line chose. */
    List<TcpCheckRule> protocolRules = List.of();

    HealthCheckSection copy() {
        HealthCheckSection copy = new HealthCheckSection();
        copy.kind = kind;
        copy.method = method;
        copy.uri = uri;
        copy.version = version;
        copy.host = host;
        copy.sendSeen = sendSeen;
        copy.httpRules = new ArrayList<>(httpRules);
        copy.expects = new ArrayList<>(expects);
        copy.disableOn404 = disableOn404;
        copy.sendState = sendState;
        copy.tcpRules = new ArrayList<>(tcpRules);
        copy.externalCommand = externalCommand;
        copy.externalPath = externalPath;
        copy.protocolRules = protocolRules;
        return copy;
    }

    HealthCheckConfig freeze() {
        HttpCheckRequest defaults = new HttpCheckRequest(method, uri, version, host, List.of(), "");
        List<HttpCheckRule> sequence = new ArrayList<>();
        HttpCheckRequest single = defaults;
        boolean variables = false;
        for (HttpRuleLine line : httpRules) {
            switch (line) {
                case HttpRuleLine.Connect connect -> sequence.add(new HttpCheckRule.Connect(connect.options()));
                case HttpRuleLine.Send send -> {
                    single = send.over(defaults);
                    sequence.add(new HttpCheckRule.Send(single));
                }
                case HttpRuleLine.Expect expect -> sequence.add(new HttpCheckRule.Expect(expect.expect()));
                case HttpRuleLine.Comment comment -> sequence.add(new HttpCheckRule.Comment(comment.text()));
                case HttpRuleLine.Variable variable -> {
                    sequence.add(new HttpCheckRule.Variable(variable.action()));
                    variables = true;
                }
            }
        }
        if (variables && !isSequence()) {
            // Variables run in their place among the rules: the ruleset becomes a sequence, with
            // HAProxy's implicit connect first and option httpchk's request right after it when no
            // send line replaces it.
            boolean sends = sequence.stream().anyMatch(r -> r instanceof HttpCheckRule.Send);
            if (!sends) {
                sequence.addFirst(new HttpCheckRule.Send(single));
            }
            sequence.addFirst(new HttpCheckRule.Connect(CheckConnect.IMPLICIT));
        }
        return new HealthCheckConfig(kind, single, expects, disableOn404, sendState,
                kind == HealthCheckConfig.Kind.TCP_PROTOCOL ? protocolRules : tcpRules,
                isSequence() || variables ? sequence : List.of(),
                kind == HealthCheckConfig.Kind.EXTERNAL && externalCommand != null
                        ? new ExternalCheckCommand(externalCommand, externalPath == null ? "" : externalPath)
                        : ExternalCheckCommand.NONE);
    }
}
