package dev.shuttle.config;

import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleExpression;
import dev.shuttle.sample.VariableName;
import java.util.List;
import java.util.Optional;

/**
 * One {@code tcp-check} rule of a backend (configuration.txt §4, "tcp-check connect|send|
 * send-binary|expect|comment|set-var|unset-var"); the rules run in order, each a step of the
 * check. The protocol checks ({@code option smtpchk}, {@code redis-check}...) are made of the same
 * rules (package {@code check}'s {@code ProtocolChecks}).
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
     * {@code tcp-check expect [min-recv <n>] [comment <c>] [ok-status <st>] [error-status <st>]
     * [tout-status <st>] [on-success <fmt>] [on-error <fmt>] [status-code <expr>] [!] <match>
     * <pattern>}.
     *
     * @param pattern the string or regular expression; for {@code binary}, the bytes as one char
     *                per byte (ISO-8859-1); for the {@code -lf} forms, the format as written
     * @param format  {@code string-lf}, {@code binary-lf}: the pattern made at each check (a
     *                {@code binary-lf} one renders hexadecimal digits), matched as {@code match}
     */
    record Expect(Match match, boolean negated, String pattern, Optional<LogFormat> format, ExpectOptions options)
            implements TcpCheckRule {
        public Expect(Match match, boolean negated, String pattern) {
            this(match, negated, pattern, Optional.empty(), ExpectOptions.NONE);
        }

        public Expect(Match match, boolean negated, String pattern, Optional<LogFormat> format) {
            this(match, negated, pattern, format, ExpectOptions.NONE);
        }

        /** The {@code <match>} keywords Shuttle implements. */
        public enum Match {
            STRING, RSTRING, BINARY,
            /** A regular expression over the bytes received written as upper-case hexadecimal digits. */
            RBINARY
        }
    }

    /**
     * A reply judged by a protocol's own rules rather than a pattern (HAProxy's "custom" expect
     * rules of the protocol checks).
     */
    record ExpectReply(Reply reply, ExpectOptions options) implements TcpCheckRule {
        /** The replies Shuttle knows how to judge. */
        public enum Reply {
            /** MySQL's initial handshake packet (an error packet fails). */
            MYSQL_HANDSHAKE,
            /** The MySQL packet after the handshake, answering the client authentication. */
            MYSQL_OK,
            /** An LDAPv3 bindResponse with result code 0 (RFC 4511 §4.2.2). */
            LDAP_BIND_RESPONSE,
            /** An SPOP AGENT-HELLO frame (doc/SPOE.txt §3.2.4). */
            SPOP_AGENT_HELLO
        }
    }

    /**
     * The options of an expect rule (configuration.txt §4, "tcp-check expect").
     *
     * @param minRecv     bytes to wait for before matching; -1: none (a mismatch waits for more)
     * @param okStatus    the status of a check that passes on this rule (L7OK, L7OKC, L6OK, L4OK); empty: L7OK
     * @param errorStatus the status of a check that fails on it (L7RSP, L7STS, L6RSP, L4CON); empty: L7RSP
     * @param toutStatus  the status of a check that times out on it (L7TOUT, L6TOUT, L4TOUT); empty: L7TOUT
     * @param onSuccess   the check's description when it passes on this rule
     * @param onError     the check's description when it fails on this rule
     * @param statusCode  the check's code, evaluated after the rule
     * @param comment     the rule's comment, added to a failure's description
     */
    record ExpectOptions(int minRecv, Optional<String> okStatus, Optional<String> errorStatus,
                         Optional<String> toutStatus, Optional<LogFormat> onSuccess, Optional<LogFormat> onError,
                         Optional<SampleExpression> statusCode, Optional<String> comment) {
        public static final ExpectOptions NONE = new ExpectOptions(-1, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * {@code tcp-check set-var(<name>[,<cond>...]) <expr>} or {@code set-var-fmt(...) <fmt>}
     * (configuration.txt §4, "tcp-check set-var"): one of {@code expression}, {@code format}.
     */
    record SetVar(VariableName name, List<String> conditions, Optional<SampleExpression> expression,
                  Optional<LogFormat> format) implements TcpCheckRule {
        public SetVar {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * A variable set to a fixed value before the other rules run: how the protocol checks carry
     * their parameters ({@code check.smtp_cmd}, {@code check.username}...), as HAProxy presets them.
     */
    record Preset(VariableName name, Sample value) implements TcpCheckRule {}

    /** {@code tcp-check unset-var(<name>)}. */
    record UnsetVar(VariableName name) implements TcpCheckRule {}

    /** {@code tcp-check comment <text>}: a step that does nothing. */
    record Comment(String text) implements TcpCheckRule {}
}
