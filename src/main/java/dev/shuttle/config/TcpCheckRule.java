package dev.shuttle.config;

import dev.shuttle.sample.LogFormat;
import java.util.Optional;

/**
 * One {@code tcp-check} rule of a backend (configuration.txt §4, "tcp-check connect|send|
 * send-binary|expect|comment"); the rules run in order, each a step of the check.
 */
public sealed interface TcpCheckRule {
    /** {@code tcp-check connect [options]}: a new connection, made as {@code options} say. */
    record Connect(CheckConnect options) implements TcpCheckRule {
        /** {@code tcp-check connect [port <n>]}; port 0 is the check's own. */
        public Connect(int port) {
            this(CheckConnect.port(port));
        }

        public int port() {
            return options.port();
        }
    }

    /**
     * {@code tcp-check send <string>} or {@code send-binary <hex>}.
     *
     * @param data the bytes to send, one char per byte (ISO-8859-1)
     */
    record Send(String data) implements TcpCheckRule {}

    /**
     * {@code tcp-check send-lf <fmt>} or {@code send-binary-lf <hexfmt>}: a log-format string made
     * at each check (configuration.txt §4, "tcp-check send-lf").
     *
     * @param binary the rendered text is hexadecimal digits, sent as the bytes they spell
     */
    record SendFormat(LogFormat format, boolean binary) implements TcpCheckRule {}

    /**
     * {@code tcp-check expect [!] string|rstring|binary|string-lf|binary-lf <pattern>}.
     *
     * @param pattern the string or regular expression; for {@code binary}, the bytes as one char
     *                per byte (ISO-8859-1); for the {@code -lf} forms, the format as written
     * @param format  {@code string-lf}, {@code binary-lf}: the pattern made at each check (a
     *                {@code binary-lf} one renders hexadecimal digits), matched as {@code match}
     */
    record Expect(Match match, boolean negated, String pattern, Optional<LogFormat> format) implements TcpCheckRule {
        public Expect(Match match, boolean negated, String pattern) {
            this(match, negated, pattern, Optional.empty());
        }

        /** The {@code <match>} keywords Shuttle implements. */
        public enum Match {
            STRING, RSTRING, BINARY
        }
    }

    /** {@code tcp-check comment <text>}: a step that does nothing. */
    record Comment(String text) implements TcpCheckRule {}
}
