package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The layer 6 payload fetches over a hand-filled buffer, final or still growing. */
class PayloadFetchesTest {
    private final SampleRegistry registry = new SampleRegistry();
    private final SampleContext context = new SampleContext(null, null, null, "test", VariableStore.shared());

    PayloadFetchesTest() {
        PayloadFetches.register(registry);
        HttpRequestFetches.register(registry);
    }

    /** A buffer holding {@code bytes}, final or not. */
    record Buffer(byte[] bytes, boolean isFinal) implements ContentBuffer {
        static Buffer of(String text, boolean isFinal) {
            return new Buffer(text.getBytes(StandardCharsets.ISO_8859_1), isFinal);
        }

        @Override
        public int length() {
            return bytes.length;
        }

        @Override
        public int byteAt(int index) {
            return bytes[index] & 0xff;
        }

        @Override
        public byte[] copy(int offset, int length) {
            return Arrays.copyOfRange(bytes, offset, offset + length);
        }
    }

    /** The value as text ("<none>" for none), and whether the fetch said it may change: "value|may-change". */
    private String run(String expression, String buffered, boolean isFinal) throws SampleCompileException {
        context.requestContent(Buffer.of(buffered, isFinal));
        context.takeAnswerMayChange();
        String value = SampleCompiler.compile(expression, registry, CompileScope.STANDALONE).evaluate(context)
                .map(Sample::toText).orElse("<none>");
        return value + (context.takeAnswerMayChange() ? "|may-change" : "");
    }

    /** An RDP connection request: TPKT and X.224 headers (11 bytes), then the cookie line. */
    private static final String RDP = "\u0003\u0000\u0000\u0023\u001e\u00e0\u0000\u0000\u0000\u0000\u0000"
            + "Cookie: mstshash=alice\r\n";

    @Test
    void rdpCookieReadsTheConnectionRequest() throws SampleCompileException {
        assertEquals("alice", run("req.rdp_cookie(mstshash)", RDP, false));
        assertEquals("alice", run("rdp_cookie(MSTSHASH)", RDP, false), "the name without case");
        assertEquals("alice", run("req.rdp_cookie", RDP, false), "any name");
        assertEquals("<none>", run("req.rdp_cookie(other)", RDP, false));
        assertEquals("<none>|may-change", run("req.rdp_cookie(mstshash)", RDP.substring(0, 25), false));
        assertEquals("<none>|may-change", run("req.rdp_cookie(mstshash)", RDP.substring(0, RDP.length() - 1), false),
                "no CR LF yet");
        assertEquals("1", run("req.rdp_cookie_cnt(mstshash)", RDP, false));
        assertEquals("0", run("rdp_cookie_cnt(other)", RDP, false));
        assertEquals("<none>|may-change", run("req.rdp_cookie_cnt", RDP.substring(0, 8), false));
        assertEquals("<none>", run("req.rdp_cookie", "GET / HTTP/1.1\r\nCookie: a=b\r\n", true), "not RDP");
    }

    @Test
    void reqLenMayAlwaysChangeUntilFinal() throws SampleCompileException {
        assertEquals("5|may-change", run("req.len", "hello", false));
        assertEquals("5", run("req.len", "hello", true));
        assertEquals("0|may-change", run("req_len", "", false));
    }

    @Test
    void payloadWaitsForItsBytes() throws SampleCompileException {
        assertEquals("ell", run("req.payload(1,3)", "hello", false), "enough bytes: certain");
        assertEquals("<none>|may-change", run("req.payload(3,4)", "hello", false));
        assertEquals("<none>", run("req.payload(3,4)", "hello", true));
        assertEquals("<none>", run("req.payload(16380,10)", "hello", false), "beyond a buffer: never");
    }

    @Test
    void payloadLengthZeroTakesTheRest() throws SampleCompileException {
        assertEquals("llo|may-change", run("req.payload(2,0)", "hello", false));
        assertEquals("llo", run("req.payload(2,0)", "hello", true));
        assertEquals("|may-change", run("req.payload(5,0)", "hello", false));
        assertEquals("<none>", run("req.payload(6,0)", "hello", true));
    }

    @Test
    void payloadLvReadsABigEndianLength() throws SampleCompileException {
        String twoByteLength = "\u0000\u0003abcdef";
        assertEquals("abc", run("req.payload_lv(0,2)", twoByteLength, false));
        assertEquals("bcd", run("req.payload_lv(0,2,+1)", twoByteLength, false), "relative to the length's end");
        assertEquals("cde", run("req.payload_lv(0,2,4)", twoByteLength, false), "absolute");
        assertEquals("<none>|may-change", run("req.payload_lv(0,2)", "\u0000\u0009abc", false));
        assertEquals("<none>|may-change", run("req.payload_lv(0,2)", "\u0000", false));
        assertEquals("<none>", run("req.payload_lv(0,2)", "\u0000\u0000abc", false), "an empty block never matches");
        assertEquals("x", run("payload_lv(1,1)", "Z\u0001x", true));
    }

    @Test
    void payloadLvRefusesBadArguments() {
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(SampleCompileException.class,
                () -> SampleCompiler.compile("req.payload_lv(0,5)", registry, CompileScope.STANDALONE))
                .getMessage().contains("between 1 and 4"));
    }

    @Test
    void protoHttpAnswersOnceTheHeadIsComplete() throws SampleCompileException {
        assertEquals("<none>|may-change", run("req.proto_http", "GET / HTTP/1.1\r\nHost: a\r\n", false));
        assertEquals("1", run("req.proto_http", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", false));
        assertEquals("1", run("req.proto_http", "GET /x HTTP/1.0\n\n", false));
        assertEquals("0", run("req.proto_http", "HELLO THERE\r\n", false));
        assertEquals("0", run("req.proto_http", "GET / HTTP/1.1\r\nbad header\r\n\r\n", false));
        assertEquals("<none>", run("req.proto_http", "GET / HTTP/1.1\r\n", true));
    }

    @Test
    void nothingWithoutContent() throws SampleCompileException {
        context.requestContent(null);
        assertEquals("<none>", SampleCompiler.compile("req.len", registry, CompileScope.STANDALONE).evaluate(context)
                .map(Sample::toText).orElse("<none>"));
        assertFalse(context.takeAnswerMayChange());
        assertEquals("0", SampleCompiler.compile("req.proto_http", registry, CompileScope.STANDALONE)
                .evaluate(context).map(Sample::toText).orElseThrow(), "HTTP mode: no request parsed here");
    }
}
