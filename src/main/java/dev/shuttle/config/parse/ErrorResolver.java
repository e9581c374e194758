package dev.shuttle.config.parse;

import dev.shuttle.http.ErrorResponse;
import dev.shuttle.http.ErrorResponses;
import dev.shuttle.rules.ReplyTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a proxy's {@link ErrorDirective}s in order, once every {@code http-errors} section is
 * known, into its {@link ErrorResponses}. Reports, as haproxy 2.6 does after parsing, an unknown
 * section (alert) and a status asked from a section that lacks it (warning); a directive inherited
 * from a defaults section is reported for each proxy that uses it, at the defaults' line.
 */
final class ErrorResolver {
    private ErrorResolver() {}

    static ErrorResponses resolve(String proxyName, List<ErrorDirective> directives, Diagnostics diagnostics) {
        if (directives.isEmpty()) {
            return ErrorResponses.BUILTIN;
        }
        Map<Integer, ErrorResponse> messages = new HashMap<>();
        for (ErrorDirective directive : directives) {
            switch (directive) {
                case ErrorDirective.Message message -> messages.put(message.status(), message.response());
                case ErrorDirective.Reset reset -> messages.remove(reset.status());
                case ErrorDirective.Import imported -> importSection(proxyName, imported, messages, diagnostics);
            }
        }
        return new ErrorResponses(messages);
    }

    /**
     * The replies made per exchange ({@code http-error} with log-format values), by status: the
     * directives apply in the same order, and a later static message for a status replaces one.
     */
    static Map<Integer, ReplyTemplate> templates(List<ErrorDirective> directives) {
        Map<Integer, ReplyTemplate> templates = new HashMap<>();
        for (ErrorDirective directive : directives) {
            switch (directive) {
                case ErrorDirective.Message message -> {
                    if (message.template() != null) {
                        templates.put(message.status(), message.template());
                    } else {
                        templates.remove(message.status());
                    }
                }
                case ErrorDirective.Reset reset -> templates.remove(reset.status());
                case ErrorDirective.Import imported -> {
                    if (imported.statuses().isEmpty()) {
                        imported.sections().find(imported.section())
                                .ifPresent(section -> templates.keySet().removeAll(section.messages.keySet()));
                    } else {
                        imported.statuses().forEach(templates::remove);
                    }
                }
            }
        }
        return Map.copyOf(templates);
    }

    private static void importSection(String proxyName, ErrorDirective.Import imported,
                                      Map<Integer, ErrorResponse> messages, Diagnostics diagnostics) {
        HttpErrorsSections.Section section = imported.sections().find(imported.section()).orElse(null);
        if (section == null) {
            diagnostics.emit(Diagnostics.Level.ALERT, "config : proxy '" + proxyName + "': unknown http-errors section '"
                    + imported.section() + "' (at " + imported.where() + ").");
            return;
        }
        if (imported.statuses().isEmpty()) {
            messages.putAll(section.messages);
            return;
        }
        for (int status : imported.statuses()) {
            ErrorResponse message = section.messages.get(status);
            if (message != null) {
                messages.put(status, message);
            } else if (!imported.quiet()) {
                diagnostics.emit(Diagnostics.Level.WARNING, "config : config: proxy '" + proxyName + "' : status '"
                        + status + "' not declared in http-errors section '" + imported.section() + "' (at "
                        + imported.where() + ").");
            }
        }
    }
}
