package dev.shuttle.sample;

/**
 * A sample expression or one of its arguments is wrong; the message is HAProxy's, e.g.
 * {@code unknown fetch method 'foo'}, ready to follow {@code failed to parse sample expression <...> : }.
 */
public final class SampleCompileException extends Exception {
    public SampleCompileException(String message) {
        super(message);
    }
}
