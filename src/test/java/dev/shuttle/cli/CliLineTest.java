package dev.shuttle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CliLineTest {
    @Test
    void blanksSeparateWordsAndSemicolonsCommands() {
        assertEquals(List.of(List.of("show", "info"), List.of("show", "stat")), CliLine.split("show  info;\tshow stat"));
    }

    @Test
    void emptyCommandsStayEmpty() {
        assertEquals(List.of(List.of(), List.of("help"), List.of()), CliLine.split(";help;"));
        assertEquals(List.of(List.of()), CliLine.split(""));
    }

    @Test
    void backslashMakesTheNextCharacterLiteral() {
        assertEquals(List.of(List.of("set", "var", "a;b c\\d")), CliLine.split("set var a\\;b\\ c\\\\d"));
    }

    @Test
    void anEscapedCharacterAloneIsAWord() {
        assertEquals(List.of(List.of("x", ";")), CliLine.split("x \\;"));
    }

    @Test
    void aTrailingBackslashIsKept() {
        assertEquals(List.of(List.of("end\\")), CliLine.split("end\\"));
    }
}
