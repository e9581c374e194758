package dev.shuttle.config.parse;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.TimeValue;
import dev.shuttle.rules.Action;
import dev.shuttle.rules.ActionParser;
import dev.shuttle.rules.ActionRegistry;
import dev.shuttle.rules.BackendRule;
import dev.shuttle.rules.Rule;
import dev.shuttle.rules.RuleArgumentException;
import dev.shuttle.rules.RuleKind;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule keywords of proxy sections (configuration.txt §4.2): {@code http-request},
 * {@code http-response}, {@code http-after-response}, {@code tcp-request connection|session|content},
 * {@code tcp-response content}, their {@code inspect-delay}, and {@code use_backend}. Each line
 * is an action from the {@link ActionRegistry} and an optional {@code if}/{@code unless} condition.
 */
final class RuleKeywords {
    /**
     * Shuttle has no response content fetches ({@code res.len}, {@code res.payload}...) in
     * {@code tcp-response content} rules yet: they run once the server connection is up, so the
     * delay is never used. ({@code tcp-request inspect-delay} works: stream.ContentInspection.)
     */
    static final String RESPONSE_INSPECT_DELAY_WARNING = "'tcp-response inspect-delay' has no effect in Shuttle: "
            + "tcp-response content rules are evaluated as soon as the server connection is established, "
            + "before any response data.";

    private RuleKeywords() {}

    static void register(KeywordRegistry registry) {
        registry.proxy("http-request", Need.ANY, true, false, (line, proxy) -> addRule(line, proxy, RuleKind.HTTP_REQUEST, 1));
        registry.proxy("http-response", Need.ANY, true, false,
                (line, proxy) -> addRule(line, proxy, RuleKind.HTTP_RESPONSE, 1));
        registry.proxy("http-after-response", Need.ANY, true, false,
                (line, proxy) -> addRule(line, proxy, RuleKind.HTTP_AFTER_RESPONSE, 1));
        registry.proxy("tcp-request", Need.ANY, true, false, (line, proxy) -> {
            switch (line.arg(1)) {
                case "connection" -> addRule(line, proxy, RuleKind.TCP_REQUEST_CONNECTION, 2);
                case "session" -> addRule(line, proxy, RuleKind.TCP_REQUEST_SESSION, 2);
                case "content" -> addRule(line, proxy, RuleKind.TCP_REQUEST_CONTENT, 2);
                case "inspect-delay" -> {
                    line.expectArgs(2, "inspect-delay expects a time value.");
                    proxy.inspectDelayMillis = TimeValue.parseMillis(line.arg(2), "tcp-request inspect-delay");
                }
                default -> throw new ConfigException("'tcp-request' expects 'connection', 'session', 'content' or "
                        + "'inspect-delay' (got '" + line.arg(1) + "').");
            }
        });
        registry.proxy("tcp-response", Need.BACKEND, true, false, (line, proxy) -> {
            switch (line.arg(1)) {
                case "content" -> addRule(line, proxy, RuleKind.TCP_RESPONSE_CONTENT, 2);
                case "inspect-delay" -> {
                    line.expectArgs(2, "inspect-delay expects a time value.");
                    TimeValue.parseMillis(line.arg(2), "tcp-response inspect-delay");
                    line.warning(RESPONSE_INSPECT_DELAY_WARNING);
                }
                default -> throw new ConfigException("'tcp-response' expects 'content' or 'inspect-delay' (got '"
                        + line.arg(1) + "').");
            }
        });
        registry.proxy("use_backend", Need.FRONTEND, false, false, RuleKeywords::useBackend);
    }

    /** Parses {@code <keyword...> <action> [args] [if|unless <condition>]}; the action starts at word {@code first}. */
    private static void addRule(KeywordContext line, ProxySection proxy, RuleKind kind, int first) throws ConfigException {
        String prefix = kind.keyword();
        if (proxy.kind == ProxyKind.DEFAULTS && proxy.name.isEmpty()) {
            throw new ConfigException("'" + prefix + "' not allowed in anonymous 'defaults' section (only named "
                    + "defaults sections may hold rules).");
        }
        if (line.words().size() <= first) {
            throw new ConfigException("'" + prefix + "' expects an action (one of " + ActionRegistry.standard().names(kind)
                    + ").");
        }
        List<String> words = line.words();
        int conditionAt = conditionIndex(words, first + 1);
        List<String> actionWords = words.subList(first, conditionAt);
        String actionName = actionWords.getFirst();
        String keyword = actionName.contains("(") ? actionName.substring(0, actionName.indexOf('(')) : actionName;
        ActionParser parser = ActionRegistry.standard().find(kind, keyword).orElseThrow(() -> new ConfigException(
                "'" + prefix + "' expects one of " + ActionRegistry.standard().names(kind) + " (got '" + keyword + "')."));
        ProxyRuleCompiler compiler = new ProxyRuleCompiler(line, proxy);
        Action action;
        try {
            action = parser.parse(actionWords, compiler);
        } catch (RuleArgumentException e) {
            throw new ConfigException("error detected in " + proxy.kind.keyword() + " '" + proxy.name
                    + "' while parsing '" + prefix + " " + keyword + "' rule : " + e.getMessage() + ".");
        }
        AclCondition condition = conditionAt < words.size()
                ? compiler.condition(words.subList(conditionAt, words.size()), kind.phase(),
                        proxy.kind.keyword() + " " + prefix + " rule")
                : AclCondition.ALWAYS;
        RuleOrder.placed(line, proxy, prefix);
        List<Rule> rules = proxy.rules.computeIfAbsent(kind, k -> new ArrayList<>());
        Rule rule = new Rule(line.where(), prefix + " " + keyword, action, condition);
        if (!rules.isEmpty()) {
            rules.getLast().action().followedBy(rule);
        }
        rules.add(rule);
    }

    /** {@code use_backend <name|fmt> [if|unless <condition>]}. */
    private static void useBackend(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (line.argCount() < 1) {
            throw new ConfigException("'use_backend' expects a backend name.");
        }
        List<String> words = line.words();
        int conditionAt = conditionIndex(words, 2);
        if (conditionAt != 2) {
            throw new ConfigException("'use_backend' expects a backend name and an optional condition (got '"
                    + words.get(2) + "').");
        }
        ProxyRuleCompiler compiler = new ProxyRuleCompiler(line, proxy);
        LogFormat backend = compiler.logFormat(words.get(1), LogFormat.Mode.TEXT);
        AclCondition condition = conditionAt < words.size()
                ? compiler.condition(words.subList(conditionAt, words.size()),
                        proxy.mode == ProxyMode.HTTP ? Phase.HTTP_REQUEST
                                : Phase.REQUEST_CONTENT,
                        proxy.kind.keyword() + " switching rule")
                : AclCondition.ALWAYS;
        RuleOrder.placed(line, proxy, "use_backend");
        proxy.backendRules.add(new BackendRule(line.where(), backend, condition));
    }

    private static int conditionIndex(List<String> words, int from) {
        for (int i = from; i < words.size(); i++) {
            if (words.get(i).equals("if") || words.get(i).equals("unless")) {
                return i;
            }
        }
        return words.size();
    }
}
