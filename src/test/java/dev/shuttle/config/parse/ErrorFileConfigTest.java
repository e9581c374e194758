package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.parse.ConfigFixture.Loaded;
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
 * {@code errorfile}, {@code errorfiles}, {@code http-errors} sections and {@code errorloc*}: what
 * a proxy ends up answering, and every refusal in haproxy 2.6's words (each checked with
 * {@code haproxy -c}; TIMEOUTS takes lines 1 to 4).
 */
class ErrorFileConfigTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;
    String forbidden;
    String notFound;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
        forbidden = file("403.http", "HTTP/1.1 403 Custom\r\nContent-Length: 2\r\n\r\nno");
        notFound = file("404.http", "HTTP/1.1 404 Custom\r\nContent-Length: 4\r\n\r\nnope");
    }

    private String file(String name, String text) {
        return fixture.write(name, text).toString();
    }

    /** "config : parsing [test.cfg:N] : text", the layout of a line's alert or warning. */
    private String at(int line, String text) {
        return "config : parsing [" + directory.resolve("test.cfg") + ":" + line + "] : " + text;
    }

    private static String body(ErrorResponse response) {
        return new String(response.body(), StandardCharsets.ISO_8859_1);
    }

    private static ErrorResponses errors(Loaded loaded, String proxy) {
        return loaded.proxy(proxy).errors();
    }

    /** Loads {@code text}, expects it to fail with exactly these alerts (the final "Error(s) found" aside). */
    private Loaded assertAlerts(String text, String... expected) {
        Loaded loaded = fixture.load(text);
        assertTrue(loaded.configuration().isEmpty(), "loading should fail: " + loaded.messages());
        assertEquals(List.of(expected), loaded.alerts().stream().filter(a -> !a.contains("Error(s) found")).toList());
        return loaded;
    }

    @Test
    void aProxyWithoutCustomMessagesAnswersWithTheBuiltInPages() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n");
        assertEquals(BuiltinErrors.forStatus(503), errors(loaded, "be").forStatus(503));
        assertTrue(errors(loaded, "be").customStatuses().isEmpty());
    }

    @Test
    void errorfileReplacesOneStatus() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    errorfile 403 " + forbidden + "\n");
        assertEquals("no", body(errors(loaded, "be").forStatus(403)));
        assertEquals("Custom", errors(loaded, "be").forStatus(403).reason());
        assertEquals(BuiltinErrors.forStatus(404), errors(loaded, "be").forStatus(404));
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void statusCodesAreReadAsHaproxyReadsThem() {
        // atoi(): a sign, then digits, the rest ignored; extra arguments are ignored too.
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    errorfile +403x " + forbidden + " extra\n");
        assertEquals("no", body(errors(loaded, "be").forStatus(403)));
    }

    @Test
    void anEmptyFileMeansSendNothing() {
        String empty = file("empty.http", "");
        Loaded loaded = fixture.load(TIMEOUTS + "frontend fe\n    bind 127.0.0.1:18080\n    errorfile 408 " + empty + "\n");
        assertTrue(errors(loaded, "fe").forStatus(408).isEmpty());
        assertEquals(0, errors(loaded, "fe").connectionLevelBytes(408).length);
    }

    @Test
    void badErrorfileLines() {
        assertAlerts(TIMEOUTS + "backend be\n"
                + "    errorfile\n"
                + "    errorfile 403\n"
                + "    errorfile 402 " + forbidden + "\n"
                + "    errorfile abc " + forbidden + "\n"
                + "    errorfile -1 " + forbidden + "\n"
                + "    errorfile 403 /nonexistent/x.http\n"
                + "    errorfile 402 /nonexistent/x.http\n",
                at(6, "errorfile : expects <status_code> and <file> as arguments.\n"),
                at(7, "errorfile : expects <status_code> and <file> as arguments.\n"),
                at(8, "errorfile : status code '402' not handled."),
                at(9, "errorfile : status code '0' not handled."),
                at(10, "errorfile : status code '-1' not handled."),
                at(11, "errorfile : error opening file '/nonexistent/x.http'."),
                at(12, "errorfile : status code '402' not handled."));
    }

    @Test
    void badErrorfileContents() {
        String garbage = file("garbage.http", "garbage\n");
        String request = file("request.http", "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        String chunked = file("chunked.http", "HTTP/1.1 403 F\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        String short_ = file("short.http", "HTTP/1.1 403 F\r\nContent-Length: 10\r\n\r\nabc");
        String early = file("early.http", "HTTP/1.1 103 Early\r\n\r\n");
        assertAlerts(TIMEOUTS + "backend be\n"
                + "    errorfile 403 " + garbage + "\n"
                + "    errorfile 403 " + request + "\n"
                + "    errorfile 403 " + chunked + "\n"
                + "    errorfile 403 " + short_ + "\n"
                + "    errorfile 403 " + early + "\n",
                at(6, "errorfile : '" + garbage + "': unable to parse headers (error offset: 0)"),
                at(7, "errorfile : '" + request + "': unable to parse headers (error offset: 4)"),
                at(8, "errorfile : '" + chunked + "': chunk-encoded payload not supported"),
                at(9, "errorfile : '" + short_ + "': payload size does not match the announced content-length (3 != 10)"),
                at(10, "errorfile : '" + early + "': invalid http status code for an error message (103)"));
    }

    @Test
    void aFileLargerThanTheBufferIsCutWithAWarningThenParsed() {
        String big = file("big.http", "HTTP/1.1 403 X\r\nContent-Length: 20000\r\n\r\n" + "a".repeat(20000));
        String noLength = file("nolen.http", "HTTP/1.1 403 X\r\n\r\n" + "a".repeat(20000));
        Loaded loaded = assertAlerts("global\n    tune.bufsize 8192\n" + TIMEOUTS + "backend be\n"
                + "    errorfile 403 " + big + "\n"
                + "    errorfile 403 " + noLength + "\n",
                at(8, "errorfile : '" + big + "': payload size does not match the announced content-length (8151 != 20000)"),
                at(9, "errorfile : '" + noLength + "': unable to add payload into the HTX message"));
        assertEquals(List.of("config : custom error message file '" + big + "' larger than 8192 bytes. Truncating.",
                "config : custom error message file '" + noLength + "' larger than 8192 bytes. Truncating."),
                loaded.warnings());
    }

    @Test
    void relativePathsAreTakenFromTheCurrentDirectory() {
        Path relative = Path.of("").toAbsolutePath().relativize(Path.of(forbidden).toAbsolutePath());
        assertTrue(!relative.isAbsolute());
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n    errorfile 403 " + relative + "\n");
        assertEquals("no", body(errors(loaded, "be").forStatus(403)));
    }

    @Test
    void errorlocRedirects() {
        Loaded loaded = fixture.load(TIMEOUTS + "backend be\n"
                + "    errorloc 404 /foo?a=b\n    errorloc302 410 /g\n    errorloc303 405 http://ex.com/x\n");
        ErrorResponses errors = errors(loaded, "be");
        assertEquals(302, errors.forStatus(404).status());
        assertEquals("/foo?a=b", errors.forStatus(404).head().headers().first("location"));
        assertEquals(302, errors.forStatus(410).status());
        assertEquals(303, errors.forStatus(405).status());
        assertEquals("See Other", errors.forStatus(405).reason());
    }

    @Test
    void badErrorlocLines() {
        assertAlerts(TIMEOUTS + "backend be\n"
                + "    errorloc\n    errorloc 403\n    errorloc 402 /x\n    errorloc302 abc /x\n    errorloc303 403\n"
                + "    errorloc 403 /x extra\n",
                at(6, "errorloc : expects <status_code> and <url> as arguments.\n"),
                at(7, "errorloc : expects <status_code> and <url> as arguments.\n"),
                at(8, "errorloc : status code '402' not handled."),
                at(9, "errorloc302 : status code '0' not handled."),
                at(10, "errorloc303 : expects <status_code> and <url> as arguments.\n"));
    }

    @Test
    void errorfilesImportsAWholeSectionOrSomeOfItsCodes() {
        Loaded loaded = fixture.load(TIMEOUTS
                + "frontend all\n    bind 127.0.0.1:18080\n    errorfiles site\n"
                + "frontend some\n    bind 127.0.0.1:18080\n    errorfiles site 404\n"
                // The section may come after the proxies that import it.
                + "http-errors site\n    errorfile 403 " + forbidden + "\n    errorfile 404 " + notFound + "\n");
        assertEquals("no", body(errors(loaded, "all").forStatus(403)));
        assertEquals("nope", body(errors(loaded, "all").forStatus(404)));
        assertEquals(BuiltinErrors.forStatus(403), errors(loaded, "some").forStatus(403));
        assertEquals("nope", body(errors(loaded, "some").forStatus(404)));
    }

    @Test
    void errorfilesProblemsAreReportedAfterParsing() {
        Loaded loaded = fixture.load(TIMEOUTS
                + "http-errors he1\n    errorfile 403 " + forbidden + "\n"
                + "frontend f\n    bind 127.0.0.1:18080\n    errorfiles nothere\n    errorfiles he1 500\n"
                + "    errorfiles he1 403 404\n"
                + "backend b\n    errorfiles nothere2\n");
        assertTrue(loaded.configuration().isEmpty());
        String file = directory.resolve("test.cfg").toString();
        assertEquals(List.of("config : proxy 'f': unknown http-errors section 'nothere' (at " + file + ":9).",
                "config : proxy 'b': unknown http-errors section 'nothere2' (at " + file + ":13)."), loaded.alerts());
        assertEquals(List.of(
                "config : config: proxy 'f' : status '500' not declared in http-errors section 'he1' (at " + file + ":10).",
                "config : config: proxy 'f' : status '404' not declared in http-errors section 'he1' (at " + file + ":11)."),
                loaded.warnings());
    }

    @Test
    void badErrorfilesLines() {
        assertAlerts(TIMEOUTS + "http-errors he1\n    errorfile 403 " + forbidden + "\n"
                + "backend be\n    errorfiles\n    errorfiles he1 402\n    errorfiles he1 403 abc\n",
                at(8, "errorfiles : expects <name> as argument."),
                at(9, "errorfiles : status code '402' not handled."),
                at(10, "errorfiles : status code '0' not handled."));
    }

    @Test
    void badHttpErrorsSections() {
        String file = directory.resolve("test.cfg").toString();
        assertAlerts(TIMEOUTS + "http-errors he1\n"
                + "    errorfile 403 " + forbidden + "\n"
                + "    errorfile 402 " + forbidden + "\n"
                + "    errorfile\n"
                + "    bogus 1\n"
                + "    errorfile 404 /nonexistent\n"
                + "http-errors he1\n"
                + "    errorfile 404 " + notFound + "\n"
                + "http-errors he2 extra\n"
                + "http-errors 'bad name'\n"
                + "http-errors\n"
                + "    errorfile 404 " + notFound + "\n",
                at(7, "errorfile : status code '402' not handled."),
                at(8, "errorfile: expects <status_code> and <file> as arguments."),
                at(9, "unknown keyword 'bogus' in 'http-errors' section"),
                at(10, "errorfile : error opening file '/nonexistent'."),
                "config : parsing [" + file + ":11]: http-errors section 'he1' already exists (declared at " + file + ":5).",
                at(14, "character ' ' is not permitted in 'http-errors' name 'bad name'."),
                at(15, "missing name for http-errors section."));
    }

    @Test
    void laterLinesOverrideEarlierOnesWhateverTheirKind() {
        // Observed on haproxy 2.6: the file order decides, errorfiles included, defaults first.
        String fromSection = file("403c.http", "HTTP/1.1 403 C\r\nContent-Length: 1\r\n\r\nC");
        Loaded loaded = fixture.load(TIMEOUTS.replace("defaults\n", "defaults\n    errorfile 403 " + forbidden + "\n")
                + "frontend f1\n    bind 127.0.0.1:18080\n    errorloc 403 /x\n    errorfiles he 403\n"
                + "frontend f2\n    bind 127.0.0.1:18080\n    errorfiles he\n    errorloc 403 /x\n"
                + "frontend f3\n    bind 127.0.0.1:18080\n"
                + "http-errors he\n    errorfile 403 " + fromSection + "\n");
        assertEquals("C", body(errors(loaded, "f1").forStatus(403)));
        assertEquals(302, errors(loaded, "f2").forStatus(403).status());
        assertEquals("no", body(errors(loaded, "f3").forStatus(403)));
    }

    @Test
    void anInheritedErrorfilesIsReportedForEachProxyAtTheDefaultsLine() {
        Loaded loaded = fixture.load("defaults\n    errorfiles nothere\n" + TIMEOUTS.replace("defaults\n", "")
                + "frontend f\n    bind 127.0.0.1:18080\n    default_backend b\nbackend b\n");
        String file = directory.resolve("test.cfg").toString();
        assertEquals(List.of("config : proxy 'f': unknown http-errors section 'nothere' (at " + file + ":2).",
                "config : proxy 'b': unknown http-errors section 'nothere' (at " + file + ":2)."), loaded.alerts());
    }
}
