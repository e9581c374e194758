package dev.shuttle.lang;

/**
 * A configuration statement that cannot be accepted.
 *
 * <p>Keyword parsers throw it with the bare reason (HAProxy's wording where it has one); the loader
 * adds the {@code parsing [file:line] :} prefix and carries on with the next line, so that one run
 * of {@code -c} reports every error in the file, as HAProxy does.
 */
public class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
