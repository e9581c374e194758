package dev.shuttle.tls;

/**
 * The OpenSSL errors HAProxy reports for the handshake failures Shuttle can tell apart, so that
 * {@code ssl_fc_err}, {@code ssl_fc_err_str} and the error log line read as HAProxy's do: the code
 * is OpenSSL 3's packed error ({@code ERR_LIB_SSL} = 20 in the top bits, then the reason), the text
 * its reason string. What JSSE reports in other words falls back to {@link #HANDSHAKE_FAILURE}.
 */
public enum OpenSslError {
    HTTP_REQUEST(156, "http request"),
    HTTPS_PROXY_REQUEST(155, "https proxy request"),
    WRONG_VERSION_NUMBER(267, "wrong version number"),
    UNSUPPORTED_PROTOCOL(258, "unsupported protocol"),
    UNEXPECTED_RECORD(245, "unexpected record"),
    UNEXPECTED_MESSAGE(244, "unexpected message"),
    BAD_CLIENT_HELLO(159, "bad packet length"),
    NO_SHARED_CIPHER(193, "no shared cipher"),
    NO_SUITABLE_SIGNATURE_ALGORITHM(376, "no suitable signature algorithm"),
    PEER_DID_NOT_RETURN_A_CERTIFICATE(199, "peer did not return a certificate"),
    CERTIFICATE_VERIFY_FAILED(134, "certificate verify failed"),
    NO_APPLICATION_PROTOCOL(235, "no application protocol"),
    UNRECOGNIZED_NAME(1112, "tlsv1 unrecognized name"),
    UNEXPECTED_EOF(294, "unexpected eof while reading"),
    ALERT_BAD_CERTIFICATE(1042, "sslv3 alert bad certificate"),
    ALERT_UNKNOWN_CA(1048, "tlsv1 alert unknown ca"),
    ALERT_HANDSHAKE_FAILURE(1040, "sslv3 alert handshake failure"),
    ALERT_PROTOCOL_VERSION(1070, "tlsv1 alert protocol version"),
    ALERT_CERTIFICATE_REQUIRED(1116, "tlsv13 alert certificate required"),
    ALERT_DECRYPT_ERROR(1051, "tlsv1 alert decrypt error"),
    ALERT_INTERNAL_ERROR(1080, "tlsv1 alert internal error"),
    HANDSHAKE_FAILURE(1040, "sslv3 alert handshake failure");

    /** OpenSSL's library number of its SSL routines, shifted as ERR_PACK does (OpenSSL 3). */
    private static final int LIB_SSL = 20 << 23;

    private final int reason;
    private final String text;

    OpenSslError(int reason, String text) {
        this.reason = reason;
        this.text = text;
    }

    /** The packed error code, as {@code ssl_fc_err} returns it (0x0A00010B for "wrong version number"). */
    public int code() {
        return LIB_SSL | reason;
    }

    /** The reason string, as {@code ssl_fc_err_str} returns it. */
    public String text() {
        return text;
    }

    /** The parenthesised detail of HAProxy's error log line: {@code error:0A00010B:SSL routines::wrong version number}. */
    public String detail() {
        return String.format("error:%08X:SSL routines::%s", code(), text);
    }
}
