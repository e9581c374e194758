package dev.shuttle.config.parse;

import dev.shuttle.config.HealthCheckConfig;
import dev.shuttle.config.HttpCheckExpect;
import dev.shuttle.config.HttpCheckRequest;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.LogFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The health-check keywords of proxy sections (configuration.txt §4): {@code option httpchk},
 * {@code http-check send|expect|disable-on-404|send-state|comment|set-var|set-var-fmt|unset-var},
 * {@code option log-health-checks}, {@code option ssl-hello-chk}.
 */
final class HealthCheckKeywords {
    /** The variable actions written without their variable's name. */
    private static final Set<String> REFUSED_HTTP_CHECK = Set.of("set-var", "set-var-fmt", "unset-var");

    private HealthCheckKeywords() {}

    static void register(KeywordRegistry registry) {
        registry.option("httpchk", Need.BACKEND, HealthCheckKeywords::optionHttpchk);
        registry.option("ssl-hello-chk", Need.BACKEND, (line, proxy) -> {
            line.expectArgs(0, "takes no argument.");
            proxy.checks.kind = line.negated() ? HealthCheckConfig.Kind.TCP_CONNECT : HealthCheckConfig.Kind.SSL_HELLO;
        });
        registry.option("log-health-checks", Need.BACKEND, (line, proxy) -> {
            line.expectArgs(0, "takes no argument.");
            proxy.options.put("log-health-checks", !line.negated());
        });
        TcpCheckKeywords.register(registry);
        ProtocolCheckKeywords.register(registry);
        registry.proxy("http-check", Need.BACKEND, true, false, HealthCheckKeywords::httpCheck);
        CheckGlobalKeywords.register(registry);
        Http2GlobalKeywords.register(registry);
        ExternalCheckKeywords.register(registry);
    }

    /**
     * {@code option httpchk}, {@code option httpchk <uri>}, {@code option httpchk <method> <uri>
     * [<version> [<host>]]}: HTTP checks, with the request's first line.
     */
    private static void optionHttpchk(KeywordContext line, ProxySection proxy) throws ConfigException {
        HealthCheckSection checks = proxy.checks;
        if (line.negated()) {
            checks.kind = HealthCheckConfig.Kind.TCP_CONNECT;
            return;
        }
        if (line.argCount() > 4) {
            throw new ConfigException("'option httpchk' expects at most 4 arguments: [<method> <uri> [<version> "
                    + "[<host>]]].");
        }
        checks.kind = HealthCheckConfig.Kind.HTTP;
        checks.method = HttpCheckRequest.DEFAULT.method();
        checks.uri = HttpCheckRequest.DEFAULT.uri();
        checks.version = HttpCheckRequest.DEFAULT.version();
        checks.host = Optional.empty();
        switch (line.argCount()) {
            case 0 -> { }
            case 1 -> checks.uri = line.arg(1);
            default -> {
                checks.method = line.arg(1);
                checks.uri = line.arg(2);
                if (line.argCount() >= 3) {
                    checks.version = line.arg(3);
                }
                if (line.argCount() == 4) {
                    checks.host = Optional.of(plain(line.arg(4), "option httpchk <host>"));
                }
            }
        }
    }

    private static void httpCheck(KeywordContext line, ProxySection proxy) throws ConfigException {
        String action = line.arg(1);
        HealthCheckSection checks = proxy.checks;
        switch (action) {
            case "send" -> send(line, proxy);
            case "connect" -> connect(line, checks);
            case "expect" -> {
                HttpCheckExpect expect = expect(line, proxy);
                checks.expects.add(expect);
                checks.httpRules.add(new HealthCheckSection.HttpRuleLine.Expect(expect));
            }
            case "disable-on-404" -> {
                line.expectArgs(1, "takes no argument.");
                checks.disableOn404 = true;
            }
            case "send-state" -> {
                line.expectArgs(1, "takes no argument.");
                checks.sendState = true;
            }
            case "comment" -> {
                if (line.argCount() < 2) {
                    throw new ConfigException("'http-check comment' expects a string as argument.");
                }
                checks.httpRules.add(new HealthCheckSection.HttpRuleLine.Comment(line.arg(2)));
            }
            case "" -> throw new ConfigException("'http-check' expects 'comment', 'connect', 'disable-on-404', "
                    + "'expect', 'send', 'send-state', 'set-var' or 'unset-var'.");
            default -> {
                if (action.startsWith("set-var(") || action.startsWith("set-var-fmt(")) {
                    checks.httpRules.add(new HealthCheckSection.HttpRuleLine.Variable(
                            TcpCheckKeywords.setVar(line, proxy)));
                    return;
                }
                if (action.startsWith("unset-var(")) {
                    checks.httpRules.add(new HealthCheckSection.HttpRuleLine.Variable(TcpCheckKeywords.unsetVar(line)));
                    return;
                }
                if (REFUSED_HTTP_CHECK.contains(action)) {
                    throw new ConfigException("'http-check " + action + "' expects a variable name, as 'http-check "
                            + action + "(check.name)'.");
                }
                throw new ConfigException("'http-check' only supports 'comment', 'connect', 'disable-on-404', "
                        + "'expect', 'send', 'send-state', 'set-var' and 'unset-var' (got '" + action + "').");
            }
        }
    }

