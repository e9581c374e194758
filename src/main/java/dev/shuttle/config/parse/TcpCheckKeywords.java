package dev.shuttle.config.parse;

import dev.shuttle.config.HealthCheckConfig;
import dev.shuttle.config.TcpCheckRule;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.LogFormat;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code option tcp-check} and the {@code tcp-check} rules Shuttle implements (configuration.txt
 * §4): {@code connect [port <n>]}, {@code send <string>}, {@code send-binary <hex>}, {@code send-lf
 * <fmt>}, {@code send-binary-lf <hexfmt>}, {@code expect
 * [!] string|rstring|binary <pattern>}, {@code comment}; every rule may end with {@code comment
 * <text>}. The other words are refused by name.
 */
final class TcpCheckKeywords {
    private TcpCheckKeywords() {}

    static void register(KeywordRegistry registry) {
        registry.option("tcp-check", Need.BACKEND, (line, proxy) -> {
            line.expectArgs(0, "takes no argument.");
            if (line.negated()) {
                if (proxy.checks.kind == HealthCheckConfig.Kind.TCP_RULES) {
                    proxy.checks.kind = HealthCheckConfig.Kind.TCP_CONNECT;
                }
            } else {
                proxy.checks.kind = HealthCheckConfig.Kind.TCP_RULES;
            }
        });
        registry.proxy("tcp-check", Need.BACKEND, true, false,
                (line, proxy) -> proxy.checks.tcpRules.add(rule(line, proxy)));
    }

    private static TcpCheckRule rule(KeywordContext line, ProxySection proxy) throws ConfigException {
        String action = line.arg(1);
        if (action.startsWith("set-var(") || action.startsWith("unset-var(")) {
            throw new ConfigException("'tcp-check " + action.substring(0, action.indexOf('('))
                    + "' is not supported by Shuttle yet.");
        }
        return switch (action) {
            case "connect" -> connect(line);
            case "send" -> new TcpCheckRule.Send(endsWithComment(line, 3, value(line, 2, action)));
            case "send-binary" -> new TcpCheckRule.Send(endsWithComment(line, 3, hex(value(line, 2, action), action)));
            case "expect" -> expect(line, proxy);
            case "comment" -> new TcpCheckRule.Comment(value(line, 2, action));
            // Made at each check, with the backend as the check's proxy (configuration.txt §4, "tcp-check send-lf").
            case "send-lf" -> new TcpCheckRule.SendFormat(new ProxyRuleCompiler(line, proxy)
                    .logFormat(endsWithComment(line, 3, value(line, 2, action)), LogFormat.Mode.TEXT), false);
            case "send-binary-lf" -> new TcpCheckRule.SendFormat(new ProxyRuleCompiler(line, proxy)
                    .logFormat(endsWithComment(line, 3, value(line, 2, action)), LogFormat.Mode.TEXT), true);
            case "set-var", "unset-var" -> throw new ConfigException("'tcp-check "
                    + action + "' is not supported by Shuttle yet.");
            default -> throw new ConfigException("'tcp-check' only supports 'comment', 'connect', 'send', "
                    + "'send-binary', 'expect' (and 'send-lf', 'send-binary-lf', 'set-var', 'unset-var' in HAProxy) "
                    + "(got '" + action + "').");
        };
    }

    /** {@code tcp-check connect [options]}: {@link CheckConnectOptions}. */
    private static TcpCheckRule connect(KeywordContext line) throws ConfigException {
        return new TcpCheckRule.Connect(CheckConnectOptions.parse(line, "tcp-check"));
    }

    /** {@code tcp-check expect [comment <c>] [!] string|rstring|binary|string-lf|binary-lf <pattern> [comment <c>]}. */
    private static TcpCheckRule expect(KeywordContext line, ProxySection proxy) throws ConfigException {
        boolean negated = false;
        for (int i = 2; i <= line.argCount(); i++) {
            String word = line.arg(i);
            switch (word) {
                case "comment" -> value(line, ++i, word);
                case "!" -> negated = true;
                case "string", "rstring", "binary" -> {
                    String pattern = value(line, ++i, word);
                    TcpCheckRule.Expect.Match match = TcpCheckRule.Expect.Match.valueOf(word.toUpperCase(Locale.ROOT));
                    if (match == TcpCheckRule.Expect.Match.BINARY) {
                        pattern = hex(pattern, "expect binary");
                    } else if (match == TcpCheckRule.Expect.Match.RSTRING) {
                        try {
                            Pattern.compile(pattern);
                        } catch (PatternSyntaxException e) {
                            throw new ConfigException("'tcp-check expect rstring' : invalid regex '" + pattern
                                    + "' : " + e.getDescription() + ".");
                        }
                    }
                    endsWithComment(line, i + 1, pattern);
                    return new TcpCheckRule.Expect(match, negated, pattern);
                }
                case "string-lf", "binary-lf" -> {
                    String pattern = value(line, ++i, word);
                    endsWithComment(line, i + 1, pattern);
                    LogFormat format = new ProxyRuleCompiler(line, proxy).logFormat(pattern, LogFormat.Mode.TEXT);
                    return new TcpCheckRule.Expect(word.equals("string-lf") ? TcpCheckRule.Expect.Match.STRING
                            : TcpCheckRule.Expect.Match.BINARY, negated, pattern, Optional.of(format));
                }
                case "rbinary", "min-recv", "ok-status", "error-status", "tout-status",
                     "on-success", "on-error", "status-code" -> throw new ConfigException("'tcp-check expect' : '"
                        + word + "' is not supported by Shuttle yet.");
                default -> throw new ConfigException("'tcp-check expect' : unknown keyword '" + word
                        + "', expects 'string', 'rstring' or 'binary' (with '!' to negate).");
            }
        }
        throw new ConfigException("'tcp-check expect' : expects a match ('string', 'rstring', 'binary') and its "
                + "pattern.");
    }

    /** The rest of the line after a rule's value: nothing, or {@code comment <text>}. */
    private static String endsWithComment(KeywordContext line, int index, String value) throws ConfigException {
        if (index <= line.argCount()) {
            if (!line.arg(index).equals("comment") || index + 1 != line.argCount()) {
                throw new ConfigException("'tcp-check " + line.arg(1) + "' : unexpected argument '"
                        + line.arg(index) + "'.");
            }
        }
        return value;
    }

    /** Hexadecimal digits as bytes, one char per byte. */
    private static String hex(String digits, String where) throws ConfigException {
        try {
            return new String(HexFormat.of().parseHex(digits), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("'tcp-check " + where + "' : invalid hexadecimal string '" + digits + "'.");
        }
    }

    private static String value(KeywordContext line, int index, String word) throws ConfigException {
        if (index > line.argCount() || line.arg(index).isEmpty()) {
            throw new ConfigException("'tcp-check " + line.arg(1) + "' : '" + word + "' expects an argument.");
        }
        return line.arg(index);
    }
}
