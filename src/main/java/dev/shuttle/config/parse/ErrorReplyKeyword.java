package dev.shuttle.config.parse;

import dev.shuttle.http.BuiltinErrors;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.http.HeaderList;
import dev.shuttle.lang.CNumbers;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.rules.ReplyTemplate;
import dev.shuttle.sample.LogFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code http-error status <code> [content-type <type>] [ default-errorfiles | errorfile <file> |
 * errorfiles <name> | file <file> | lf-file <file> | string <str> | lf-string <fmt> ]
 * [ hdr <name> <fmt> ]*} (configuration.txt §4, "http-error"), with haproxy 2.6's checks, warnings
 * and messages (typos included: "erorrfile").
 *
 * <p>Log-format: {@code lf-string}, {@code lf-file} and {@code hdr} values are log-format
 * strings (§8.2.6), made for each reply ({@link ReplyTemplate}); a reply whose values hold no
 * {@code %} never changes and is made once.
 */
final class ErrorReplyKeyword {
    private static final Set<String> FILE_KINDS = Set.of("errorfile", "errorfiles", "default-errorfiles");
    private static final Set<String> PAYLOAD_KINDS = Set.of("file", "lf-file", "string", "lf-string");
    private static final Set<String> IGNORED_HEADERS = Set.of("content-length", "content-type", "transfer-encoding");

    private final KeywordContext line;
    private final ProxySection proxy;
    /** The body's log-format string ({@code lf-string}, {@code lf-file}), null for none. */
    private String bodyFormat;
    private final List<String[]> headerFormats = new ArrayList<>();
    private int status;
    private String contentType;
    private String kind;
    private ErrorResponse errorFile;
    private String sectionName;
    private byte[] payload = new byte[0];
    private final List<HeaderList.Field> headers = new ArrayList<>();

    private ErrorReplyKeyword(KeywordContext line, ProxySection proxy) {
        this.line = line;
        this.proxy = proxy;
    }

    static void parse(KeywordContext line, ProxySection proxy) throws ConfigException {
        proxy.errorDirectives.add(new ErrorReplyKeyword(line, proxy).parse());
    }

    private ErrorDirective parse() throws ConfigException {
        if (!line.arg(1).equals("status")) {
            throw fail("expects at least a <status> as arguments.\n");
        }
        for (int i = 1; i <= line.argCount(); i++) {
            String word = line.arg(i);
            switch (word) {
                case "status" -> status = parseStatus(value(i++, "<status_code>"));
                case "content-type" -> contentType = value(i++, "<ctype>");
                case "hdr" -> {
                    if (line.arg(i + 1).isEmpty() || line.arg(i + 2).isEmpty()) {
                        throw fail("'hdr' expects <name> and <value> as arguments");
                    }
                    header(line.arg(i + 1), line.arg(i + 2));
                    i += 2;
                }
                case "errorfile", "errorfiles", "default-errorfiles", "file", "lf-file", "string", "lf-string" -> {
                    if (kind != null) {
                        throw fail("unexpected '" + word + "' argument, '" + kind + "' already defined");
                    }
                    kind = word;
                    if (!word.equals("default-errorfiles")) {
                        body(word, value(i++, placeholder(word)));
                    }
                }
                default -> throw fail("unknown keyword '" + word + "'.");
            }
        }
        checkCoherence();
        if (kind != null && PAYLOAD_KINDS.contains(kind)
                && payload.length > line.state().global().bufferSize - line.state().global().maxRewrite) {
            line.warning("http reply payload runs over the buffer space reserved to headers rewriting. It may lead "
                    + "to internal errors if strict rewriting mode is enabled.");
        }
        if (!BuiltinErrors.isHandled(status)) {
            throw new ConfigException("http-error: status code '" + status + "' not handled.");
        }
        return switch (kind == null ? "" : kind) {
            case "errorfile" -> new ErrorDirective.Message(status, errorFile);
            case "errorfiles" -> new ErrorDirective.Import(sectionName, List.of(status), true, line.where(),
                    HttpErrorsSections.of(line.state()));
            case "default-errorfiles" -> new ErrorDirective.Reset(status);
            default -> new ErrorDirective.Message(status, ErrorResponse.composed(status, contentType, headers, payload),
                    template());
        };
    }

