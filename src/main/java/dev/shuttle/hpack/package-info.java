/**
 * HPACK, the header compression of HTTP/2 (RFC 7541), as a pure codec: a header block's bytes in,
 * a list of {@link dev.shuttle.hpack.HeaderField}s out ({@link dev.shuttle.hpack.HpackDecoder}),
 * and the reverse ({@link dev.shuttle.hpack.HpackEncoder}).
 *
 * <p>On the data path it sits inside an HTTP/2 connection, one decoder and one encoder per
 * connection and direction: the frame layer ({@code dev.shuttle.h2}) gathers a HEADERS frame and
 * its CONTINUATIONs into one block, and the decoder turns it into fields whose pseudo-headers the
 * HTTP layer maps onto a request or response head. The two ends of a connection keep their dynamic
 * tables ({@link dev.shuttle.hpack.DynamicTable}) in step only if every block is decoded in the
 * order it was sent, so a connection decodes its blocks on one thread, one after the other.
 *
 * <p>The pieces, each in its own file: prefixed integers ({@link dev.shuttle.hpack.HpackInteger},
 * §5.1), string literals with the static Huffman code ({@link dev.shuttle.hpack.Huffman}, §5.2 and
 * Appendix B), the static table ({@link dev.shuttle.hpack.StaticTable}, Appendix A) and the dynamic
 * table (§4). Header names and values are kept as ISO-8859-1 strings: one char per octet, so any
 * octet sequence survives the round trip, and a field's size (§4.1) is its two lengths plus 32.
 *
 * <p>HAProxy counterpart: hpack-dec.c, hpack-enc.c, hpack-tbl.c and hpack-huff.c. It imports
 * nothing of Shuttle.
 */
package dev.shuttle.hpack;
