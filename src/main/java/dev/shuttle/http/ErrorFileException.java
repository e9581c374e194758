package dev.shuttle.http;

/**
 * An error message (an {@code errorfile}, a built-in page) that cannot be used: the text is
 * HAProxy's reason, e.g. {@code unable to parse headers (error offset: 4)}, which the
 * configuration layer prefixes with the keyword and the file name.
 */
public final class ErrorFileException extends Exception {
    public ErrorFileException(String message) {
        super(message);
    }
}
