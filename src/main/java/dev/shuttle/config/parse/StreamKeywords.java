package dev.shuttle.config.parse;

import dev.shuttle.config.CookieCapture;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.acl.AclCondition;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.CNumbers;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.rules.ServerRule;
import dev.shuttle.sample.Phase;

/**
 * Proxy keywords that shape a stream outside the rule sets (configuration.txt §4.2): header
 * captures ({@code capture request|response header}, {@code declare capture}), the monitor URI
 * ({@code monitor-uri}, {@code monitor fail}) and server switching ({@code use-server}); the
 * persistence overrides {@code force-persist} and {@code ignore-persist} are refused, since
 * Shuttle has no persistence for them to override.
 */
final class StreamKeywords {
    private StreamKeywords() {}

    static void register(KeywordRegistry registry) {
        registry.proxy("capture", Need.FRONTEND, false, false, StreamKeywords::capture);
        registry.proxy("declare", Need.FRONTEND, false, false, StreamKeywords::declare);
        registry.proxy("monitor-uri", Need.FRONTEND, true, false, (line, proxy) -> {
            line.expectArgs(1, "expects an URI.");
            proxy.monitorUri = line.arg(1);
        });
        registry.proxy("monitor", Need.FRONTEND, false, false, StreamKeywords::monitor);
        registry.proxy("use-server", Need.BACKEND, false, false, StreamKeywords::useServer);
    }

    /** {@code capture request|response header <name> len <length>} and {@code capture cookie <name> len <length>}. */
    private static void capture(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (line.arg(1).equals("cookie")) {
            if (line.arg(4).isEmpty()) {
                throw new ConfigException("'capture' expects 'cookie' <cookie_name> 'len' <len>.");
            }
            if (line.argCount() > 4) {
                throw new ConfigException("'capture cookie' cannot handle unexpected argument '" + line.arg(5) + "'.");
            }
            // As in HAProxy, the last line wins, and the length is read as atol() reads it.
            proxy.logging.cookieCapture = new CookieCapture(line.arg(2), CNumbers.atoi(line.arg(4)));
            return;
        }
        boolean request = line.arg(1).equals("request");
        if (!(request || line.arg(1).equals("response")) || !line.arg(2).equals("header")) {
            throw new ConfigException("'capture' expects 'cookie', 'request header' or 'response header'.");
        }
        if (line.argCount() != 5 || !line.arg(4).equals("len")) {
            throw new ConfigException("'capture " + line.arg(1) + " header' expects <header> 'len' <length>.");
        }
        int length = length(line.arg(5), "capture " + line.arg(1) + " header");
        proxy.captures.declare(request, line.arg(3), length);
    }

    /** {@code declare capture request|response len <length>}: a slot for {@code capture ... id} rules. */
    private static void declare(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (!line.arg(1).equals("capture")) {
            throw new ConfigException("'declare' only supports 'capture'.");
        }
        boolean request = line.arg(2).equals("request");
        if (!(request || line.arg(2).equals("response")) || line.argCount() != 4 || !line.arg(3).equals("len")) {
            throw new ConfigException("'declare capture' expects 'request' or 'response', then 'len' <length>.");
        }
        proxy.captures.declare(request, null, length(line.arg(4), "declare capture"));
    }

    private static int length(String text, String keyword) throws ConfigException {
        try {
            int length = Integer.parseInt(text);
            if (length <= 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw new ConfigException("'" + keyword + "' : invalid length '" + text + "' (expects a positive integer).");
        }
    }

    /** {@code monitor fail if|unless <condition>}. */
    private static void monitor(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (!line.arg(1).equals("fail") || line.argCount() < 3
                || !(line.arg(2).equals("if") || line.arg(2).equals("unless"))) {
            throw new ConfigException("'monitor' expects 'fail' followed by 'if' or 'unless' and a condition.");
        }
        ProxyRuleCompiler compiler = new ProxyRuleCompiler(line, proxy);
        AclCondition condition = compiler.condition(line.words().subList(2, line.words().size()), Phase.HTTP_REQUEST,
                proxy.describe() + " monitor fail");
        RuleOrder.placed(line, proxy, "monitor fail");
        proxy.monitorFail.add(condition);
    }

    /** {@code use-server <server|fmt> if|unless <condition>}. */
    private static void useServer(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (line.argCount() < 1) {
            throw new ConfigException("'use-server' expects a server name.");
        }
        if (line.argCount() < 3 || !(line.arg(2).equals("if") || line.arg(2).equals("unless"))) {
            throw new ConfigException("'use-server' requires either 'if' or 'unless' followed by a condition.");
        }
        ProxyRuleCompiler compiler = new ProxyRuleCompiler(line, proxy);
        AclCondition condition = compiler.condition(line.words().subList(2, line.words().size()),
                proxy.mode == ProxyMode.HTTP ? Phase.HTTP_REQUEST : Phase.REQUEST_CONTENT,
                proxy.describe() + " server switching rule");
        RuleOrder.placed(line, proxy, "use-server");
        proxy.serverRules.add(new ServerRule(line.where(), compiler.logFormat(line.arg(1), LogFormat.Mode.TEXT), condition));
    }
}
