package dev.shuttle.h2;

/**
 * A violation of RFC 9113, typed by what it ends (§5.4): a <em>connection error</em> is answered
 * with GOAWAY and the connection closes; a <em>stream error</em> is answered with RST_STREAM on that
 * stream and the connection goes on.
 */
public final class H2Exception extends Exception {
    /** What the error ends. */
    public enum Scope { CONNECTION, STREAM }

    private final Scope scope;
    private final H2ErrorCode errorCode;
    private final int streamId;

    private H2Exception(Scope scope, H2ErrorCode errorCode, int streamId, String message) {
        super(message);
        this.scope = scope;
        this.errorCode = errorCode;
        this.streamId = streamId;
    }

    /** An error that ends the connection (§5.4.1). */
    public static H2Exception connection(H2ErrorCode errorCode, String message) {
        return new H2Exception(Scope.CONNECTION, errorCode, 0, message);
    }

    /** An error that ends stream {@code streamId} only (§5.4.2). */
    public static H2Exception stream(int streamId, H2ErrorCode errorCode, String message) {
        return new H2Exception(Scope.STREAM, errorCode, streamId, message);
    }

    public Scope scope() {
        return scope;
    }

    public boolean isConnectionError() {
        return scope == Scope.CONNECTION;
    }

    public H2ErrorCode errorCode() {
        return errorCode;
    }

    /** The stream a stream error ends; 0 for a connection error. */
    public int streamId() {
        return streamId;
    }
}
