package dev.shuttle.config.parse;

import dev.shuttle.config.CheckProtocol;
import dev.shuttle.config.HealthCheckConfig;
import dev.shuttle.config.ServerConfig;
import java.util.List;

/**
 * Checks each checked server's {@code check-proto} against its proxy's kind of check, once both are
 * known, as HAProxy 3.5's check.c does when it initialises a server's check: an HTTP protocol for a
 * check that is not HTTP, or {@code none} for an HTTP check, is an alert.
 */
final class CheckProtocolRules {
    private CheckProtocolRules() {}

    static void validate(ProxySection p, List<ServerConfig> servers, HealthCheckConfig checks, Diagnostics diagnostics) {
        boolean http = checks.kind() == HealthCheckConfig.Kind.HTTP;
        for (ServerConfig server : servers) {
            if (!server.check().enabled()) {
                continue;
            }
            CheckProtocol protocol = server.check().protocol();
            boolean httpProtocol = protocol == CheckProtocol.HTTP1 || protocol == CheckProtocol.HTTP2;
            if (httpProtocol && !http || protocol == CheckProtocol.TCP && http) {
                diagnostics.emit(Diagnostics.Level.ALERT, "config: " + p.describe() + ": server '" + server.name()
                        + "' uses an incompatible MUX protocol for the selected check type");
            } else if (http && !checks.httpSequence().isEmpty() && protocol.http2(server.pooling().protocol())) {
                diagnostics.emit(Diagnostics.Level.ALERT, "config: " + p.describe() + ": server '" + server.name()
                        + "' : HTTP/2 checks ('check-proto h2' or 'proto h2') with 'http-check connect' rules are "
                        + "not supported by Shuttle yet (its HTTP/2 checks send one request: 'option httpchk', "
                        + "'http-check send' and 'expect').");
            }
        }
    }
}
