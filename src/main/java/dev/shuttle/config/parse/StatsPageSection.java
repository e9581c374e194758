package dev.shuttle.config.parse;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.rules.Rule;
import dev.shuttle.rules.RuleSet;
import dev.shuttle.rules.StatsPageRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a proxy's {@code stats *} lines said so far (configuration.txt §4.2); a proxy inherits its
 * defaults section's as HAProxy shares the defaults' statistics settings.
 */
final class StatsPageSection {
    String uri;
    String realm;
    final List<String> users = new ArrayList<>();
    int refreshSeconds;
    final List<AclCondition> adminConditions = new ArrayList<>();
    boolean showLegends;
    String node;
    String description;
    boolean hideVersion;
    /** {@code stats show-version}, cleared by a later {@code stats hide-version} as in 3.5. */
    boolean showVersion;
    final List<String> scopes = new ArrayList<>();
    /** Whether these are a defaults section's settings, not yet touched by the proxy's own lines. */
    boolean inherited;
    /** {@code stats http-request} rules, in file order. */
    final List<Rule> accessRules = new ArrayList<>();

    StatsPageSection copy() {
        StatsPageSection copy = new StatsPageSection();
        copy.uri = uri;
        copy.realm = realm;
        copy.users.addAll(users);
        copy.refreshSeconds = refreshSeconds;
        copy.adminConditions.addAll(adminConditions);
        copy.showLegends = showLegends;
        copy.node = node;
        copy.description = description;
        copy.hideVersion = hideVersion;
        copy.showVersion = showVersion;
        copy.scopes.addAll(scopes);
        copy.accessRules.addAll(accessRules);
        copy.inherited = true;
        return copy;
    }

    /**
     * HAProxy 3.5 refuses {@code stats http-request} beside {@code stats auth} or {@code stats realm}
     * (proxy.c: the auth lines become an {@code auth} rule of their own): the alert, or empty.
     */
    Optional<String> conflict(String proxyName) {
        if (accessRules.isEmpty() || users.isEmpty() && realm == null) {
            return Optional.empty();
        }
        return Optional.of("proxy '" + proxyName + "': stats 'auth'/'realm' and 'http-request' can't be used at "
                + "the same time.");
    }

    /**
     * The page of proxy {@code proxyName}: any {@code stats} line of the proxy enables it, as in
     * HAProxy; {@code stats scope .} names the proxy itself (configuration.txt, "stats scope").
     */
    StatsPageRule freeze(String proxyName) {
        List<String> proxies = scopes.stream().map(scope -> scope.equals(".") ? proxyName : scope).toList();
        return new StatsPageRule(uri != null ? uri : StatsPageRule.DEFAULT_URI,
                realm != null ? realm : StatsPageRule.DEFAULT_REALM, users, refreshSeconds, adminConditions,
                showLegends, Optional.ofNullable(node), Optional.ofNullable(description), hideVersion, proxies,
                new RuleSet(accessRules), showVersion);
    }
}