    /** {@code http-check send [meth <m>] [uri <u>] [ver <v>] [hdr <name> <value>]* [body <string>] [comment <c>]}. */
    private static void send(KeywordContext line, ProxySection proxy) throws ConfigException {
        HealthCheckSection checks = proxy.checks;
        for (int r = checks.httpRules.size() - 1; r >= 0; r--) {
            HealthCheckSection.HttpRuleLine previous = checks.httpRules.get(r);
            if (previous instanceof HealthCheckSection.HttpRuleLine.Connect) {
                break;
            }
            if (previous instanceof HealthCheckSection.HttpRuleLine.Send) {
                throw new ConfigException("'http-check send' : a second request on the same connection is not "
                        + "supported by Shuttle yet; open a new one with 'http-check connect'.");
            }
        }
        checks.sendSeen = true;
        Optional<String> method = Optional.empty();
        Optional<String> uri = Optional.empty();
        Optional<String> version = Optional.empty();
        Optional<String> body = Optional.empty();
        Optional<LogFormat> uriFormat = Optional.empty();
        Optional<LogFormat> bodyFormat = Optional.empty();
        List<HttpCheckRequest.Header> headers = new ArrayList<>();
        // Log-format values are made at each check, with the backend as the check's proxy (configuration.txt §4).
        ProxyRuleCompiler compiler = new ProxyRuleCompiler(line, proxy);
        for (int i = 2; i <= line.argCount(); i++) {
            String word = line.arg(i);
            switch (word) {
                case "meth" -> method = Optional.of(value(line, ++i, word));
                case "uri" -> {
                    uri = Optional.of(value(line, ++i, word));
                    uriFormat = Optional.empty();
                }
                case "uri-lf" -> {
                    uri = Optional.of(value(line, ++i, word));
                    uriFormat = Optional.of(compiler.logFormat(uri.get()));
                }
                case "ver" -> version = Optional.of(value(line, ++i, word));
                case "hdr" -> {
                    String name = value(line, ++i, word);
                    String headerValue = value(line, ++i, word);
                    headers.add(new HttpCheckRequest.Header(name, headerValue, headerValue.indexOf('%') >= 0
                            ? Optional.of(compiler.logFormat(headerValue)) : Optional.empty()));
                }
                case "body" -> {
                    body = Optional.of(value(line, ++i, word));
                    bodyFormat = Optional.empty();
                }
                case "body-lf" -> {
                    body = Optional.of(value(line, ++i, word));
                    bodyFormat = Optional.of(compiler.logFormat(body.get(), LogFormat.Mode.TEXT));
                }
                case "comment" -> value(line, ++i, word);
                default -> throw new ConfigException("'http-check send' : unknown parameter '" + word
                        + "', expects 'meth', 'uri', 'uri-lf', 'ver', 'hdr', 'body', 'body-lf' or 'comment'.");
            }
        }
        checks.httpRules.add(new HealthCheckSection.HttpRuleLine.Send(method, uri, version, headers, body, uriFormat,
                bodyFormat));
    }

    /**
     * {@code http-check connect [options]} ({@link CheckConnectOptions}): starts an exchange of a
     * sequence; the ruleset must start with it (only comments may come before, configuration.txt).
     */
    private static void connect(KeywordContext line, HealthCheckSection checks) throws ConfigException {
        boolean started = checks.httpRules.stream()
                .anyMatch(r -> !(r instanceof HealthCheckSection.HttpRuleLine.Comment));
        if (started && !checks.isSequence()) {
            throw new ConfigException("'http-check connect' : an http-check ruleset with a 'connect' must start "
                    + "with it (only comments may come before).");
        }
        checks.httpRules.add(new HealthCheckSection.HttpRuleLine.Connect(CheckConnectOptions.parse(line, "http-check")));
    }

