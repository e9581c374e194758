package dev.shuttle.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Received Forwarded elements, each checked against what HAProxy 3.5 appends to (valid) or not. */
class ForwardedSyntaxTest {
    @ParameterizedTest
    @ValueSource(strings = {"for=1.2.3.4", "for=unknown;proto=https", "for=\"[::1]:80\"", "for=_x;by=_y;host=a;proto=http",
            "for=\"1.2.3.4\"", "host=\"a:80\"", "for=\"_x:_y\"", "by=\"[2001:db8::1]\"", "for=192.0.2.43;by=203.0.113.60"})
    void wellFormed(String element) {
        assertTrue(ForwardedSyntax.isValidElement(element), element);
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo=bar", "for=1.2.3.4;for=5.6.7.8", "for=1.2.3.4:80", "for=\"1.2.3.4:99999\"",
            "FOR=1.2.3.4", "for=[::1]", "proto=ftp", "for=", "", "for=_", "for=1.2.3.4;", "host=a b", "for=\"[zz]\""})
    void malformed(String element) {
        assertFalse(ForwardedSyntax.isValidElement(element), element);
    }
}
