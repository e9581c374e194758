package dev.shuttle.hpack;

/**
 * A header block that cannot be decoded: RFC 7541 §2.3.3 (an index outside both tables), §4.2 (a
 * table size update above the limit or out of place), §5.1 (an integer that overflows), §5.2 (bad
 * Huffman padding or an EOS symbol). HTTP/2 answers every one of them with a connection error of
 * type COMPRESSION_ERROR (RFC 9113 §4.3): the decoder's table can no longer be trusted.
 */
public final class HpackException extends Exception {
    public HpackException(String message) {
        super(message);
    }
}
