package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.rules.Rule;
import dev.shuttle.rules.StatsPageRule;
import dev.shuttle.rules.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stats http-request} lines: the rules they build and HAProxy 3.5's refusals and warnings. */
class StatsAccessRulesTest {
    @TempDir
    Path directory;
    private ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private Loaded load(String proxyLines) {
        return fixture.load(ConfigFixture.TIMEOUTS + "    mode http\nlisten fe\n    bind 127.0.0.1:18080\n" + proxyLines);
    }

    private static List<Rule> rules(Loaded loaded) {
        StatsPageRule page = loaded.proxy("fe").rules().statsPage().orElseThrow();
        return page.accessRules().rules();
    }

    @Test
    void rulesAreKeptInOrderWithTheirConditions() {
        Loaded loaded = load("""
                    stats uri /st
                    stats http-request allow if { src 127.0.0.1 }
                    stats http-request deny deny_status 429 if { hdr(x-bad) -m found }
                    stats http-request auth realm Ops unless { hdr(x-ok) -m found }
                    stats http-request deny
                """);
        assertEquals(List.of(), loaded.alerts());
        assertEquals(List.of(), loaded.warnings());
        List<Rule> rules = rules(loaded);
        assertEquals(List.of("stats http-request allow", "stats http-request deny", "stats http-request auth",
                "stats http-request deny"), rules.stream().map(Rule::keyword).toList());
        assertTrue(rules.subList(0, 3).stream().allMatch(rule -> rule.condition() != AclCondition.ALWAYS));
        assertEquals(AclCondition.ALWAYS, rules.get(3).condition());
        assertInstanceOf(Verdict.Stop.class, rules.get(0).action().apply(null));
        assertEquals(429, ((Verdict.Respond) rules.get(1).action().apply(null)).status());
        Verdict.Respond auth = (Verdict.Respond) rules.get(2).action().apply(null);
        assertEquals(401, auth.status());
        assertEquals(List.of("www-authenticate", "Basic realm=\"Ops\""), List.of(auth.extraHeader()));
        assertEquals(403, ((Verdict.Respond) rules.get(3).action().apply(null)).status());
    }

    @Test
    void authWithoutRealmAsksForTheStatsRealm() {
        Verdict.Respond auth = (Verdict.Respond) rules(load("    stats http-request auth\n")).getFirst()
                .action().apply(null);
        assertEquals("Basic realm=\"HAProxy Statistics\"", auth.extraHeader()[1]);
    }

    @Test
    void aRuleAfterOneWithoutConditionIsWarnedAbout() {
        Loaded loaded = load("    stats http-request allow\n    stats http-request deny\n");
        assertEquals(List.of(), loaded.alerts());
        assertEquals(List.of(loaded.at(9) + "previous 'stats' action has no condition attached, further entries "
                + "are NOOP."), loaded.warnings());
    }

    @Test
    void refusalsNameTheLine() {
        Loaded noRealm = load("    stats http-request auth realm\n");
        assertEquals(noRealm.at(8) + "error detected in proxy 'fe' while parsing 'http-request auth' rule : "
                + "missing realm value.", noRealm.alerts().getFirst());
        Loaded unknown = load("    stats http-request foo\n");
        assertTrue(unknown.alerts().getFirst().startsWith(unknown.at(8) + "'http-request' expects "),
                unknown.alerts().toString());
        assertTrue(unknown.alerts().getFirst().endsWith("(got 'foo')."), unknown.alerts().toString());
        Loaded other = load("    stats http-request set-header x y\n");
        assertEquals(other.at(8) + "'stats http-request set-header' is not supported by Shuttle (only 'allow', "
                + "'deny' and 'auth').", other.alerts().getFirst());
        Loaded badCondition = load("    stats http-request deny if { nosuchfetch }\n");
        assertTrue(badCondition.alerts().getFirst().startsWith(badCondition.at(8)), badCondition.alerts().toString());
    }

    @Test
    void notInDefaults() {
        Loaded loaded = fixture.load(ConfigFixture.TIMEOUTS + "    mode http\n    stats http-request allow\n");
        assertEquals(loaded.at(6) + "'stats' not allowed in 'defaults' section.", loaded.alerts().getFirst());
    }

    @Test
    void notBesideStatsAuthOrRealm() {
        assertEquals(List.of("proxy 'fe': stats 'auth'/'realm' and 'http-request' can't be used at the same time."),
                load("    stats auth a:b\n    stats http-request deny if { src 1.2.3.4 }\n").alerts());
        assertEquals(List.of("proxy 'fe': stats 'auth'/'realm' and 'http-request' can't be used at the same time."),
                load("    stats http-request allow\n    stats realm R\n").alerts());
    }
}
