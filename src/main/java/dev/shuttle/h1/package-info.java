/**
 * The pure HTTP/1.1 codec (HAProxy's h1.c, h1_htx.c): finds where a head ends, parses request
 * and response heads into the protocol-neutral {@code http} model, decides body framing
 * (RFC 9112 §6, {@link dev.shuttle.h1.BodyFraming}), parses chunk-size lines and trailers, and
 * writes the HTTP/1 wire forms back: heads, chunk framing, the {@code Connection} header
 * ({@link dev.shuttle.h1.ConnectionHeader}), error pages as bytes ({@link dev.shuttle.h1.H1ErrorPages}).
 *
 * <p>Used by {@code mux} only (which owns the sockets, reads a whole head into a buffer, then calls
 * in here); {@code stream} never sees it. No I/O besides writing to a caller's {@code OutputStream}:
 * bytes in, records or an {@link dev.shuttle.h1.H1ParseException} out.
 *
 * <p>Where HAProxy (the reference, checked against haproxy 2.6) is more lenient or stricter than
 * RFC 9112, the code follows HAProxy and says so; the verdicts are pinned by the corpus in
 * {@code src/test/resources/h1/}.
 */
package dev.shuttle.h1;
