package dev.shuttle.config.parse;

import dev.shuttle.config.TcpCheckRule;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.SampleExpression;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The options an {@code expect} rule of {@code tcp-check} and {@code http-check} takes besides its
 * pattern (configuration.txt §4, "tcp-check expect", "http-check expect"): {@code min-recv <n>},
 * {@code comment <text>}, {@code ok-status <st>}, {@code error-status <st>}, {@code tout-status
 * <st>}, {@code on-success <fmt>}, {@code on-error <fmt>}, {@code status-code <expr>}, with
 * HAProxy 3.5's messages for bad values.
 */
final class ExpectOptionsParser {
    private static final Set<String> OPTIONS = Set.of("min-recv", "comment", "ok-status", "error-status",
            "tout-status", "on-success", "on-error", "status-code");

    private final KeywordContext line;
    private final ProxySection proxy;
    private int minRecv = -1;
    private Optional<String> okStatus = Optional.empty();
    private Optional<String> errorStatus = Optional.empty();
    private Optional<String> toutStatus = Optional.empty();
    private Optional<LogFormat> onSuccess = Optional.empty();
    private Optional<LogFormat> onError = Optional.empty();
    private Optional<SampleExpression> statusCode = Optional.empty();
    private Optional<String> comment = Optional.empty();

    ExpectOptionsParser(KeywordContext line, ProxySection proxy) {
        this.line = line;
        this.proxy = proxy;
    }

    /** Whether {@code word} is one of the options. */
    boolean takes(String word) {
        return OPTIONS.contains(word);
    }

    /** Reads the option at {@code index} and its value; returns the index of its last word. */
    int parse(int index) throws ConfigException {
        String word = line.arg(index);
        String value = line.arg(index + 1);
        if (value.isEmpty()) {
            throw error("'" + word + "' expects " + switch (word) {
                case "min-recv" -> "a integer";
                case "status-code" -> "an expression";
                default -> "a string";
            } + " as argument");
        }
        switch (word) {
            case "min-recv" -> {
                long parsed;
                try {
                    parsed = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    parsed = Long.MIN_VALUE;
                }
                if (parsed < -1 || parsed > Integer.MAX_VALUE) {
                    throw error("'min-recv' expects -1 or an integer from 0 to INT_MAX");
                }
                minRecv = (int) parsed;
            }
            case "comment" -> comment = Optional.of(value);
            case "ok-status" -> okStatus = Optional.of(status(word, value, Set.of("L7OK", "L7OKC", "L6OK", "L4OK"),
                    "'L4OK', 'L6OK', 'L7OK' or 'L7OKC'"));
            case "error-status" -> errorStatus = Optional.of(status(word, value,
                    Set.of("L7RSP", "L7STS", "L7OKC", "L6RSP", "L4CON"), "'L4CON', 'L6RSP', 'L7RSP' or 'L7STS'"));
            case "tout-status" -> toutStatus = Optional.of(status(word, value, Set.of("L7TOUT", "L6TOUT", "L4TOUT"),
                    "'L4TOUT', 'L6TOUT', or 'L7TOUT'"));
            case "on-success" -> onSuccess = Optional.of(compiler().logFormat(value, LogFormat.Mode.TEXT));
            case "on-error" -> onError = Optional.of(compiler().logFormat(value, LogFormat.Mode.TEXT));
            case "status-code" -> {
                try {
                    statusCode = Optional.of(compiler().expression(value));
                } catch (ConfigException e) {
                    throw error("error detected while parsing status-code expression : " + e.getMessage());
                }
            }
            default -> throw new IllegalArgumentException(word);
        }
        return index + 1;
    }

    TcpCheckRule.ExpectOptions options() {
        return new TcpCheckRule.ExpectOptions(minRecv, okStatus, errorStatus, toutStatus, onSuccess, onError,
                statusCode, comment);
    }

    private ProxyRuleCompiler compiler() {
        return new ProxyRuleCompiler(line, proxy);
    }

    /** A status name, case-insensitive as HAProxy reads it, upper-cased. */
    private String status(String word, String value, Set<String> allowed, String names) throws ConfigException {
        String upper = value.toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw error("'" + word + "' only supports " + names + " status (got '" + value + "').");
        }
        return upper;
    }

    private ConfigException error(String text) {
        return new ConfigException("'" + line.keyword() + " " + line.arg(1) + "' : " + text
                + (text.endsWith(".") ? "" : "."));
    }
}