    /** The argument after {@code index}; HAProxy treats an empty word as a missing one. */
    private String value(int index, String expected) throws ConfigException {
        String value = line.arg(index + 1);
        if (value.isEmpty()) {
            throw fail("'" + line.arg(index) + "' expects " + expected + " as argument");
        }
        return value;
    }

    /** HAProxy's own placeholder names ({@code errorfile} says {@code <fmt>} in 2.6). */
    private static String placeholder(String kind) {
        return switch (kind) {
            case "file", "lf-file" -> "<file>";
            case "errorfiles" -> "<name>";
            case "string" -> "<str>";
            default -> "<fmt>";
        };
    }

    private int parseStatus(String text) throws ConfigException {
        int code = CNumbers.atoi(text);
        if (code < 200 || code > 599) {
            throw fail("Unexpected status code '" + code + "'");
        }
        return code;
    }

    private void header(String name, String value) throws ConfigException {
        if (IGNORED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            line.warning("header '" + name + "' always ignored by the http reply.");
            return;
        }
        headers.add(new HeaderList.Field(name, value));
        headerFormats.add(new String[] {name, value});
    }

    private void body(String word, String argument) throws ConfigException {
        switch (word) {
            case "errorfile" -> errorFile = ErrorFileLoader.errorFile("http-error", status, argument, line.state());
            case "errorfiles" -> sectionName = argument;
            case "string" -> payload = argument.getBytes(StandardCharsets.ISO_8859_1);
            case "lf-string" -> {
                payload = argument.getBytes(StandardCharsets.ISO_8859_1);
                bodyFormat = argument;
            }
            case "file" -> payload = ErrorFileLoader.payloadFile("http-error", argument, line.state());
            case "lf-file" -> {
                payload = ErrorFileLoader.payloadFile("http-error", argument, line.state());
                bodyFormat = new String(payload, StandardCharsets.ISO_8859_1);
            }
            default -> throw new IllegalArgumentException(word);
        }
    }

    /**
     * The reply made per exchange when a log-format value holds a {@code %} (null otherwise: the
     * static message is the reply): header values in HAProxy's HTTP context, the body as text.
     */
    private ReplyTemplate template() throws ConfigException {
        boolean dynamic = (bodyFormat != null && bodyFormat.indexOf('%') >= 0)
                || headerFormats.stream().anyMatch(header -> header[1].indexOf('%') >= 0);
        if (!dynamic) {
            return null;
        }
        ProxyRuleCompiler compiler = new ProxyRuleCompiler(line, proxy);
        List<ReplyTemplate.Header> compiled = new ArrayList<>();
        for (String[] header : headerFormats) {
            compiled.add(new ReplyTemplate.Header(header[0], compiler.logFormat(header[1])));
        }
        LogFormat body = bodyFormat == null ? null : compiler.logFormat(bodyFormat, LogFormat.Mode.TEXT);
        return new ReplyTemplate(status, contentType, compiled, body);
    }

    /** HAProxy's warnings for arguments the reply will not use, and its one error: a payload without a type. */
    private void checkCoherence() throws ConfigException {
        if (kind != null && FILE_KINDS.contains(kind)) {
            if (contentType != null) {
                line.warning("content-type '" + contentType + "' ignored by the http reply when used with an erorrfile.");
            }
            if (!headers.isEmpty()) {
                line.warning("hdr parameters ignored by the http reply when used with an erorrfile.");
            }
        } else if (kind != null && PAYLOAD_KINDS.contains(kind)) {
            if (payload.length == 0 && contentType != null) {
                line.warning("content-type '" + contentType + "' ignored by the http reply when used with an empty payload.");
                contentType = null;
            } else if (payload.length > 0 && contentType == null) {
                throw fail("a content type must be defined when non-empty payload is configured");
            }
        } else if (contentType != null) {
            line.warning("content-type '" + contentType
                    + "' ignored by the http reply because neither errorfile nor payload defined.");
            contentType = null;
        }
    }

    private static ConfigException fail(String text) {
        return new ConfigException("http-error : " + text);
    }
}
