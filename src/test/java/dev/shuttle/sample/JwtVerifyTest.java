package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code jwt_verify(<alg>,<key>)} (configuration.txt §7.3.1) with tokens signed by openssl
 * (src/test/resources/jwt/README.md), jwt.io's HS256 example, and HAProxy's return codes for
 * what is not a valid token. The same tokens give the same answers on HAProxy 3.5 (difftest case
 * conv-jwt-verify).
 */
class JwtVerifyTest {
    private final SampleConvertersTest.Harness h = new SampleConvertersTest.Harness(JwtVerify::register);
    private final Map<String, String> tokens = new HashMap<>();
    private final Path keys;

    JwtVerifyTest() throws IOException, URISyntaxException {
        keys = Path.of(getClass().getResource("/jwt/tokens.txt").toURI()).getParent();
        for (String line : Files.readAllLines(keys.resolve("tokens.txt"))) {
            tokens.put(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1));
        }
    }

    private String verify(String token, String algorithm, String key) {
        return h.text("jwt_verify", Sample.str(token), algorithm, key);
    }

    private String key(String file) {
        return keys.resolve(file).toString();
    }

    @Test
    void hmacWithASecret() {
        assertEquals("1", verify("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9l"
                + "IiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", "HS256", "your-256-bit-secret"));
        assertEquals("1", verify(tokens.get("HS256"), "HS256", "secret"));
        assertEquals("0", verify(tokens.get("HS256"), "HS256", "wrong"));
        assertEquals("1", verify(tokens.get("HS512"), "HS512", "secret"));
        assertEquals("0", verify(tokens.get("HS256"), "HS384", "secret"));
    }

    @Test
    void publicKeysInBothPemForms() {
        assertEquals("1", verify(tokens.get("RS256"), "RS256", key("rsa.pub")));
        assertEquals("1", verify(tokens.get("RS256"), "RS256", key("rsa1.pub")), "PKCS#1");
        assertEquals("0", verify(tokens.get("RS256"), "RS512", key("rsa.pub")));
        assertEquals("1", verify(tokens.get("PS256"), "PS256", key("rsa.pub")));
        assertEquals("1", verify(tokens.get("ES256"), "ES256", key("ec.pub")));
        assertEquals("0", verify(tokens.get("ES256"), "RS256", key("rsa.pub")));
        assertEquals("0", verify(tokens.get("RS256"), "ES256", key("ec.pub")), "a signature of the wrong size");
    }

    @Test
    void haproxysCodesForTheRest() {
        assertEquals("1", verify("a.b.", "none", key("rsa.pub")), "none: an empty signature");
        assertEquals("0", verify(tokens.get("HS256"), "none", key("rsa.pub")));
        assertEquals("-3", verify("a.b", "HS256", "secret"), "two parts");
        assertEquals("-3", verify("a.b.c.d", "HS256", "secret"), "four parts");
        assertEquals("-3", verify("a.b.", "HS256", "secret"), "no signature");
        assertEquals("-3", verify("a.b.!!", "HS256", "secret"), "not base64url");
        h.set("txn.alg", Sample.str("XX999"));
        assertEquals("-1", verify(tokens.get("RS256"), "txn.alg", key("rsa.pub")));
        h.set("txn.alg", Sample.str("RS256"));
        assertEquals("1", verify(tokens.get("RS256"), "txn.alg", key("rsa.pub")));
        h.set("txn.key", Sample.str(key("rsa.pub")));
        assertEquals("-5", verify(tokens.get("RS256"), "RS256", "txn.key"),
                "a key named by a variable is not loaded at run time");
    }

    @Test
    void argumentsAreChecked() {
        assertTrue(h.refused("jwt_verify", "XS256", "k").contains("unknown JWT algorithm: XS256"));
        assertTrue(h.refused("jwt_verify", "RS256", "/no/such/key.pem").contains("/no/such/key.pem"));
        assertTrue(h.refused("jwt_verify", "none", "x").contains("'x'"), "3.5 loads a key for 'none' too");
    }
}
