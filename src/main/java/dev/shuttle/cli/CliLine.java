package dev.shuttle.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a runtime API line into commands and words: {@code ;} separates commands, blanks
 * separate words, and a backslash makes the next character literal (management.txt §9.3).
 */
final class CliLine {
    private CliLine() {}

    static List<List<String>> split(String line) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == ';' || c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (c == ';') {
                    commands.add(words);
                    words = new ArrayList<>();
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        commands.add(words);
        return commands;
    }
}
