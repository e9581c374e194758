package dev.shuttle.pattern;

import java.util.Arrays;

/** A byte block written in hex, for {@code -m bin} (configuration.txt §7.1.5). */
public record BytesPattern(byte[] bytes, String text) implements MatchPattern {
    public BytesPattern {
        bytes = bytes.clone();
    }

    public boolean matches(byte[] candidate) {
        return Arrays.equals(bytes, candidate);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BytesPattern pattern && Arrays.equals(bytes, pattern.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
