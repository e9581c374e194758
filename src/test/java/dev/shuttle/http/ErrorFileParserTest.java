package dev.shuttle.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Errorfile parsing, each case checked with {@code haproxy -c} (2.6.12): the verdict, and for a bad
 * head the byte offset haproxy names.
 */
class ErrorFileParserTest {
    private static final int BUFSIZE = 16384;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String error(String text) {
        return error(text, BUFSIZE);
    }

    private static String error(String text, int bufferSize) {
        return assertThrows(ErrorFileException.class, () -> ErrorFileParser.parse(bytes(text), bufferSize),
                "should be refused: " + text).getMessage();
    }

    private static ErrorResponse parse(String text) throws ErrorFileException {
        return ErrorFileParser.parse(bytes(text), BUFSIZE);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("garbage\n", "unable to parse headers (error offset: 0)"),
                Arguments.of("garbage", "unable to parse headers (error offset: 0)"),
                Arguments.of("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "unable to parse headers (error offset: 4)"),
                Arguments.of("HTTP/1.1 403 Forbidden\r\nContent-Length: 3\r\n", "unable to parse headers (error offset: -2)"),
                Arguments.of("HTTP/1.1 403 Forbidden", "unable to parse headers (error offset: -2)"),
                Arguments.of("HTTP/1.1 403 X\r\nA: b", "unable to parse headers (error offset: -2)"),
                Arguments.of("HTTP/1.1 403 X\r\nA: b\r\n\r", "unable to parse headers (error offset: -2)"),
                Arguments.of("HTTP/1.1 abc Forbidden\r\n\r\n", "unable to parse headers (error offset: 9)"),
                Arguments.of("HTTP/1.1 403 Forbidden\r\nbad header\r\n\r\n", "unable to parse headers (error offset: 27)"),
                Arguments.of("HTTP/1.1\r\n\r\n", "unable to parse headers (error offset: 8)"),
                Arguments.of(" HTTP/1.1 403 X\r\n\r\n", "unable to parse headers (error offset: 0)"),
                Arguments.of("http/1.1 403 X\r\n\r\n", "unable to parse headers (error offset: 0)"),
                Arguments.of("H\tTP/1.1 403 X\r\n\r\n", "unable to parse headers (error offset: 2)"),
                Arguments.of("H\nTP/1.1 403 X\r\n\r\n", "unable to parse headers (error offset: 1)"),
                Arguments.of("\rXHTTP/1.1 403 X\r\n\r\n", "unable to parse headers (error offset: 1)"),
                Arguments.of("HTTP/1.1 403X\r\n\r\n", "unable to parse headers (error offset: 12)"),
                Arguments.of("HTTP/1.1 403 X\rY\r\n\r\n", "unable to parse headers (error offset: 15)"),
                Arguments.of("HTTP/1.1 403 X\nY\r\n\r\n", "unable to parse headers (error offset: 16)"),
                Arguments.of("HTTP/1.1 403 X\r\nFoo\r\n\r\n", "unable to parse headers (error offset: 19)"),
                Arguments.of("HTTP/1.1 403 X\r\n: v\r\n\r\n", "unable to parse headers (error offset: 16)"),
                Arguments.of("HTTP/1.1 403 X\r\n A: b\r\n\r\n", "unable to parse headers (error offset: 16)"),
                Arguments.of("HTTP/1.1 403 X\r\nA\u0001b: c\r\n\r\n", "unable to parse headers (error offset: 17)"),
                Arguments.of("HTTP/1.1 403 X\r\nA b: c\r\n\r\n", "unable to parse headers (error offset: 17)"),
                Arguments.of("HTTP/1.1 403 X\r\nA: b\rc\r\n\r\n", "unable to parse headers (error offset: 21)"),
                Arguments.of("HTTP/1.1 403 X\r\nA: b\nc\r\n\r\n", "unable to parse headers (error offset: 22)"),
                Arguments.of("HTTP/1.1 403 X\r\nContent-Length: abc\r\n\r\n", "unable to parse headers (error offset: 32)"),
                Arguments.of("HTTP/1.1 403 X\r\nContent-Length: -1\r\n\r\n", "unable to parse headers (error offset: 32)"),
                Arguments.of("HTTP/1.1 403 X\r\nContent-Length: +1\r\n\r\na", "unable to parse headers (error offset: 32)"),
                Arguments.of("HTTP/1.1 403 X\r\nContent-Length: 1, 2\r\n\r\na", "unable to parse headers (error offset: 32)"),
                Arguments.of("HTTP/1.1 403 X\r\nContent-Length: 1,\r\n\r\na", "unable to parse headers (error offset: 32)"),
                Arguments.of("HTTP/1.1 403 X\r\nContent-Length: 1 1\r\n\r\na", "unable to parse headers (error offset: 32)"),
                Arguments.of("HTTP/1.1 403 X\r\nContent-Length: 0x1\r\n\r\na", "unable to parse headers (error offset: 32)"),
                Arguments.of("HTTP/1.1 403 X\r\nContent-Length: 99999999999999999999\r\n\r\n", "unable to parse headers (error offset: 32)"),
                Arguments.of("HTTP/1.1 403 X\r\nContent-Length:\r\n\r\n", "unable to parse headers (error offset: 31)"),
                Arguments.of("HTTP/1.1 403 X\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                        "unable to parse headers (error offset: 51)"),
                Arguments.of("HTTP/1.10 403 X\r\n\r\n", "invalid http version (HTTP/1.10)"),
                Arguments.of("HTTP/1 403 X\r\n\r\n", "invalid http version (HTTP/1)"),
                Arguments.of("HTTP/1.1 103 Early\r\n\r\n", "invalid http status code for an error message (103)"),
                Arguments.of("HTTP/1.1 100 X\r\n\r\n", "invalid http status code for an error message (100)"),
                Arguments.of("HTTP/1.1 199 X\r\n\r\n", "invalid http status code for an error message (199)"),
                Arguments.of("HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                        "chunk-encoded payload not supported"),
                Arguments.of("HTTP/1.1 403 X\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
                        "chunk-encoded payload not supported"),
                Arguments.of("HTTP/1.1 403 X\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nab",
                        "chunk-encoded payload not supported"),
                Arguments.of("HTTP/1.1 403 Forbidden\r\nContent-Length: 10\r\n\r\nabc",
                        "payload size does not match the announced content-length (3 != 10)"),
                Arguments.of("HTTP/1.1 403 Forbidden\r\nContent-Length: 2\r\n\r\nabcdef",
                        "payload size does not match the announced content-length (6 != 2)"),
                Arguments.of("HTTP/1.1 403 X\r\ncontent-length: 1\r\n\r\nab",
                        "payload size does not match the announced content-length (2 != 1)"),
                // Checks come in this order: version, status, chunking, length.
                Arguments.of("HTTP/1.10 103 X\r\n\r\n", "invalid http version (HTTP/1.10)"),
                Arguments.of("HTTP/1.10 403 X\r\nTransfer-Encoding: chunked\r\n\r\n", "invalid http version (HTTP/1.10)"),
                Arguments.of("HTTP/1.1 103 X\r\nTransfer-Encoding: chunked\r\n\r\n",
                        "invalid http status code for an error message (103)"),
                Arguments.of("HTTP/1.1 103 X\r\nContent-Length: 5\r\n\r\nab",
                        "invalid http status code for an error message (103)"));
    }

    @ParameterizedTest
    @MethodSource
    void refused(String text, String expected) {
        assertEquals(expected, error(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 403\r\n\r\n", "HTTP/1.1 40\r\n\r\n", "HTTP/1.1 4033 X\r\n\r\n", "HTTP/2.0 403 X\r\n\r\n",
        "HTTX/1.1 403 X\r\n\r\n", "XXXXX1.1 403 X\r\n\r\n", "HTTP/1/1 403 X\r\n\r\n", "\r\nHTTP/1.1 403 X\r\n\r\n",
        "\nHTTP/1.1 403 X\r\n\r\n", "HTTP/1.1  403 X\r\n\r\n", "HTTP/1.1\t403 X\r\n\r\n", "HTTP/1.1 403\tX\r\n\r\n",
        "HTTP/1.1 403 X\r\nA: b\r\n  c\r\n\r\n", "HTTP/1.1 403 X\r\nA: b\r\n\tc\r\n\r\n", "HTTP/1.1 403 X\n\nbody",
        "HTTP/1.1 403 X\r\nA:\r\n\r\n", "HTTP/1.1 403 X\r\nA: b\u0000c\r\n\r\n", "HTTP/1.1 403 \r\n\r\n",
        "HTTP/1.1 101 X\r\n\r\n", "HTTP/1.1 099 X\r\n\r\n", "HTTP/1.1 999 X\r\n\r\n", "HTTP/1.1 204 NC\r\n\r\n",
        "HTTP/1.1 403 X\r\nContent-Length: 1, 1\r\n\r\na", "HTTP/1.1 403 X\r\nContent-Length:  1  \r\n\r\na",
        "HTTP/1.1 403 X\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\na",
        "HTTP/1.1 403 X\r\nTransfer-Encoding: chunked, gzip\r\n\r\nabc",
        "HTTP/1.1 403 X\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\na",
        "HTTP/1.0 403 X\r\n\r\nbody", "HTTP/1.1 403 X\r\nA: b\r\n\r\n\r\nextra"})
    void accepted(String text) throws ErrorFileException {
        parse(text);
    }

    @Test
    void theHeadIsReadAsHaproxyKeepsIt() throws ErrorFileException {
        ErrorResponse message = parse("HTTP/1.1 503 Custom Reason Here\nContent-Length: 2\nX-Ab:   spaced   \n\nab");
        assertEquals(503, message.status());
        assertEquals("Custom Reason Here", message.reason());
        assertEquals(List.of(new HeaderList.Field("Content-Length", "2"), new HeaderList.Field("X-Ab", "spaced")),
                message.headers());
        assertEquals("ab", new String(message.body(), StandardCharsets.ISO_8859_1));

        ErrorResponse folded = parse("HTTP/1.1 403 X\r\nA: x \r\n  y\r\n\r\n");
        assertEquals("x" + " ".repeat(5) + "y", folded.headers().getFirst().value());
        ErrorResponse normalized = parse("HTTP/1.1 403 X\r\nContent-Length: 1, 1\r\nContent-Length: 1\r\n\r\na");
        assertEquals(List.of(new HeaderList.Field("Content-Length", "1")), normalized.headers());
        assertEquals("01", parse("HTTP/1.1 403 X\r\nContent-Length: 01\r\n\r\na").headers().getFirst().value());
    }

    /** The largest body haproxy 2.6 accepted after "HTTP/1.1 403 X", for several buffer sizes and heads. */
    @Test
    void theMessageMustFitOneBufferAsHaproxyLaysItOut() {
        assertLargestBody("HTTP/1.1 403 X\r\n\r\n", 16384, 16279);
        assertLargestBody("HTTP/1.1 403 X\r\n\r\n", 32768, 32663);
        assertLargestBody("HTTP/1.1 403 X\r\n\r\n", 4096, 3991);
        assertLargestBody("HTTP/1.1 403 XYZ\r\n\r\n", 16384, 16277);
        assertLargestBody("HTTP/1.1 4030 X\r\n\r\n", 16384, 16278);
        assertLargestBody("HTTP/1.1 403 X\r\nA: b\r\n\r\n", 16384, 16269);
        assertLargestBody("HTTP/1.1 403 X\r\nAB: cd\r\n\r\n", 16384, 16267);
        assertEquals("unable to add payload into the HTX message",
                error("HTTP/1.1 403 X\r\n\r\n" + "a".repeat(16280)));
    }

    @Test
    void theHeadMustFitOnItsOwn() throws ErrorFileException {
        parse("HTTP/1.1 403 X\r\nA: " + "v".repeat(16278) + "\r\n\r\n");
        assertEquals("unable to add headers into the HTX message",
                error("HTTP/1.1 403 X\r\nA: " + "v".repeat(16279) + "\r\n\r\n"));
        parse("HTTP/1.1 403 " + "r".repeat(16288) + "\r\n\r\n");
        assertEquals("unable to add headers into the HTX message", error("HTTP/1.1 403 " + "r".repeat(16289) + "\r\n\r\n"));
        // A folded line counts with its line break turned into two blanks.
        parse("HTTP/1.1 403 X\r\nA: x\r\n  " + "v".repeat(16273) + "\r\n\r\n");
        assertEquals("unable to add headers into the HTX message",
                error("HTTP/1.1 403 X\r\nA: x\r\n  " + "v".repeat(16274) + "\r\n\r\n"));
    }

    @Test
    void aContentLengthHeaderCountsLikeAnyOther() throws ErrorFileException {
        String body = "a".repeat(16252);
        parse("HTTP/1.1 403 X\r\nContent-Length: 16252\r\n\r\n" + body);
        assertEquals("unable to add payload into the HTX message",
                error("HTTP/1.1 403 X\r\nContent-Length: 16253\r\n\r\n" + body + "a"));
    }

    private static void assertLargestBody(String head, int bufferSize, int largest) {
        try {
            ErrorFileParser.parse(bytes(head + "a".repeat(largest)), bufferSize);
        } catch (ErrorFileException e) {
            throw new AssertionError(largest + " bytes should fit: " + e.getMessage());
        }
        assertEquals("unable to add payload into the HTX message", error(head + "a".repeat(largest + 1), bufferSize));
    }
}
