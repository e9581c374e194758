package dev.shuttle.config.parse;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.TimeValue;
import dev.shuttle.sample.Phase;

/**
 * The {@code stats} keywords of proxy sections (configuration.txt §4.2, "stats admin" to "stats uri"):
 * the statistics page served at {@code stats uri}; {@code stats http-request} in {@link StatsAccessRules}.
 * What Shuttle does not build ({@code stats show-modules}: 3.5's extra module columns) is refused.
 */
final class StatsPageKeywords {
    private StatsPageKeywords() {}

    static void register(KeywordRegistry registry) {
        registry.proxy("stats", Need.ANY, true, false, StatsPageKeywords::parse);
    }

    private static void parse(KeywordContext line, ProxySection proxy) throws ConfigException {
        String what = line.arg(1);
        if (what.equals("socket") || what.equals("timeout") || what.equals("maxconn")) {
            throw new ConfigException("'stats " + what + "' is only allowed in 'global' section");
        }
        // cfgparse-listen.c: a proxy's first "stats" line detaches it from its defaults section's
        // settings, which it then no longer inherits at all (a defaults section keeps building on them).
        StatsPageSection page = proxy.statsPage != null && (proxy.kind == ProxyKind.DEFAULTS
                || !proxy.statsPage.inherited) ? proxy.statsPage : new StatsPageSection();
        switch (what) {
            case "enable" -> { }
            case "uri" -> page.uri = required(line, "'uri' needs an URI prefix.");
            case "realm" -> page.realm = required(line, "'realm' needs an realm name.");
            case "auth" -> page.users.add(required(line, "'auth' needs a user:password account."));
            case "scope" -> page.scopes.add(required(line, "'scope' needs a proxy name."));
            case "refresh" -> page.refreshSeconds = refresh(line);
            case "admin" -> page.adminConditions.add(admin(line, proxy));
            case "show-legends" -> page.showLegends = true;
            case "hide-version" -> {
                page.hideVersion = true;
                page.showVersion = false;
            }
            case "show-version" -> page.showVersion = true;
            case "show-node" -> page.node = line.arg(2);
            case "show-desc" -> {
                if (line.arg(2).isEmpty()) {
                    line.warning("'show-desc' requires a parameter or 'desc' to be set in the global section.");
                }
                page.description = String.join(" ", line.words().subList(Math.min(2, line.words().size()),
                        line.words().size()));
            }
            case "http-request" -> StatsAccessRules.add(line, proxy, page);
            case "show-modules" -> throw new ConfigException("'stats " + what
                    + "' is not supported by Shuttle.");
            default -> throw new ConfigException("unknown stats parameter '" + what + "', expects 'admin', 'uri', "
                    + "'realm', 'auth', 'scope', 'enable', 'hide-version', 'show-node', 'show-desc' , 'show-legends' "
                    + "or 'show-version'.");
        }
        proxy.statsPage = page;
    }

    private static String required(KeywordContext line, String message) throws ConfigException {
        if (line.arg(2).isEmpty()) {
            throw new ConfigException(message);
        }
        return line.arg(2);
    }

    /** {@code stats refresh <delay>}: a time in seconds by default, as the page's {@code refresh} header carries. */
    private static int refresh(KeywordContext line) throws ConfigException {
        String text = line.arg(2);
        if (text.isEmpty() || !Character.isDigit(text.charAt(0))) {
            throw new ConfigException("unexpected character '" + (text.isEmpty() ? "" : text.substring(0, 1))
                    + "' in argument to stats refresh interval.");
        }
        String withUnit = text.chars().allMatch(Character::isDigit) ? text + "s" : text;
        return (int) Math.min(Integer.MAX_VALUE, TimeValue.parseMillis(withUnit, "stats refresh") / 1000);
    }

    /** {@code stats admin { if | unless } <condition>}. */
    private static AclCondition admin(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (!(line.arg(2).equals("if") || line.arg(2).equals("unless"))) {
            throw new ConfigException("'stats admin' requires either 'if' or 'unless' followed by a condition.");
        }
        ProxyRuleCompiler compiler = new ProxyRuleCompiler(line, proxy);
        return compiler.condition(line.words().subList(2, line.words().size()), Phase.HTTP_REQUEST,
                proxy.describe() + " stats admin");
    }
}
