package dev.shuttle.config.parse;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.rules.Action;
import dev.shuttle.rules.ActionParser;
import dev.shuttle.rules.ActionRegistry;
import dev.shuttle.rules.Rule;
import dev.shuttle.rules.RuleArgumentException;
import dev.shuttle.rules.RuleKind;
import dev.shuttle.rules.StatsPageRule;
import dev.shuttle.sample.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code stats http-request { allow | deny | auth [realm <realm>] } [ { if | unless } <condition> ]}
 * (configuration.txt §4.2, "stats http-request"): the access rules of the statistics page, parsed as
 * {@code http-request} rules are. HAProxy 3.5 refuses the line in a defaults section and warns when
 * a rule follows one without a condition; an {@code auth} without a realm asks for
 * {@link StatsPageRule#DEFAULT_REALM}, as 3.5's does for the page. The other {@code http-request}
 * actions, which 3.5 accepts here too, are refused by Shuttle.
 */
final class StatsAccessRules {
    private static final Set<String> SUPPORTED = Set.of("allow", "deny", "auth");

    private StatsAccessRules() {}

    /** Appends the rule of {@code line} (its words from {@code stats http-request} on) to {@code page}. */
    static void add(KeywordContext line, ProxySection proxy, StatsPageSection page) throws ConfigException {
        if (proxy.kind == ProxyKind.DEFAULTS) {
            throw new ConfigException("'stats' not allowed in 'defaults' section.");
        }
        if (!page.accessRules.isEmpty() && page.accessRules.getLast().condition() == AclCondition.ALWAYS) {
            line.warning("previous 'stats' action has no condition attached, further entries are NOOP.");
        }
        List<String> words = line.words();
        int conditionAt = conditionIndex(words, 3);
        List<String> actionWords = new ArrayList<>(words.subList(2, conditionAt));
        String keyword = actionWords.isEmpty() ? "" : actionWords.getFirst();
        ActionParser parser = ActionRegistry.standard().find(RuleKind.HTTP_REQUEST, keyword).orElseThrow(
                () -> new ConfigException("'http-request' expects one of "
                        + ActionRegistry.standard().names(RuleKind.HTTP_REQUEST) + " (got '" + keyword + "')."));
        if (!SUPPORTED.contains(keyword)) {
            throw new ConfigException("'stats http-request " + keyword + "' is not supported by Shuttle (only "
                    + "'allow', 'deny' and 'auth').");
        }
        if (keyword.equals("auth") && actionWords.size() == 1) {
            actionWords.addAll(List.of("realm", StatsPageRule.DEFAULT_REALM));
        }
        ProxyRuleCompiler compiler = new ProxyRuleCompiler(line, proxy);
        Action action;
        try {
            action = parser.parse(actionWords, compiler);
        } catch (RuleArgumentException e) {
            throw new ConfigException("error detected in " + proxy.describe() + " while parsing 'http-request " + keyword + "' rule : " + e.getMessage() + ".");
        }
        AclCondition condition = conditionAt < words.size()
                ? compiler.condition(words.subList(conditionAt, words.size()), Phase.HTTP_REQUEST,
                        proxy.describe() + " stats http-request")
                : AclCondition.ALWAYS;
        Rule rule = new Rule(line.where(), "stats http-request " + keyword, action, condition);
        if (!page.accessRules.isEmpty()) {
            page.accessRules.getLast().action().followedBy(rule);
        }
        page.accessRules.add(rule);
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
