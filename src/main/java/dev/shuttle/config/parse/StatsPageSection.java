package dev.shuttle.config.parse;

import dev.shuttle.acl.AclCondition;
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
    final List<String> scopes = new ArrayList<>();

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
        copy.scopes.addAll(scopes);
        return copy;
    }

    /**
     * The page of proxy {@code proxyName}: any {@code stats} line of the proxy enables it, as in
     * HAProxy; {@code stats scope .} names the proxy itself (configuration.txt, "stats scope").
     */
    StatsPageRule freeze(String proxyName) {
        List<String> proxies = scopes.stream().map(scope -> scope.equals(".") ? proxyName : scope).toList();
        return new StatsPageRule(uri != null ? uri : StatsPageRule.DEFAULT_URI,
                realm != null ? realm : StatsPageRule.DEFAULT_REALM, users, refreshSeconds, adminConditions,
                showLegends, Optional.ofNullable(node), Optional.ofNullable(description), hideVersion, proxies);
    }
}
