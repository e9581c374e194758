package dev.shuttle.config.parse;

import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.lang.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy keywords that replace HAProxy's built-in error pages (configuration.txt §4):
 * {@code errorfile}, {@code errorfiles}, {@code errorloc}/{@code errorloc302}/{@code errorloc303}
 * and {@code http-error} ({@link ErrorReplyKeyword}). Each appends an {@link ErrorDirective} to the
 * proxy; {@link ErrorResolver} applies them in order. All are allowed in defaults sections and in
 * every proxy, in any mode, as in HAProxy. Messages are haproxy 2.6's, some with their trailing
 * line break.
 */
final class ErrorKeywords {
    private ErrorKeywords() {}

    static void register(KeywordRegistry registry) {
        registry.proxy("errorfile", Need.ANY, true, false, (line, proxy) -> {
            if (line.arg(1).isEmpty() || line.arg(2).isEmpty()) {
                throw new ConfigException("errorfile : expects <status_code> and <file> as arguments.\n");
            }
            int status = ErrorFileLoader.handledStatus("errorfile", line.arg(1));
            ErrorResponse message = ErrorFileLoader.errorFile("errorfile", status, line.arg(2), line.state());
            proxy.errorDirectives.add(new ErrorDirective.Message(status, message));
        });
        registry.proxy("errorfiles", Need.ANY, true, false, (line, proxy) -> {
            if (line.arg(1).isEmpty()) {
                throw new ConfigException("errorfiles : expects <name> as argument.");
            }
            List<Integer> statuses = new ArrayList<>();
            for (int i = 2; i <= line.argCount(); i++) {
                statuses.add(ErrorFileLoader.handledStatus("errorfiles", line.arg(i)));
            }
            proxy.errorDirectives.add(new ErrorDirective.Import(line.arg(1), statuses, false, line.where(),
                    HttpErrorsSections.of(line.state())));
        });
        for (String keyword : List.of("errorloc", "errorloc302", "errorloc303")) {
            int redirect = keyword.equals("errorloc303") ? 303 : 302;
            registry.proxy(keyword, Need.ANY, true, false, (line, proxy) -> {
                if (line.arg(1).isEmpty() || line.arg(2).isEmpty()) {
                    throw new ConfigException(keyword + " : expects <status_code> and <url> as arguments.\n");
                }
                int status = ErrorFileLoader.handledStatus(keyword, line.arg(1));
                proxy.errorDirectives.add(new ErrorDirective.Message(status,
                        ErrorResponse.redirect(redirect, line.arg(2))));
            });
        }
        registry.proxy("http-error", Need.ANY, true, false, ErrorReplyKeyword::parse);
    }
}
