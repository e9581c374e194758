package dev.shuttle.cli;

import dev.shuttle.server.Server;

/**
 * Reads the values of the server commands ({@code <weight>[%]}, {@code <maxconn>}) with HAProxy's
 * rules and answers (management.txt, "set weight" and "set maxconn server"; texts observed on
 * HAProxy 3.5). Numbers are read as C's strtol() reads them, which the answers reflect: leading
 * blanks and a sign are allowed, the digits stop at the first other character, and a number too
 * large for 64 bits counts as the largest one.
 */
final class RuntimeArguments {
    /** The percentage beyond which a relative weight cannot grow any more (256 times 100%). */
    private static final long MAX_PERCENT = 25600;

    private RuntimeArguments() {}

    /**
     * The weight that {@code text} asks for: absolute ({@code 0} to {@code 256}) or relative to
     * the initial weight ({@code 50%}: half of it, rounded down; capped at 256). A backend whose
     * weights are static ({@code static-rr}) accepts only 0 and the initial weight.
     */
    static int weight(String text, int initialWeight, boolean staticWeights) throws CliException {
        if (text.isEmpty()) {
            throw new CliException("Require <weight> or <weight%>.");
        }
        Prefix number = Prefix.of(text);
        if (number.length() == 0) {
            throw new CliException("Empty weight string empty or preceded by garbage");
        }
        String rest = text.substring(number.length());
        long weight = number.value();
        if (rest.equals("%")) {
            if (weight < 0) {
                throw new CliException("Relative weight must be positive.");
            }
            weight = Math.min(initialWeight * Math.min(weight, MAX_PERCENT) / 100, Server.MAX_WEIGHT);
        } else if (weight < 0 || weight > Server.MAX_WEIGHT) {
            throw new CliException("Absolute weight can only be between 0 and 256 inclusive.");
        } else if (!rest.isEmpty()) {
            throw new CliException("Trailing garbage in weight string");
        }
        if (staticWeights && weight != 0 && weight != initialWeight) {
            throw new CliException("Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.");
        }
        return (int) weight;
    }

    /**
     * The maxconn that {@code text} asks for, 0 for no limit. Any number is taken, kept as HAProxy
     * keeps it: its low 32 bits, unsigned ({@code -1} is 4294967295).
     */
    static long maxconn(String text) throws CliException {
        if (text.isEmpty()) {
            throw new CliException("Require <maxconn>.");
        }
        Prefix number = Prefix.of(text);
        if (number.length() == 0) {
            throw new CliException("maxconn string empty or preceded by garbage");
        }
        if (number.length() != text.length()) {
            throw new CliException("Trailing garbage in maxconn string");
        }
        return number.value() & 0xFFFF_FFFFL;
    }

    /**
     * C's {@code atoi()}, which HAProxy's {@code #<id>} names go through: the leading number, 0 when
     * there is none ({@code #3x} is id 3, {@code #x} id 0, which no proxy or server has).
     */
    static int atoi(String text) {
        return (int) Prefix.of(text).value();
    }

    /**
     * The number at the start of a text as strtol() reads it in base 10, and how many characters
     * it took (0 when there are no digits, whatever came before them).
     */
    record Prefix(long value, int length) {
        static Prefix of(String text) {
            int i = 0;
            while (i < text.length() && isSpace(text.charAt(i))) {
                i++;
            }
            boolean negative = false;
            if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                negative = text.charAt(i) == '-';
                i++;
            }
            int firstDigit = i;
            long magnitude = 0;
            boolean overflow = false;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                int digit = text.charAt(i) - '0';
                if (magnitude > (Long.MAX_VALUE - digit) / 10) {
                    overflow = true;
                } else {
                    magnitude = magnitude * 10 + digit;
                }
                i++;
            }
            if (i == firstDigit) {
                return new Prefix(0, 0);
            }
            if (overflow) {
                return new Prefix(negative ? Long.MIN_VALUE : Long.MAX_VALUE, i);
            }
            return new Prefix(negative ? -magnitude : magnitude, i);
        }

        private static boolean isSpace(char c) {
            return c == ' ' || (c >= '\t' && c <= '\r');
        }
    }
}
