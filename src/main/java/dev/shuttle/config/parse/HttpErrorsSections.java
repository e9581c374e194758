package dev.shuttle.config.parse;

import dev.shuttle.http.ErrorResponse;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The {@code http-errors <name>} sections of one configuration load (configuration.txt §3.8): named
 * sets of {@code errorfile} lines that proxies import with {@code errorfiles}.
 *
 * <p>One registry belongs to each {@link LoadState}; it is found from the state with {@link #of}
 * so that the section reader and the {@code errorfiles} keyword share it.
 */
final class HttpErrorsSections {
    private static final Map<LoadState, HttpErrorsSections> BY_LOAD = Collections.synchronizedMap(new WeakHashMap<>());

    /** One {@code http-errors} section: its messages by status, in the order given. */
    static final class Section {
        final String name;
        final SourceLocation where;
        final Map<Integer, ErrorResponse> messages = new LinkedHashMap<>();

        Section(String name, SourceLocation where) {
            this.name = name;
            this.where = where;
        }

        /** Parses one line of the section: only {@code errorfile <code> <file>} belongs here. */
        void parse(List<String> words, LoadState state) throws ConfigException {
            if (!words.getFirst().equals("errorfile")) {
                throw new ConfigException("unknown keyword '" + words.getFirst() + "' in 'http-errors' section");
            }
            if (words.size() < 3 || words.get(1).isEmpty() || words.get(2).isEmpty()) {
                throw new ConfigException("errorfile: expects <status_code> and <file> as arguments.");
            }
            int status = ErrorFileLoader.handledStatus("errorfile", words.get(1));
            messages.put(status, ErrorFileLoader.errorFile("errorfile", status, words.get(2), state));
        }
    }

    private final Map<String, Section> sections = new LinkedHashMap<>();

    static HttpErrorsSections of(LoadState state) {
        return BY_LOAD.computeIfAbsent(state, s -> new HttpErrorsSections());
    }

    /**
     * Opens {@code http-errors <name>}: returns the new section, or empty when the header was refused
     * (its alert already printed), in which case the section's lines are to be skipped.
     */
    Optional<Section> open(List<String> words, SourceLocation where, Diagnostics diagnostics) {
        String name = words.size() > 1 ? words.get(1) : "";
        if (name.isEmpty()) {
            diagnostics.alert(where, "missing name for http-errors section.");
            return Optional.empty();
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c < 128 && Character.isLetterOrDigit(c)) || c == '-' || c == '_' || c == '.' || c == ':')) {
                diagnostics.alert(where, "character '" + c + "' is not permitted in 'http-errors' name '" + name + "'.");
                return Optional.empty();
            }
        }
        Section existing = sections.get(name);
        if (existing != null) {
            // HAProxy's layout for this one has no blank before the colon.
            diagnostics.emit(Diagnostics.Level.ALERT, "config : parsing [" + where + "]: http-errors section '" + name
                    + "' already exists (declared at " + existing.where + ").");
            return Optional.empty();
        }
        Section section = new Section(name, where);
        sections.put(name, section);
        return Optional.of(section);
    }

    Optional<Section> find(String name) {
        return Optional.ofNullable(sections.get(name));
    }
}
