package dev.shuttle.pattern;

/**
 * An integer pattern (configuration.txt §7.1.2): one value, a range {@code min:max} with either
 * bound possibly omitted, or a value with an operator ({@code gt 5} is the range {@code 6:}).
 */
public record IntRange(long min, long max, String text) implements MatchPattern {
    public boolean contains(long value) {
        return value >= min && value <= max;
    }
}
