package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.h1.H1ErrorPages;
import dev.shuttle.http.BuiltinErrors;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.http.ErrorResponses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http-error}: the replies it builds and every refusal and warning in haproxy 2.6's words
 * (each checked with {@code haproxy -c}). TIMEOUTS takes lines 1 to 4, "backend be" is line 5.
 */
class ErrorReplyConfigTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;
    String forbidden;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
        forbidden = fixture.write("503.http", "HTTP/1.1 503 From File\r\nContent-Length: 2\r\n\r\nab").toString();
    }

    private String at(int line, String text) {
        return "config : parsing [" + directory.resolve("test.cfg") + ":" + line + "] : " + text;
    }

    private static String wire(ErrorResponse response) {
        return new String(H1ErrorPages.bytes(response), StandardCharsets.ISO_8859_1);
    }

    private ErrorResponses backend(String lines) {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n" + lines);
        return loaded.proxy("be").errors();
    }

    /** Loads {@code lines} in backend be; expects exactly these alerts (the final "Error(s) found" aside). */
    private Loaded assertAlerts(String lines, String... expected) {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n" + lines);
        assertTrue(loaded.configuration().isEmpty(), "loading should fail: " + loaded.messages());
        assertEquals(List.of(expected), loaded.alerts().stream().filter(a -> !a.contains("Error(s) found")).toList());
        return loaded;
    }

    private List<String> warnings(String lines) {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n" + lines);
        return loaded.warnings();
    }

    @Test
    void stringAndFilePayloads() {
        String payload = fixture.write("payload.txt", "payload from file\n").toString();
        ErrorResponses errors = backend(
                "    http-error status 429 content-type text/plain string \"too many\" hdr X-Foo bar hdr x-two \"b c\"\n"
                + "    http-error status 413 content-type \"text/plain; charset=utf-8\" file " + payload + "\n"
                + "    http-error status 425\n");
        assertEquals("HTTP/1.1 429 Too Many Requests\r\nx-foo: bar\r\nx-two: b c\r\ncontent-length: 8\r\n"
                + "content-type: text/plain\r\n\r\ntoo many", wire(errors.forStatus(429)));
        assertEquals("HTTP/1.1 413 Request Entity Too Large\r\ncontent-length: 18\r\n"
                + "content-type: text/plain; charset=utf-8\r\n\r\npayload from file\n", wire(errors.forStatus(413)));
        assertEquals("HTTP/1.1 425 Too Early\r\ncontent-length: 0\r\n\r\n", wire(errors.forStatus(425)));
    }

    @Test
    void anErrorfileKeepsItsOwnStatusLine() {
        ErrorResponses errors = backend("    http-error status 504 errorfile " + forbidden + "\n");
        assertEquals(503, errors.forStatus(504).status());
        assertEquals("From File", errors.forStatus(504).reason());
    }

    @Test
    void logFormatValuesWithoutPercentAreTakenAsPlainText() {
        String lfFile = fixture.write("lf.txt", "static file").toString();
        ErrorResponses errors = backend("    http-error status 408 content-type text/plain lf-string \"static lf\" "
                + "hdr X-A plain\n"
                + "    http-error status 410 content-type text/plain lf-file " + lfFile + "\n");
        assertEquals("HTTP/1.1 408 Request Time-out\r\nx-a: plain\r\ncontent-length: 9\r\ncontent-type: text/plain"
                + "\r\n\r\nstatic lf", wire(errors.forStatus(408)));
        assertEquals("static file", new String(errors.forStatus(410).body(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void logFormatValuesMustCompile() {
        assertAlerts("    http-error status 403 content-type text/plain lf-string %[nosuch]\n"
                + "    http-error status 403 hdr X-Client %zz\n",
                at(6, "failed to parse sample expression <nosuch> : unknown fetch method 'nosuch'"),
                at(7, "no such format alias 'zz'. If you wanted to emit the '%' character verbatim, you need to use "
                        + "'%%'"));
    }

    @Test
    void badHttpErrorLines() {
        assertAlerts("    http-error\n"
                + "    http-error status\n"
                + "    http-error status 402\n"
                + "    http-error status abc\n"
                + "    http-error foo 403\n"
                + "    http-error status 403 bogus\n"
                + "    http-error status 403 string\n"
                + "    http-error status 403 string x\n"
                + "    http-error status 403 content-type\n"
                + "    http-error status 403 file /nonexistent content-type text/plain\n"
                + "    http-error status 403 content-type text/plain file " + forbidden + " string x\n"
                + "    http-error status 403 hdr X-A\n"
                + "    http-error status 403 errorfile /nonexistent\n"
                + "    http-error status 403 errorfiles\n"
                + "    http-error status 199\n"
                + "    http-error status 600\n"
                + "    http-error status 599\n"
                + "    http-error status 403 errorfile " + forbidden + " errorfile " + forbidden + "\n"
                + "    http-error status 403 default-errorfiles string x\n"
                + "    http-error status 403 errorfile\n"
                + "    http-error status 403 lf-string\n"
                + "    http-error status 403 content-type text/plain string \"\"\n"
                + "    http-error status 402 errorfile /nonexistent\n",
                at(6, "http-error : expects at least a <status> as arguments.\n"),
                at(7, "http-error : 'status' expects <status_code> as argument"),
                at(8, "http-error: status code '402' not handled."),
                at(9, "http-error : Unexpected status code '0'"),
                at(10, "http-error : expects at least a <status> as arguments.\n"),
                at(11, "http-error : unknown keyword 'bogus'."),
                at(12, "http-error : 'string' expects <str> as argument"),
                at(13, "http-error : a content type must be defined when non-empty payload is configured"),
                at(14, "http-error : 'content-type' expects <ctype> as argument"),
                at(15, "http-error : error opening file '/nonexistent'"),
                at(16, "http-error : unexpected 'string' argument, 'file' already defined"),
                at(17, "http-error : 'hdr' expects <name> and <value> as arguments"),
                at(18, "http-error : error opening file '/nonexistent'."),
                at(19, "http-error : 'errorfiles' expects <name> as argument"),
                at(20, "http-error : Unexpected status code '199'"),
                at(21, "http-error : Unexpected status code '600'"),
                at(22, "http-error: status code '599' not handled."),
                at(23, "http-error : unexpected 'errorfile' argument, 'errorfile' already defined"),
                at(24, "http-error : unexpected 'string' argument, 'default-errorfiles' already defined"),
                at(25, "http-error : 'errorfile' expects <fmt> as argument"),
                at(26, "http-error : 'lf-string' expects <fmt> as argument"),
                at(27, "http-error : 'string' expects <str> as argument"),
                at(28, "http-error : error opening file '/nonexistent'."));
    }

    @Test
    void argumentsTheReplyWillNotUseAreWarnedAbout() {
        String empty = fixture.write("empty.txt", "").toString();
        assertEquals(List.of(
                at(6, "content-type 'text/plain' ignored by the http reply because neither errorfile nor payload defined."),
                at(7, "content-type 'text/plain' ignored by the http reply when used with an erorrfile."),
                at(8, "hdr parameters ignored by the http reply when used with an erorrfile."),
                at(9, "content-type 'text/plain' ignored by the http reply when used with an empty payload."),
                at(10, "header 'Content-Length' always ignored by the http reply."),
                at(11, "header 'transfer-encoding' always ignored by the http reply."),
                at(12, "content-type 'text/plain' ignored by the http reply when used with an erorrfile.")),
                warnings("    http-error status 403 content-type text/plain\n"
                        + "    http-error status 403 errorfile " + forbidden + " content-type text/plain\n"
                        + "    http-error status 403 errorfile " + forbidden + " hdr X-A b\n"
                        + "    http-error status 403 content-type text/plain file " + empty + "\n"
                        + "    http-error status 403 hdr Content-Length 3\n"
                        + "    http-error status 403 hdr transfer-encoding x\n"
                        + "    http-error status 403 content-type text/plain default-errorfiles\n"
                        + "    http-error status 403 file " + empty + "\n"));
    }

    @Test
    void aPayloadLargerThanTheRewriteReserveIsWarnedAboutAndOneLargerThanTheBufferRefused() {
        String fits = fixture.write("fits.txt", "x".repeat(15360)).toString();
        String over = fixture.write("over.txt", "x".repeat(15361)).toString();
        String tooBig = fixture.write("big.txt", "x".repeat(16385)).toString();
        String reserve = "http reply payload runs over the buffer space reserved to headers rewriting. It may lead "
                + "to internal errors if strict rewriting mode is enabled.";
        assertEquals(List.of(at(7, reserve), at(8, reserve)),
                warnings("    http-error status 403 content-type text/plain file " + fits + "\n"
                        + "    http-error status 403 content-type text/plain file " + over + "\n"
                        + "    http-error status 404 content-type text/plain string " + "y".repeat(15361) + "\n"));
        assertAlerts("    http-error status 403 content-type text/plain file " + tooBig + "\n",
                at(6, "http-error : file '" + tooBig + "' exceeds the buffer size (16385 > 16384)"));
    }

    @Test
    void errorfilesAndDefaultErrorfilesInHttpError() {
        Loaded loaded = fixture.load(TIMEOUTS.replace("defaults\n",
                        "defaults\n    http-error status 404 content-type text/plain string from-defaults\n")
                + "frontend fe\n    bind 127.0.0.1:18080\n    http-error status 404 default-errorfiles\n"
                + "    http-error status 503 errorfiles site\n    http-error status 403 errorfiles site\n"
                + "backend be\n"
                + "http-errors site\n    errorfile 503 " + forbidden + "\n");
        ErrorResponses frontend = loaded.proxy("fe").errors();
        assertEquals(BuiltinErrors.forStatus(404), frontend.forStatus(404));
        assertEquals("From File", frontend.forStatus(503).reason());
        // The section has no 403: quietly, the proxy keeps what it had.
        assertEquals(BuiltinErrors.forStatus(403), frontend.forStatus(403));
        assertEquals(List.of(), loaded.warnings());
        assertEquals("from-defaults",
                new String(loaded.proxy("be").errors().forStatus(404).body(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void anUnknownSectionInHttpErrorIsReportedAfterParsing() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    http-error status 403 errorfiles nothere\n");
        assertEquals(List.of("config : proxy 'be': unknown http-errors section 'nothere' (at "
                + directory.resolve("test.cfg") + ":6)."), loaded.alerts());
    }
}
