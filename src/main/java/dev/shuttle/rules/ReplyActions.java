package dev.shuttle.rules;

import dev.shuttle.http.ErrorFileException;
import dev.shuttle.http.BuiltinErrors;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.http.HeaderList;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.SampleContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The final actions that answer in the proxy's name (configuration.txt §4.3): {@code return},
 * {@code deny}, {@code tarpit}, {@code auth}, {@code allow}.
 */
final class ReplyActions {
    private ReplyActions() {}

    static void register(ActionRegistry registry) {
        registry.register("allow", (words, compiler) -> {
            Words.expectCount(words, 0, "no argument");
            return context -> Verdict.STOP;
        }, RuleKind.HTTP_REQUEST, RuleKind.HTTP_RESPONSE, RuleKind.HTTP_AFTER_RESPONSE);
        registry.register(RuleKind.HTTP_REQUEST, "return", (words, compiler) -> reply(words, compiler, 200, false));
        registry.register(RuleKind.HTTP_RESPONSE, "return", (words, compiler) -> reply(words, compiler, 200, false));
        registry.register(RuleKind.HTTP_REQUEST, "deny", (words, compiler) -> reply(words, compiler, 403, true));
        registry.register(RuleKind.HTTP_RESPONSE, "deny", (words, compiler) -> reply(words, compiler, 502, true));
        registry.register(RuleKind.HTTP_REQUEST, "tarpit", ReplyActions::tarpit);
        registry.register(RuleKind.HTTP_REQUEST, "auth", ReplyActions::auth);
    }

