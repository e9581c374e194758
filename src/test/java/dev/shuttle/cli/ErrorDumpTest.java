package dev.shuttle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How {@code show errors} prints a captured message: escapes, offsets, broken long lines. */
class ErrorDumpTest {
    private static String dump(String message) {
        StringBuilder out = new StringBuilder();
        ErrorDump.lines(message.getBytes(StandardCharsets.ISO_8859_1), out);
        return out.toString();
    }

    @Test
    void eachInputLineIsAnOutputLineWithItsOffset() {
        assertEquals("  00000  GET / HTTP/1.1\\r\\n\n  00016  \\r\\n\n", dump("GET / HTTP/1.1\r\n\r\n"));
    }

    @Test
    void nonPrintableBytesAreEncoded() {
        assertEquals("  00000  a\\tb\\e\\\\\\x01\\x7F\\xFF\n", dump("a\tb\u001b\\\u0001\u007f\u00ff"));
    }

    @Test
    void aLineWiderThanTheTerminalIsBrokenAndItsContinuationsMarked() {
        String line = "x".repeat(150) + "\r\n";
        assertEquals("  00000  " + "x".repeat(70) + "\n  00070+ " + "x".repeat(70) + "\n  00140+ " + "x".repeat(10)
                + "\\r\\n\n", dump(line));
    }

    @Test
    void anEscapeIsNeverSplitAcrossLines() {
        String line = "x".repeat(69) + "\u0001y";
        assertEquals("  00000  " + "x".repeat(69) + "\n  00069+ \\x01y\n", dump(line));
    }
}
