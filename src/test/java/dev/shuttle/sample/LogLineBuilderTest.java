package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link LogLineBuilder}'s writing of texts, in the plain case copied in runs rather than char by char. */
class LogLineBuilderTest {
    private static String text(int options, String value) {
        LogLineBuilder line = new LogLineBuilder(new StringBuilder());
        line.options = options;
        line.text(value);
        return line.out.toString();
    }

    private static String encoded(int options, String value) {
        LogLineBuilder line = new LogLineBuilder(new StringBuilder());
        line.options = options;
        line.encoded('#', LogLineBuilder.URL_UNSAFE, value);
        return line.out.toString();
    }

    @Test
    void aPlainTextEndsAtANulAsHaproxysStringsDo() {
        assertEquals("be_app", text(LogOptions.NONE, "be_app"));
        assertEquals("ab", text(LogOptions.NONE, "ab\0cd"));
        assertEquals("-", text(LogOptions.MANDATORY, "\0cd"), "empty up to the NUL: the mandatory dash");
        assertEquals("a\\\"b", text(LogOptions.ESCAPE, "a\"b"), "E escapes char by char");
    }

    @Test
    void unsafeBytesAreEscapedWhereverTheyStand() {
        assertEquals("GET /a HTTP/1.1", encoded(LogOptions.NONE, "GET /a HTTP/1.1"));
        assertEquals("#22a#23b#7F", encoded(LogOptions.NONE, "\"a#b\u007F"));
        assertEquals("x#0Ay", encoded(LogOptions.NONE, "x\ny"));
        assertEquals("", encoded(LogOptions.NONE, ""));
        assertEquals("#22a\\\\", encoded(LogOptions.ESCAPE, "\"a\\"), "E: backslashes on the slow path");
    }
}