    /**
     * {@code return|deny [status|deny_status <code>] [content-type <type>] [default-errorfiles |
     * errorfile <file> | errorfiles <name> | string <str> | lf-string <fmt> | file <file> | lf-file <file>]
     * [hdr <name> <fmt>]*}.
     * Without a payload, {@code deny} answers with the proxy's error page and {@code return} with
     * an empty body.
     */
    private static Action reply(List<String> words, RuleCompiler compiler, int defaultStatus, boolean deny)
            throws ConfigException {
        String keyword = words.getFirst();
        int status = defaultStatus;
        String contentType = null;
        Payload payload = null;
        String httpErrors = null;
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String option = words.get(i);
            String value = i + 1 < words.size() ? words.get(i + 1) : null;
            switch (option) {
                case "status", "deny_status" -> status = Words.status(require(keyword, option, value), keyword);
                case "content-type" -> contentType = require(keyword, option, value);
                case "default-errorfiles" -> {
                    payload = new Payload.ErrorPage();
                    continue;
                }
                case "errorfile" -> payload = new Payload.Fixed(errorFile(compiler, require(keyword, option, value), keyword));
                case "errorfiles" -> {
                    httpErrors = require(keyword, option, value);
                    payload = null;
                }
                case "string" -> payload = new Payload.Text(LogFormat.compile(require(keyword, option, value).replace("%", "%%"),
                        compiler::expression, LogFormat.Mode.TEXT));
                case "lf-string" -> payload = new Payload.Text(compiler.logFormat(require(keyword, option, value), LogFormat.Mode.TEXT));
                case "file" -> payload = new Payload.Text(LogFormat.compile(readFile(compiler, require(keyword, option, value),
                        keyword).replace("%", "%%"), compiler::expression, LogFormat.Mode.TEXT));
                case "lf-file" -> payload = new Payload.Text(compiler.logFormat(readFile(compiler,
                        require(keyword, option, value), keyword), LogFormat.Mode.TEXT));
                case "hdr" -> {
                    if (i + 2 >= words.size()) {
                        throw new ConfigException("'" + keyword + "' : 'hdr' expects <name> and <fmt> arguments.");
                    }
                    headers.add(new String[] {words.get(i + 1), words.get(i + 2)});
                    i += 2;
                    continue;
                }
                default -> throw new ConfigException("'" + keyword + "' : unknown keyword '" + option
                        + "' (expects 'status', 'content-type', 'string', 'lf-string', 'file', 'lf-file', 'errorfile', "
                        + "'errorfiles', 'default-errorfiles' or 'hdr').");
            }
            i++;
        }
        if (httpErrors != null && payload == null) {
            payload = new Payload.Section(compiler.httpErrorsMessage(httpErrors, status));
        }
        if (payload instanceof Payload.Text && contentType == null) {
            throw new ConfigException("'" + keyword + "' : a content type must be defined when non-empty payload "
                    + "is configured.");
        }
        checkStatus(status, payload == null ? deny : payload instanceof Payload.ErrorPage);
        return build(status, contentType, payload, compileHeaders(headers, compiler), deny);
    }

    /**
     * HAProxy 3.x's checks of a reply's status (http_htx.c, http_parse_http_reply): one from 200 to 599,
     * and one HAProxy has a page for when the reply is that page ({@code deny} and {@code tarpit}
     * without a payload, {@code default-errorfiles}).
     */
    private static void checkStatus(int status, boolean defaultErrorPage) throws RuleArgumentException {
        if (status < 200 || status > 599) {
            throw new RuleArgumentException("Unexpected status code '" + status + "'");
        }
        if (defaultErrorPage && !BuiltinErrors.isHandled(status)) {
            throw new RuleArgumentException("status code '" + status
                    + "' not handled by default with 'default-errorfiles' argument.");
        }
    }

    private static Action build(int status, String contentType, Payload payload, List<CompiledHeader> headers,
                                boolean deny) {
        return switch (payload) {
            case null -> deny && headers.isEmpty()
                    ? context -> new Verdict.Respond(status, Optional.empty(), null, 0, true)
                    : context -> new Verdict.Respond(status, Optional.of(ErrorResponse.composed(status, contentType,
                            renderHeaders(status, headers, context), new byte[0])), null, 0, deny);
            case Payload.ErrorPage page -> context -> new Verdict.Respond(status, Optional.empty(), null, 0, deny);
            case Payload.Fixed fixed -> context -> new Verdict.Respond(status, Optional.of(fixed.message()), null, 0,
                    deny);
            // A status the section lacks gets the empty reply of a bare "return" (haproxy 2.6 does so, with a warning).
            case Payload.Section section -> context -> new Verdict.Respond(status, Optional.of(section.message().get()
                    .orElseGet(() -> ErrorResponse.composed(status, null, List.of(), new byte[0]))), null, 0, deny);
            case Payload.Text text -> context -> new Verdict.Respond(status, Optional.of(ErrorResponse.composed(status,
                    contentType, renderHeaders(status, headers, context),
                    text.body().render(context).getBytes(StandardCharsets.ISO_8859_1))), null, 0, deny);
        };
    }

    /** What a reply sends as its body. */
    private sealed interface Payload {
        record ErrorPage() implements Payload {}

        record Fixed(ErrorResponse message) implements Payload {}

        /** {@code errorfiles <name>}: the message of an http-errors section, known once loading ends. */
        record Section(Supplier<Optional<ErrorResponse>> message) implements Payload {}

        record Text(LogFormat body) implements Payload {}
    }

    private record CompiledHeader(String name, LogFormat value) {}

    private static List<CompiledHeader> compileHeaders(List<String[]> headers, RuleCompiler compiler)
            throws ConfigException {
        List<CompiledHeader> compiled = new ArrayList<>();
        for (String[] header : headers) {
            compiled.add(new CompiledHeader(header[0], compiler.logFormat(header[1])));
        }
        return compiled;
    }

    /** The reply's header values; from here on its log-format values see {@code %ST} as {@code status}. */
    private static List<HeaderList.Field> renderHeaders(int status, List<CompiledHeader> headers,
                                                        SampleContext context) {
        context.replyStatus(status);
        List<HeaderList.Field> fields = new ArrayList<>(headers.size());
        for (CompiledHeader header : headers) {
            fields.add(new HeaderList.Field(header.name(), header.value().render(context)));
        }
        return fields;
    }

    /** {@code tarpit [deny_status <code>]}: hold the connection for {@code timeout tarpit}, then answer (500 by default). */
    private static Action tarpit(List<String> words, RuleCompiler compiler) throws ConfigException {
        int status = 500;
        if (words.size() == 3 && words.get(1).equals("deny_status")) {
            status = Words.status(words.get(2), "tarpit");
        } else if (words.size() != 1) {
            throw new ConfigException("'tarpit' only accepts 'deny_status <code>'.");
        }
        checkStatus(status, true);
        int code = status;
        return context -> new Verdict.Respond(code, Optional.empty(), null, Verdict.Respond.TARPIT_TIMEOUT, true);
    }

    /** {@code auth [realm <realm>]}: 401 with {@code www-authenticate: Basic realm="..."} (the proxy's name by default). */
    private static Action auth(List<String> words, RuleCompiler compiler) throws ConfigException {
        String realm = null;
        if (words.size() == 2 && words.get(1).equals("realm")) {
            throw new RuleArgumentException("missing realm value"); // http_act.c's text
        }
        if (words.size() == 3 && words.get(1).equals("realm")) {
            realm = words.get(2);
        } else if (words.size() != 1) {
            throw new ConfigException("'auth' only accepts 'realm <realm>'.");
        }
        String fixedRealm = realm;
        // http_act.c: the 401 aborts the request (logged PR) without counting as a denied request.
        return context -> new Verdict.Respond(401, Optional.empty(), new String[] {"www-authenticate",
                "Basic realm=\"" + (fixedRealm != null ? fixedRealm : context.frontend().name()) + "\""}, 0, false,
                false);
    }

    private static String require(String keyword, String option, String value) throws ConfigException {
        if (value == null) {
            throw new ConfigException("'" + keyword + "' : missing argument after '" + option + "'.");
        }
        return value;
    }

    private static String readFile(RuleCompiler compiler, String path, String keyword) throws ConfigException {
        try {
            byte[] bytes = Files.readAllBytes(compiler.resolve(path));
            if (bytes.length > compiler.bufferSize()) {
                throw new ConfigException("'" + keyword + "' : file '" + path + "' exceeds the buffer size ("
                        + bytes.length + " > " + compiler.bufferSize() + ").");
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigException("'" + keyword + "' : failed to open file '" + path + "'.");
        }
    }

    private static ErrorResponse errorFile(RuleCompiler compiler, String path, String keyword) throws ConfigException {
        try {
            return ErrorResponse.parse(Files.readAllBytes(compiler.resolve(path)), compiler.bufferSize());
        } catch (IOException e) {
            throw new ConfigException("'" + keyword + "' : failed to open file '" + path + "'.");
        } catch (ErrorFileException e) {
            throw new ConfigException("'" + keyword + "' : " + e.getMessage());
        }
    }
}
