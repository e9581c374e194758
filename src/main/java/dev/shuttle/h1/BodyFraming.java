package dev.shuttle.h1;

/**
 * How the body of a message is delimited on the wire (RFC 9112 §6.3): decided once from the head,
 * then used by whoever reads or writes the body.
 */
public sealed interface BodyFraming {
    /** No body at all: a request without length, HEAD/204/304/1xx responses. */
    record None() implements BodyFraming {}

    /** Exactly {@code length} bytes ({@code Content-Length}). */
    record Length(long length) implements BodyFraming {}

    /** {@code Transfer-Encoding: chunked}: chunks, a last chunk, optional trailers. */
    record Chunked() implements BodyFraming {}

    /** A response body that ends when the server closes the connection. */
    record UntilClose() implements BodyFraming {}

    /** After a 101 or a successful CONNECT: no more HTTP, bytes both ways until a close. */
    record Tunnel() implements BodyFraming {}

    BodyFraming NONE = new None();
    BodyFraming CHUNKED = new Chunked();
    BodyFraming UNTIL_CLOSE = new UntilClose();
    BodyFraming TUNNEL = new Tunnel();

    /** Whether any payload byte follows the head. */
    default boolean hasBody() {
        return !(this instanceof None) && !(this instanceof Length length && length.length() == 0);
    }
}
