package dev.shuttle.pattern;

/**
 * One parsed pattern of an ACL or one key of a map. Its form depends on the match method: an
 * integer range, a network, a text, a byte block or a regular expression.
 */
public sealed interface MatchPattern permits IntRange, IpNetwork, TextPattern, BytesPattern, RegexPattern {
    /** The pattern as written, for messages and the runtime API. */
    String text();
}
