package dev.shuttle.config.parse;

import dev.shuttle.config.HealthCheckConfig;
import dev.shuttle.config.HttpCheckExpect;
import dev.shuttle.config.HttpCheckRequest;
import dev.shuttle.config.TcpCheckRule;
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
    List<HttpCheckRequest.Header> headers = new ArrayList<>();
    String body = "";
    /** Whether an {@code http-check send} line was read (only one is allowed). */
    boolean sendSeen;
    List<HttpCheckExpect> expects = new ArrayList<>();
    boolean disableOn404;
    boolean sendState;
    List<TcpCheckRule> tcpRules = new ArrayList<>();

    HealthCheckSection copy() {
        HealthCheckSection copy = new HealthCheckSection();
        copy.kind = kind;
        copy.method = method;
        copy.uri = uri;
        copy.version = version;
        copy.host = host;
        copy.headers = new ArrayList<>(headers);
        copy.body = body;
        copy.sendSeen = sendSeen;
        copy.expects = new ArrayList<>(expects);
        copy.disableOn404 = disableOn404;
        copy.sendState = sendState;
        copy.tcpRules = new ArrayList<>(tcpRules);
        return copy;
    }

    HealthCheckConfig freeze() {
        return new HealthCheckConfig(kind, new HttpCheckRequest(method, uri, version, host, headers, body), expects,
                disableOn404, sendState, tcpRules);
    }
}
