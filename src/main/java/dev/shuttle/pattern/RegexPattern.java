package dev.shuttle.pattern;

import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression pattern ({@code -m reg}, {@code map_reg}): it matches when it is found
 * anywhere in the text, as PCRE's unanchored search does; anchors are written {@code ^} and {@code $}.
 */
public record RegexPattern(Pattern regex, String text) implements MatchPattern {
    /** The match, with its groups for {@code map_regm}, or empty. */
    public Optional<MatchResult> find(String input) {
        Matcher matcher = regex.matcher(input);
        return matcher.find() ? Optional.of(matcher.toMatchResult()) : Optional.empty();
    }
}
