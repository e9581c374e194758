package dev.shuttle.rules;

import dev.shuttle.lang.ConfigException;
import java.util.List;

/**
 * The actions of {@code tcp-request connection|session|content} and {@code tcp-response content}
 * that decide a connection's fate (configuration.txt §4.2, "tcp-request connection"): {@code accept}
 * stops the rule set, {@code reject} and {@code silent-drop} close the connection; {@code expect-proxy
 * layer4} has the connection read a PROXY header next.
 */
final class TcpActions {
    private static final RuleKind[] TCP_KINDS = {RuleKind.TCP_REQUEST_CONNECTION, RuleKind.TCP_REQUEST_SESSION,
        RuleKind.TCP_REQUEST_CONTENT, RuleKind.TCP_RESPONSE_CONTENT};

    private TcpActions() {}

    static void register(ActionRegistry registry) {
        registry.register("accept", (words, compiler) -> {
            Words.expectCount(words, 0, "no argument");
            return context -> Verdict.STOP;
        }, TCP_KINDS);
        RuleKind[] closing = {RuleKind.TCP_REQUEST_CONNECTION, RuleKind.TCP_REQUEST_SESSION,
            RuleKind.TCP_REQUEST_CONTENT, RuleKind.TCP_RESPONSE_CONTENT, RuleKind.HTTP_REQUEST, RuleKind.HTTP_RESPONSE};
        registry.register("reject", (words, compiler) -> {
            Words.expectCount(words, 0, "no argument");
            return context -> Verdict.REJECT;
        }, closing);
        // Shuttle cannot skip the FIN as HAProxy's silent-drop does; closing at once is the closest it gets.
        registry.register("silent-drop", (words, compiler) -> {
            Words.expectCount(words, 0, "no argument");
            return context -> Verdict.REJECT;
        }, closing);
        // configuration.txt §4.2, "tcp-request connection": "expect-proxy layer4" makes the connection
        // wait for a PROXY header as "accept-proxy" does, for the connections the rule's condition picks.
        registry.register("expect-proxy", (words, compiler) -> {
            if (words.size() != 2 || !words.get(1).equals("layer4")) {
                throw new ConfigException("'expect-proxy' only supports 'layer4'.");
            }
            return context -> {
                context.expectProxyHeader();
                return Verdict.CONTINUE;
            };
        }, RuleKind.TCP_REQUEST_CONNECTION);
        for (String refused : List.of("expect-netscaler-cip", "track-sc0", "track-sc1", "track-sc2",
                "sc-inc-gpc0", "sc-inc-gpc1", "sc-set-gpt0", "send-spoe-group", "set-bandwidth-limit", "do-resolve",
                "lua", "use-service", "switch-mode", "attach-srv", "set-fc-mark", "set-fc-tos", "set-mark", "set-tos")) {
            registry.register(refused, (words, compiler) -> {
                throw new ConfigException("'" + words.getFirst() + "' is not supported by Shuttle yet.");
            }, TCP_KINDS);
        }
    }
}
