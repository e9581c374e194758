package dev.shuttle.pattern;

/**
 * An ACL, pattern, map file or condition that cannot be accepted. The message is HAProxy's bare
 * reason without its final period (e.g. {@code 'foo' is not a number}); the caller adds where it
 * happened and the period, as HAProxy prints it:
 * {@code error detected while parsing ACL 'x' : 'foo' is not a number.}
 */
public final class AclException extends Exception {
    public AclException(String message) {
        super(message);
    }
}
