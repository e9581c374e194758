package dev.shuttle.rules;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.http.RequestHead;
import dev.shuttle.sample.SampleContext;
import java.util.List;
import java.util.Optional;

/**
 * The statistics page of a proxy, as its {@code stats *} lines declare it (configuration.txt §4.2,
 * "stats enable" to "stats uri"): a request whose URI starts with {@link #uri} is answered by the
 * proxy itself with the page, after the proxy's {@code http-request} rules.
 *
 * @param uri          {@code stats uri}: the prefix that selects the page ({@code /haproxy?stats} by default)
 * @param realm        {@code stats realm}: the Basic authentication realm
 * @param users        {@code stats auth} lines as {@code user:password}; none means no authentication
 * @param refreshSeconds {@code stats refresh}: the page's {@code refresh} header, 0 for none
 * @param adminConditions {@code stats admin if|unless} conditions: any that holds enables the admin form
 * @param showLegends  {@code stats show-legends}
 * @param node         {@code stats show-node}: the node name to show, or empty
 * @param description  {@code stats show-desc}: the description to show, or empty
 * @param hideVersion  {@code stats hide-version}
 * @param scopes       {@code stats scope}: the proxies listed; none means every proxy
 * @param accessRules  {@code stats http-request} rules: the first that applies decides ({@code allow}
 *                     serves the page, {@code deny} and {@code auth} answer instead)
 * @param showVersion  {@code stats show-version}: the page's title line carries the version
 */
public record StatsPageRule(String uri, String realm, List<String> users, int refreshSeconds,
                            List<AclCondition> adminConditions, boolean showLegends, Optional<String> node,
                            Optional<String> description, boolean hideVersion, List<String> scopes,
                            RuleSet accessRules, boolean showVersion) {
    /** HAProxy's default when {@code stats enable} names no URI (configuration.txt, "stats uri"). */
    public static final String DEFAULT_URI = "/haproxy?stats";
    /** HAProxy's default realm (configuration.txt, "stats realm"). */
    public static final String DEFAULT_REALM = "HAProxy Statistics";

    public StatsPageRule {
        users = List.copyOf(users);
        adminConditions = List.copyOf(adminConditions);
        scopes = List.copyOf(scopes);
    }

    /** Whether the request is for the page: its target starts with the URI prefix ("stats uri": a prefix). */
    public boolean matches(RequestHead request) {
        return request.target().startsWith(uri);
    }

    /** Whether this request may use the admin actions ({@code stats admin}). */
    public boolean adminAllowed(SampleContext context) {
        return adminConditions.stream().anyMatch(condition -> condition.matches(context));
    }

    /** Whether {@code proxy} is shown: {@code stats scope} lists it, or there is no scope. */
    public boolean inScope(String proxy) {
        return scopes.isEmpty() || scopes.contains(proxy);
    }
}
