package dev.shuttle.h1;

import dev.shuttle.http.ConnectionPersistence;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An {@link ErrorResponse} as HTTP/1 bytes within an exchange, the way haproxy 2.6 writes it,
 * observed on the wire: header names are lower-cased, the {@code close}/{@code keep-alive} tokens
 * of the message's own {@code Connection} header are taken out (the header stays if other tokens
 * remain), and the connection layer appends its own {@code connection:} header last, from the
 * message (a {@code close} token, or a body without {@code Content-Length}) and from what the
 * client asked. The status line says {@code HTTP/1.0} when the source did, else {@code HTTP/1.1}.
 *
 * <p>Before an exchange exists (a request head that cannot be parsed, a {@code timeout
 * http-request}), the connection writes the built-in page's {@link ErrorResponse#sourceBytes()} as
 * they are instead, capitals and {@code Connection: close} included (see
 * {@code ErrorResponses.connectionLevelBytes}). Pure functions.
 */
public final class H1ErrorPages {
    private static final byte[] CRLF = {'\r', '\n'};

    /** What the request said about its connection; the connection layer answers accordingly. */
    public enum ClientConnection {
        /** HTTP/1.1 without {@code Connection: close}: persistent unless the message closes. */
        HTTP11_KEEP_ALIVE,
        /** HTTP/1.1 with {@code Connection: close}. */
        HTTP11_CLOSE,
        /** HTTP/1.0 without {@code Connection: keep-alive}. */
        HTTP10_CLOSE,
        /** HTTP/1.0 with {@code Connection: keep-alive}. */
        HTTP10_KEEP_ALIVE;

        /** The client connection of a request in {@code version} that closes after the answer or not. */
        public static ClientConnection of(HttpVersion version, boolean close) {
            if (version == HttpVersion.HTTP_1_1) {
                return close ? HTTP11_CLOSE : HTTP11_KEEP_ALIVE;
            }
            return close ? HTTP10_CLOSE : HTTP10_KEEP_ALIVE;
        }

        boolean wantsClose() {
            return this == HTTP11_CLOSE || this == HTTP10_CLOSE;
        }

        boolean http11() {
            return this == HTTP11_KEEP_ALIVE || this == HTTP11_CLOSE;
        }
    }

    private H1ErrorPages() {}

    /** The bytes sent within an exchange to an HTTP/1.1 client that did not ask to close. */
    public static byte[] bytes(ErrorResponse message) {
        return bytes(message, ClientConnection.HTTP11_KEEP_ALIVE);
    }

    /** The bytes sent within an exchange on an HTTP/1 connection, for what the client asked. */
    public static byte[] bytes(ErrorResponse message, ClientConnection client) {
        if (message.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeLine(out, message.httpVersion().text() + " " + message.status() + " " + message.reason());
        for (HeaderList.Field field : message.headers()) {
            String name = field.name().toLowerCase(Locale.ROOT);
            String value = name.equals("connection") ? withoutPersistenceTokens(field.value()) : field.value();
            if (!value.isEmpty() || !name.equals("connection")) {
                writeLine(out, name + ": " + value);
            }
        }
        String token = connectionToken(message, client);
        if (token != null) {
            writeLine(out, "connection: " + token);
        }
        out.writeBytes(CRLF);
        out.writeBytes(message.body());
        return out.toByteArray();
    }

    /**
     * The {@code connection} header the H1 layer adds: an HTTP/1.1 message says {@code close} when
     * the connection ends and {@code keep-alive} only to an HTTP/1.0 client that asked for it; an
     * HTTP/1.0 message says {@code keep-alive} when the connection persists, nothing otherwise.
     */
    private static String connectionToken(ErrorResponse message, ClientConnection client) {
        boolean close = message.closesConnection() || client.wantsClose();
        return ConnectionPersistence.responseToken(message.httpVersion() == HttpVersion.HTTP_1_1, client.http11(), close);
    }

    private static String withoutPersistenceTokens(String value) {
        return String.join(", ", ConnectionPersistence.otherTokens(value));
    }

    private static void writeLine(ByteArrayOutputStream out, String line) {
        out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(CRLF);
    }
}