    /**
     * {@code http-check expect [min-recv <n>] [comment <c>] [ok-status <st>] [error-status <st>]
     * [tout-status <st>] [on-success <fmt>] [on-error <fmt>] [status-code <expr>] [!] <match>
     * <pattern>} (configuration.txt §4, "http-check expect"); {@code <match>} is {@code status},
     * {@code rstatus}, {@code string}, {@code rstring}, {@code string-lf}, or {@code hdr}/{@code fhdr}
     * {@code name [-m <meth>] <name> [value [-m <meth>] <value>]}.
     */
    private static HttpCheckExpect expect(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (line.argCount() < 2) {
            throw new ConfigException("'http-check expect' : expects at least a matching pattern as arguments.");
        }
        ExpectOptionsParser options = new ExpectOptionsParser(line, proxy);
        boolean negated = false;
        boolean afterBang = false;
        HttpCheckExpect.Match match = null;
        String pattern = null;
        Optional<LogFormat> format = Optional.empty();
        Optional<HttpCheckExpect.HeaderPattern> header = Optional.empty();
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
                throw new ConfigException("'http-check expect' : [!] not supported with '" + word + "'.");
            }
            afterBang = false;
            if (options.takes(word)) {
                i = options.parse(i);
                continue;
            }
            if (match != null && List.of("status", "rstatus", "string", "rstring", "string-lf", "hdr", "fhdr")
                    .contains(word)) {
                throw new ConfigException("'http-check expect' : only one pattern expected.");
            }
            switch (word) {
                case "status", "rstatus", "string", "rstring" -> {
                    pattern = value(line, ++i, word);
                    match = HttpCheckExpect.Match.valueOf(word.toUpperCase(java.util.Locale.ROOT));
                    validate(match, pattern);
                }
                case "string-lf" -> {
                    // Made at each check (configuration.txt §4, "http-check expect"); 3.5 has no status-lf here.
                    pattern = value(line, ++i, word);
                    match = HttpCheckExpect.Match.STRING;
                    format = Optional.of(new ProxyRuleCompiler(line, proxy).logFormat(pattern, LogFormat.Mode.TEXT));
                }
                case "hdr", "fhdr" -> {
                    match = word.equals("hdr") ? HttpCheckExpect.Match.HDR : HttpCheckExpect.Match.FHDR;
                    HeaderPatternParser parsed = new HeaderPatternParser(line, proxy, word, i);
                    header = Optional.of(parsed.pattern());
                    pattern = parsed.pattern().name();
                    i = parsed.last();
                }
                case "binary", "rbinary", "binary-lf" -> throw new ConfigException("'http-check expect' : '" + word
                        + "' is not supported for http-check.");
                default -> throw new ConfigException("'http-check expect' : unknown keyword '" + word + "', expects "
                        + "'status', 'rstatus', 'string', 'rstring', 'string-lf', 'hdr' or 'fhdr' (with '!' to negate).");
            }
        }
        if (match == null) {
            throw new ConfigException("'http-check expect' : expects a match ('status', 'rstatus', 'string', "
                    + "'rstring', 'string-lf', 'hdr', 'fhdr') and its pattern.");
        }
        return new HttpCheckExpect(match, negated, pattern, format, header, options.options());
    }

    private static void validate(HttpCheckExpect.Match match, String pattern) throws ConfigException {
        switch (match) {
            case STATUS -> {
                for (String part : pattern.split(",", -1)) {
                    if (!part.matches("[0-9]{1,3}(-[0-9]{1,3})?")) {
                        throw new ConfigException("'http-check expect status' : invalid status code or range '"
                                + part + "'.");
                    }
                }
            }
            case RSTATUS, RSTRING -> {
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw new ConfigException("'http-check expect " + match.keyword() + "' : invalid regex '"
                            + pattern + "' : " + e.getDescription() + ".");
                }
            }
            case STRING -> { }
        }
    }

    private static String value(KeywordContext line, int index, String word) throws ConfigException {
        if (index > line.argCount() || line.arg(index).isEmpty()) {
            throw new ConfigException("'" + line.keyword() + " " + line.arg(1) + "' : '" + word
                    + "' expects an argument.");
        }
        return line.arg(index);
    }

    /** Values Shuttle sends as they are: a log-format string ({@code %[...]}) is refused. */
    private static String plain(String text, String where) throws ConfigException {
        if (text.contains("%")) {
            throw new ConfigException("'" + where + "' : log-format values are not supported by Shuttle yet in "
                    + "health checks ('" + text + "').");
        }
        return text;
    }
}
