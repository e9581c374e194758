package dev.shuttle.pattern;

import dev.shuttle.sample.SampleType;
import java.util.Arrays;
import java.util.Optional;

/**
 * How an ACL compares a sample with its patterns, the {@code -m} methods (configuration.txt §7.1).
 * Each method expects its input as one type, and the sample is cast to it before matching.
 */
public enum MatchMethod {
    /** Only checks that the fetch found a value; takes no pattern. */
    FOUND("found", Input.ANY),
    /** The value as a boolean (0 or false do not match); takes no pattern. */
    BOOL("bool", Input.INTEGER),
    /** Integers and ranges, {@code 10}, {@code 10:20}, {@code :20}, with {@code eq ge gt le lt}. */
    INT("int", Input.INTEGER),
    /** IPv4 and IPv6 addresses and networks. */
    IP("ip", Input.ADDRESS),
    /** Exact binary match against hex patterns. */
    BIN("bin", Input.BINARY),
    /** The length of the text, matched as an integer. */
    LEN("len", Input.TEXT),
    /** Exact text. */
    STR("str", Input.TEXT),
    /** The pattern appears anywhere in the text. */
    SUB("sub", Input.TEXT),
    /** A regular expression finds a match in the text. */
    REG("reg", Input.TEXT),
    /** The text begins with the pattern. */
    BEG("beg", Input.TEXT),
    /** The text ends with the pattern. */
    END("end", Input.TEXT),
    /** The pattern is a run of slash-delimited parts of the text. */
    DIR("dir", Input.TEXT),
    /** The pattern is a run of dot-delimited parts of the text (also delimited by {@code :/?}). */
    DOM("dom", Input.TEXT);

    /** The form a method wants its sample in. */
    enum Input { ANY, INTEGER, ADDRESS, BINARY, TEXT }

    private final String keyword;
    private final Input input;

    MatchMethod(String keyword, Input input) {
        this.keyword = keyword;
        this.input = input;
    }

    public String keyword() {
        return keyword;
    }

    Input input() {
        return input;
    }

    public static Optional<MatchMethod> fromKeyword(String keyword) {
        return Arrays.stream(values()).filter(m -> m.keyword.equals(keyword)).findFirst();
    }

    /**
     * The method an ACL uses without {@code -m} (configuration.txt §7.1, "Default matching method"):
     * none for binary samples, which must say how they are matched.
     */
    public static Optional<MatchMethod> defaultFor(SampleType type) {
        return switch (type) {
            case BOOL -> Optional.of(BOOL);
            case SINT -> Optional.of(INT);
            case IPV4, IPV6 -> Optional.of(IP);
            case STR, METH -> Optional.of(STR);
            case BIN -> Optional.empty();
        };
    }

    /** Whether a sample of this type can be cast to what the method compares (checked against haproxy 2.6). */
    public boolean accepts(SampleType type) {
        return switch (input) {
            case ANY, TEXT, BINARY -> true;
            case INTEGER -> type == SampleType.BOOL || type == SampleType.SINT || type.isAddress()
                    || type == SampleType.STR;
            case ADDRESS -> type == SampleType.SINT || type.isAddress() || type == SampleType.STR;
        };
    }

    /** Whether the method compares against patterns (found and bool take none). */
    public boolean usesPatterns() {
        return this != FOUND && this != BOOL;
    }
}
