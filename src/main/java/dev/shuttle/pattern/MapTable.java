package dev.shuttle.pattern;

import dev.shuttle.sample.Sample;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.MatchResult;

/**
 * One map file indexed for one match method, with its values already parsed to the converter's
 * output type: what the {@code map*} converters look their input up in. Immutable.
 */
public final class MapTable {
    private final String fileName;
    private final PatternSet keys;
    private final boolean substituteGroups;

    MapTable(String fileName, PatternSet keys, boolean substituteGroups) {
        this.fileName = fileName;
        this.keys = keys;
        this.substituteGroups = substituteGroups;
    }

    public String fileName() {
        return fileName;
    }

    public PatternSet keys() {
        return keys;
    }

    /** The value of the entry {@code input} matches, or empty (the converter then gives its default). */
    public Optional<Sample> lookup(Sample input) {
        return keys.lookup(input).map(match -> substituteGroups && match.groups().isPresent()
                ? Sample.str(substitute(match.entry().value().asString(), match.groups().get()))
                : match.entry().value());
    }

    /**
     * {@code map_regm}'s value: {@code \0} to {@code \9} are the regex groups (empty when absent),
     * {@code \xHH} is a byte, and a backslash before any other character keeps that character
     * (checked against haproxy 2.6: {@code \\} gives one backslash, {@code \n} gives "n").
     */
    static String substitute(String template, MatchResult groups) {
        StringBuilder out = new StringBuilder(template.length());
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 == template.length()) {
                out.append(c == '\\' ? "" : String.valueOf(c));
                continue;
            }
            char next = template.charAt(++i);
            if (next >= '0' && next <= '9') {
                int group = next - '0';
                String text = group <= groups.groupCount() ? groups.group(group) : null;
                out.append(text == null ? "" : text);
            } else if (next == 'x' && i + 2 < template.length() && isHex(template.charAt(i + 1)) && isHex(template.charAt(i + 2))) {
                out.append((char) HexFormat.fromHexDigits(template, i + 1, i + 3));
                i += 2;
            } else {
                out.append(next);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
