package dev.shuttle.check;

import dev.shuttle.config.TcpCheckRule;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How HAProxy 3.5 names a tcp-check expect rule in its results (src/check.c, src/tcpcheck.c facts):
 * in a failure ("TCPCHK did not match content '+PONG' at step 2") and in a timeout ("... at step 2
 * of tcp-check (expect string '+PONG')").
 */
final class TcpCheckTexts {
    private TcpCheckTexts() {}

    /** " '+PONG'", " (regex)", " (binary)"...: the pattern as HAProxy names it in a failure. */
    static String shown(TcpCheckRule.Expect expect) {
        if (expect.format().isPresent()) {
            return expect.match() == TcpCheckRule.Expect.Match.BINARY ? " (log-format binary)" : " (log-format string)";
        }
        return switch (expect.match()) {
            case STRING -> " '" + expect.pattern() + "'";
            case RSTRING -> " (regex)";
            case BINARY -> " (binary)";
            case RBINARY -> " (binary regex)";
        };
    }

    /** "expect string '+PONG'", "expect regex"...: the step as a timeout names it. */
    static String describe(TcpCheckRule rule) {
        if (!(rule instanceof TcpCheckRule.Expect expect)) {
            return "expect custom function";
        }
        if (expect.format().isPresent()) {
            return expect.match() == TcpCheckRule.Expect.Match.BINARY ? "expect log-format binary"
                    : "expect log-format string";
        }
        return switch (expect.match()) {
            case STRING -> "expect string '" + expect.pattern() + "'";
            case RSTRING -> "expect regex";
            case BINARY -> "expect binary '" + HexFormat.of().formatHex(expect.pattern()
                    .getBytes(StandardCharsets.ISO_8859_1)).toUpperCase(Locale.ROOT) + "'";
            case RBINARY -> "expect binary regex";
        };
    }
}
