package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AES converters, checked against HAProxy 3.5 (OpenSSL): the same key, nonce and input give
 * the same ciphertext and tag there ({@code vtc/tls/aes_converters.vtc} runs the comparison on the wire).
 */
class CryptoConvertersTest {
    private static final String KEY = "Zm9vb2Zvb29mb29wZm9vbw==";
    private final SampleRegistry registry = SampleRegistry.withStandardFamilies();
    private SampleContext context;

    @BeforeEach
    void context() {
        context = new SampleContext(null, null, null, "test", VariableStore.shared());
        context.beginExchange(null);
        set("txn.nonce", "MTIzNDU2Nzg5MDEy");
        set("txn.iv", "MTIzNDU2Nzg5MDEyMzQ1Ng==");
    }

    private void set(String variable, String value) {
        String name = variable.substring(4);
        context.variables(VariableStore.Scope.TXN).orElseThrow().set(name, Sample.str(value));
    }

    private String base64(String expression) throws Exception {
        return SampleCompiler.compile(expression, registry, CompileScope.STANDALONE).evaluate(context)
                .map(s -> Base64.getEncoder().encodeToString(s.asBytes())).orElse("<none>");
    }

    private String text(String expression) throws Exception {
        return SampleCompiler.compile(expression, registry, CompileScope.STANDALONE).evaluate(context)
                .map(s -> new String(s.asBytes(), StandardCharsets.ISO_8859_1)).orElse("<none>");
    }

    @Test
    void gcmMatchesOpensslAndRoundTrips() throws Exception {
        assertEquals("wepyuV4=", base64("str(hello),aes_gcm_enc(128,txn.nonce," + KEY + ",txn.tag)"));
        assertEquals("ymR0zl25wkuM4Vaqj9IWWg==",
                context.variables(VariableStore.Scope.TXN).orElseThrow().get("tag").orElseThrow().asString());
        set("txn.enc", "");
        context.variables(VariableStore.Scope.TXN).orElseThrow().set("enc",
                Sample.bin(Base64.getDecoder().decode("wepyuV4=")));
        assertEquals("hello", text("var(txn.enc),aes_gcm_dec(128,txn.nonce," + KEY + ",txn.tag)"));
    }

    @Test
    void aWrongTagOrKeyGivesNothing() throws Exception {
        context.variables(VariableStore.Scope.TXN).orElseThrow().set("enc",
                Sample.bin(Base64.getDecoder().decode("wepyuV4=")));
        set("txn.tag", "AAAAAAAAAAAAAAAAAAAAAA==");
        assertEquals("<none>", text("var(txn.enc),aes_gcm_dec(128,txn.nonce," + KEY + ",txn.tag)"));
        assertEquals("<none>", text("var(txn.enc),aes_gcm_dec(256,txn.nonce," + KEY + ",txn.tag)"),
                "a 128-bit key does not make AES-256");
    }

    @Test
    void cbcMatchesOpensslAndRoundTrips() throws Exception {
        assertEquals("2zzC0BIPg9ykr9F/+XRmMw==", base64("str(hello),aes_cbc_enc(128,txn.iv," + KEY + ")"));
        context.variables(VariableStore.Scope.TXN).orElseThrow().set("cbc",
                Sample.bin(Base64.getDecoder().decode("2zzC0BIPg9ykr9F/+XRmMw==")));
        assertEquals("hello", text("var(txn.cbc),aes_cbc_dec(128,txn.iv," + KEY + ")"));
    }

    @Test
    void badArgumentsAreRefusedAtLoad() {
        assertTrue(assertThrows(SampleCompileException.class, () -> SampleCompiler.compile(
                "str(a),aes_gcm_enc(100,txn.n," + KEY + ",txn.t)", registry, CompileScope.STANDALONE))
                .getMessage().contains("128, 192 or 256"));
        assertTrue(assertThrows(SampleCompileException.class, () -> SampleCompiler.compile(
                "str(a),aes_cbc_enc(128,txn.n," + KEY + ",YWFk)", registry, CompileScope.STANDALONE))
                .getMessage().contains("no additional authenticated data"));
        assertThrows(SampleCompileException.class, () -> SampleCompiler.compile(
                "str(a),aes_gcm_enc(128,txn.n," + KEY + ",not%base64)", registry, CompileScope.STANDALONE));
    }
}
