package dev.shuttle.net;

/**
 * An address from a {@code bind} or {@code server} line that cannot be used.
 *
 * <p>The message is the bare reason in HAProxy's wording where HAProxy has one (for example
 * {@code invalid address: '1.2.3.4.5' in '1.2.3.4.5:80'}); the configuration loader adds the
 * {@code parsing [file:line] : 'bind' :} prefix.
 */
public final class AddressException extends Exception {
    public AddressException(String message) {
        super(message);
    }
}
