package dev.shuttle.config.parse;

import dev.shuttle.config.HealthCheckConfig;
import dev.shuttle.config.TcpCheckRule;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.SampleCompileException;
import dev.shuttle.sample.VariableConverters;
import dev.shuttle.sample.VariableName;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code option tcp-check} and the {@code tcp-check} rules Shuttle implements (configuration.txt
 * §4): {@code connect [port <n>]}, {@code send <string>}, {@code send-binary <hex>}, {@code send-lf
 * <fmt>}, {@code send-binary-lf <hexfmt>}, {@code expect [options] [!] string|rstring|binary|
 * rbinary|string-lf|binary-lf <pattern>}, {@code set-var}, {@code set-var-fmt}, {@code unset-var},
 * {@code comment}; every rule may end with {@code comment <text>}. The connect options Shuttle
 * lacks are refused by name.
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

    /** One {@code tcp-check} line (also fed the protocol checks' own lines, see {@link ProtocolCheckKeywords}). */
    static TcpCheckRule rule(KeywordContext line, ProxySection proxy) throws ConfigException {
        String action = line.arg(1);
        if (action.startsWith("set-var(") || action.startsWith("set-var-fmt(")) {
            return setVar(line, proxy);
        }
        if (action.startsWith("unset-var(")) {
            return unsetVar(line);
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
            default -> throw new ConfigException("'tcp-check' only supports 'comment', 'connect', 'send', "
                    + "'send-binary', 'expect', 'send-lf', 'send-binary-lf', 'set-var', 'set-var-fmt', 'unset-var' "
                    + "(got '" + action + "').");
        };
    }

    /**
     * {@code tcp-check set-var(<name>[,<cond>...]) <expr>}, {@code set-var-fmt(<name>[,<cond>...])
     * <fmt>} (configuration.txt §4, "tcp-check set-var"): evaluated when the check reaches it.
     */
    static TcpCheckRule setVar(KeywordContext line, ProxySection proxy) throws ConfigException {
        String action = line.arg(1);
        boolean format = action.startsWith("set-var-fmt(");
        String keyword = format ? "set-var-fmt" : "set-var";
        List<String> arguments = callArguments(line, action, keyword);
        if (line.argCount() != 2 || line.arg(2).isEmpty()) {
            throw new ConfigException("'" + line.keyword() + " " + keyword + "' expects a variable name and exactly "
                    + "one " + (format ? "format string" : "sample expression") + ".");
        }
        VariableName name = variable(arguments.getFirst(), line, keyword);
        List<String> conditions = arguments.subList(1, arguments.size());
        for (String condition : conditions) {
            if (!VariableConverters.CONDITIONS.contains(condition)) {
                throw new ConfigException("'" + line.keyword() + " " + keyword + "' : unknown condition '" + condition
                        + "' (expects one of ifexists, ifnotexists, ifempty, ifnotempty, ifset, ifnotset, ifgt, iflt).");
            }
        }
        ProxyRuleCompiler compiler = new ProxyRuleCompiler(line, proxy);
        return format
                ? new TcpCheckRule.SetVar(name, conditions, Optional.empty(),
                        Optional.of(compiler.logFormat(line.arg(2), LogFormat.Mode.TEXT)))
                : new TcpCheckRule.SetVar(name, conditions, Optional.of(compiler.expression(line.arg(2))),
                        Optional.empty());
    }

    /** {@code tcp-check unset-var(<name>)}. */
    static TcpCheckRule unsetVar(KeywordContext line) throws ConfigException {
        List<String> arguments = callArguments(line, line.arg(1), "unset-var");
        if (arguments.size() != 1 || line.argCount() != 1) {
            throw new ConfigException("'" + line.keyword() + " unset-var' expects exactly one variable name, as "
                    + "'unset-var(check.name)'.");
        }
        return new TcpCheckRule.UnsetVar(variable(arguments.getFirst(), line, "unset-var"));
    }

    /** The comma-separated arguments of {@code keyword(...)}. */
    private static List<String> callArguments(KeywordContext line, String word, String keyword) throws ConfigException {
        if (!word.endsWith(")") || word.length() <= keyword.length() + 2) {
            throw new ConfigException("'" + line.keyword() + " " + keyword + "' : missing ')' or variable name in '"
                    + word + "'.");
        }
        return List.of(word.substring(keyword.length() + 1, word.length() - 1).split(",", -1));
    }

    private static VariableName variable(String text, KeywordContext line, String keyword) throws ConfigException {
        try {
            return VariableName.parse(text.trim());
        } catch (SampleCompileException e) {
            throw new ConfigException("'" + line.keyword() + " " + keyword + "' : " + e.getMessage() + ".");
        }
    }

    /** {@code tcp-check connect [options]}: {@link CheckConnectOptions}. */
    private static TcpCheckRule connect(KeywordContext line) throws ConfigException {
        return new TcpCheckRule.Connect(CheckConnectOptions.parse(line, "tcp-check"));
    }

    /**
     * {@code tcp-check expect [min-recv <n>] [comment <c>] [ok-status <st>] [error-status <st>]
     * [tout-status <st>] [on-success <fmt>] [on-error <fmt>] [status-code <expr>] [!] <match>
     * <pattern>}, the options before or after the pattern (configuration.txt §4, "tcp-check expect").
     */
    private static TcpCheckRule expect(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (line.argCount() < 2) {
            throw new ConfigException("'tcp-check expect' : expects at least a matching pattern as arguments.");
        }
        ExpectOptionsParser options = new ExpectOptionsParser(line, proxy);
        boolean negated = false;
        String kind = null;
        String pattern = null;
        boolean afterBang = false;
        for (int i = 2; i <= line.argCount(); i++) {
            String word = line.arg(i);
            while (word.startsWith("!")) {
                negated = !negated;
                word = word.substring(1);
                afterBang = true;
            }
            if (word.isEmpty()) {
                continue;
            }
            if (afterBang && options.takes(word)) {
                throw new ConfigException("'tcp-check expect' : [!] not supported with '" + word + "'.");
            }
            afterBang = false;
            switch (word) {
                case "string", "rstring", "binary", "rbinary", "string-lf", "binary-lf" -> {
                    if (kind != null) {
                        throw new ConfigException("'tcp-check expect' : only one pattern expected.");
                    }
                    kind = word;
                    pattern = value(line, ++i, word);
                }
                default -> {
                    if (!options.takes(word)) {
                        throw new ConfigException("'tcp-check expect' : unknown keyword '" + word + "'.");
                    }
                    i = options.parse(i);
                }
            }
        }
        if (kind == null) {
            throw new ConfigException("'tcp-check expect' : expects a pattern ('string', 'rstring', 'binary', "
                    + "'rbinary', 'string-lf' or 'binary-lf').");
        }
        TcpCheckRule.ExpectOptions parsed = options.options();
        return switch (kind) {
            case "string" -> new TcpCheckRule.Expect(TcpCheckRule.Expect.Match.STRING, negated, pattern,
                    Optional.empty(), parsed);
            case "binary" -> new TcpCheckRule.Expect(TcpCheckRule.Expect.Match.BINARY, negated,
                    hex(pattern, "expect binary"), Optional.empty(), parsed);
            case "rstring", "rbinary" -> {
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw new ConfigException("'tcp-check expect " + kind + "' : invalid regex '" + pattern
                            + "' : " + e.getDescription() + ".");
                }
                yield new TcpCheckRule.Expect(kind.equals("rstring") ? TcpCheckRule.Expect.Match.RSTRING
                        : TcpCheckRule.Expect.Match.RBINARY, negated, pattern, Optional.empty(), parsed);
            }
            default -> {
                LogFormat format = new ProxyRuleCompiler(line, proxy).logFormat(pattern, LogFormat.Mode.TEXT);
                yield new TcpCheckRule.Expect(kind.equals("string-lf") ? TcpCheckRule.Expect.Match.STRING
                        : TcpCheckRule.Expect.Match.BINARY, negated, pattern, Optional.of(format), parsed);
            }
        };
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
