package dev.shuttle.http;

/**
 * Whether the connections of an HTTP exchange outlive it: the decisions an exchange takes from what
 * the client asked, what the configuration says ({@code option httpclose}, {@code
 * http-server-close}...), what the response allows and how the request body's upload ended. Pure
 * functions; {@link ConnectionPersistence} then says how an HTTP/1 message announces the outcome.
 */
public final class KeepAlive {
    private KeepAlive() {}

    /**
     * Before a forwarded response goes out: whether the client connection closes after it.
     *
     * @param closeMode          the frontend's mode closes every client connection ({@code option httpclose})
     * @param clientAsksClose    the client said its connection ends after this exchange
     * @param ambiguousFraming   the request body's framing was ambiguous: nothing is reused after it
     * @param responseNeedsClose the response's body can reach this client only delimited by the close
     */
    public static boolean clientCloses(boolean closeMode, boolean clientAsksClose, boolean ambiguousFraming,
                                       boolean responseNeedsClose) {
        return closeMode || clientAsksClose || ambiguousFraming || responseNeedsClose;
    }

    /**
     * After a forwarded response: whether the server connection may serve another exchange. Not when
     * the request body's upload did not complete (the server did not read all of it), when the
     * exchange closes it anyway ({@code http-server-close}, {@code httpclose}, an ambiguous framing),
     * or when the response said or implied that the server closes.
     */
    public static boolean serverReusable(boolean uploadComplete, boolean closeServerAfter, boolean serverMayPersist) {
        return uploadComplete && !closeServerAfter && serverMayPersist;
    }

    /** After a forwarded response: whether the client connection carries another exchange (its body was read whole). */
    public static boolean clientPersists(boolean clientCloses, boolean uploadComplete) {
        return !clientCloses && uploadComplete;
    }

    /**
     * After a reply the proxy made itself ({@code deny}, {@code return}, an error page): whether the
     * client connection carries another exchange. Not when part of the request body was left unread
     * (it would be taken for the next request), when the reply closes, or when the client or the
     * mode asks for a close.
     */
    public static boolean persistsAfterReply(boolean bodyLeftUnread, boolean replyCloses, boolean clientAsksClose,
                                             boolean closeMode) {
        return !bodyLeftUnread && !replyCloses && !clientAsksClose && !closeMode;
    }
}
