package dev.shuttle.lang;

/**
 * A configuration statement that cannot be accepted.
 *
 * <p>Keyword parsers throw it with the bare reason (HAProxy's wording where it has one); the loader
 * adds the {@code parsing [file:line] :} prefix and carries on with the next line, so that one run
 * of {@code -c} reports every error in the file, as HAProxy does.
 */
public class ConfigException extends Exception {
    /** How the loader writes the line's place before the reason: HAProxy writes a few without the space. */
    public enum Place {
        /** {@code parsing [file:line] : reason}: most of HAProxy's alerts. */
        SPACED,
        /** {@code parsing [file:line]: reason}: a few of HAProxy's, e.g. a refused {@code no} in {@code global}. */
        TIGHT,
        /**
         * {@code [file:line] : reason}, without "parsing": what HAProxy 3.5 prints for a {@code server},
         * {@code default-server} or {@code server-template} line, whose parser names the line itself.
         */
        CONTEXT
    }

    private final Place place;

    public ConfigException(String message) {
        this(message, Place.SPACED);
    }

    public ConfigException(String message, Place place) {
        super(message);
        this.place = place;
    }

    /** How the line's place goes before the reason. */
    public Place place() {
        return place;
    }
}
