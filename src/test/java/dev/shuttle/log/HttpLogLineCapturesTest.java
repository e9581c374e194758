package dev.shuttle.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code %hr}/{@code %hs} fields: braces, bars, and §8.6's escapes, as haproxy 2.6 printed them. */
class HttpLogLineCapturesTest {
    @Test
    void nothingDeclaredPrintsNothing() {
        assertEquals("", HttpLogLine.captures(List.of()));
    }

    @Test
    void slotsAreBracedAndSeparated() {
        assertEquals("{127.0.0.1:|abc||12345} ", HttpLogLine.captures(List.of("127.0.0.1:", "abc", "", "12345")));
    }

    @Test
    void unsafeCharactersAreEscaped() {
        assertEquals("{a#7Cb#7B#7D#22#23 x#09#E9} ", HttpLogLine.captures(List.of("a|b{}\"# x\t\u00e9")));
    }
}
