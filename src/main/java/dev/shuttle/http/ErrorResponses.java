package dev.shuttle.http;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The error messages of one proxy, resolved from its {@code errorfile}, {@code errorfiles},
 * {@code errorloc*} and {@code http-error} lines and what it inherited from its defaults section.
 * Immutable.
 *
 * <p>An exchange answers with its backend's custom message if it has one, else its frontend's, else
 * the built-in page ({@link #custom} serves that chain; {@link #forStatus} is one proxy's own view).
 */
public final class ErrorResponses {
    /** A proxy without any custom message. */
    public static final ErrorResponses BUILTIN = new ErrorResponses(Map.of());

    private final Map<Integer, ErrorResponse> custom;

    public ErrorResponses(Map<Integer, ErrorResponse> custom) {
        this.custom = Map.copyOf(custom);
    }

    /** This proxy's message for {@code status}: its own, else the built-in page. */
    public ErrorResponse forStatus(int status) {
        ErrorResponse own = custom.get(status);
        return own != null ? own : BuiltinErrors.forStatus(status);
    }

    /** The custom message this proxy defines for {@code status}, if any. */
    public Optional<ErrorResponse> custom(int status) {
        return Optional.ofNullable(custom.get(status));
    }

    /**
     * What the H1 connection sends when it must answer {@code status} (400, 408, 500) before any
     * exchange exists. haproxy 2.6 then sends the built-in page's bytes verbatim even when the
     * proxy has an {@code errorfile} for that status, except that an empty one (say
     * {@code errorfile 408 /dev/null}) makes it send nothing: an empty array here.
     */
    public byte[] connectionLevelBytes(int status) {
        ErrorResponse own = custom.get(status);
        return own != null && own.isEmpty() ? new byte[0] : BuiltinErrors.forStatus(status).sourceBytes();
    }

    /** The statuses with a custom message, in order. */
    public Set<Integer> customStatuses() {
        return new TreeSet<>(custom.keySet());
    }

    @Override
    public String toString() {
        return "ErrorResponses" + new TreeMap<>(custom);
    }
}
