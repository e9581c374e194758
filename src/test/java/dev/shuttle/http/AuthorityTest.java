package dev.shuttle.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The verdicts of HAProxy 3.5-dev5 on the same Host values (probed live: 200 or 400). */
class AuthorityTest {
    @ParameterizedTest
    @ValueSource(strings = {"example.com", "example.com:8080", "[::1]:80", "[::1]", "a!$&'()*+;=b", "a\"<>^`{|}~b",
            "a%41b", "a:b:c", ":80", "a:", "_x", ""})
    void accepted(String value) {
        assertFalse(Authority.hasForbiddenChar(value), value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa mple.com", "a,b", "user@a", "a\\b", "a/b", "a?b", "a#b", "a\u007fb", "a\u00e9b",
            "a\tb", "[::1", "::1]", "a[b]c", "[a]b", "[[a]]", "]a["})
    void refused(String value) {
        assertTrue(Authority.hasForbiddenChar(value), value);
    }
}
