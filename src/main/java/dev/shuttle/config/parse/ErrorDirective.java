package dev.shuttle.config.parse;

import dev.shuttle.http.ErrorResponse;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.rules.ReplyTemplate;
import java.util.List;

/**
 * One line that changes a proxy's error messages, kept in file order (defaults' first) and applied
 * in that order when the proxy is frozen, so that a later line overrides an earlier one whatever
 * its kind. {@code errorfiles} must wait until then, since its {@code http-errors} section may be
 * declared further down.
 */
sealed interface ErrorDirective {
    /**
     * {@code errorfile}, {@code errorloc*}, {@code http-error} with a message: use it for {@code
     * status}; {@code template}, when not null, makes it anew for each exchange (log-format values).
     */
    record Message(int status, ErrorResponse response, ReplyTemplate template) implements ErrorDirective {
        Message(int status, ErrorResponse response) {
            this(status, response, null);
        }
    }

    /** {@code http-error status <code> default-errorfiles}: forget the custom message for {@code status}. */
    record Reset(int status) implements ErrorDirective {}

    /**
     * {@code errorfiles <section> [<code>...]} (every code when {@code statuses} is empty), or
     * {@code http-error status <code> errorfiles <section>} ({@code quiet}: a status the section
     * lacks is no news, the proxy's own message stays).
     */
    record Import(String section, List<Integer> statuses, boolean quiet, SourceLocation where,
                  HttpErrorsSections sections) implements ErrorDirective {
        public Import {
            statuses = List.copyOf(statuses);
        }
    }
}
