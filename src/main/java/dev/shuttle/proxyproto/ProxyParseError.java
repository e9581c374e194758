package dev.shuttle.proxyproto;

/**
 * Why a PROXY header was refused, as HAProxy's connection error codes name it (configuration.txt,
 * "fc_err_str": the {@code PRX_*} codes). The codec raises the four that bytes alone can cause; the
 * receiving stage adds the three that come from the socket ({@link Code#PRX_EMPTY}, {@link
 * Code#PRX_ABORT}, {@link Code#PRX_TIMEOUT}).
 */
public final class ProxyParseError extends Exception {
    /** The {@code PRX_*} connection error codes. */
    public enum Code {
        /** The client closed before sending any byte. */
        PRX_EMPTY,
        /** The connection broke (reset) while the header was awaited. */
        PRX_ABORT,
        /** {@code timeout client} passed before a whole header arrived. */
        PRX_TIMEOUT,
        /** The header cannot be whole: the client closed in its middle, or it is larger than the receiver's buffer. */
        PRX_TRUNCATED,
        /** The bytes do not start with a PROXY signature of a known version. */
        PRX_NOT_HDR,
        /** A PROXY signature followed by something the spec or the receiver's limits do not allow. */
        PRX_BAD_HDR,
        /** A version 1 line with a protocol other than TCP4, TCP6 or UNKNOWN. */
        PRX_BAD_PROTO
    }

    private final Code code;

    public ProxyParseError(Code code, String reason) {
        super(code + ": " + reason, null, false, false);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
