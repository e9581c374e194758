package dev.shuttle.h1;

/**
 * Parses the line that opens each chunk of a chunked body (RFC 9112 §7.1), and checks the line
 * ending that closes each chunk's data.
 *
 * <pre>
 *   chunk      = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
 *   chunk-size = 1*HEXDIG
 *   chunk-ext  = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
 * </pre>
 */
public final class ChunkSizeLine {
    /**
     * HAProxy refuses chunk sizes of 2^52 and more (13 hex digits of ffff... pass, 14 do not).
     * Leading zeros do not count.
     */
    public static final long MAX_CHUNK_SIZE = (1L << 52) - 1;

    private ChunkSizeLine() {}

    /** As {@link #parse(byte[], int, int, int)} for a request body (errors are 400). */
    public static long parse(byte[] line, int off, int len) throws H1ParseException {
        return parse(line, off, len, 400);
    }

    /**
     * Parses a chunk-size line given without its line ending (CRLF or, as HAProxy accepts, LF).
     * Extensions are skipped: HAProxy accepts any byte in them but CR and LF (even controls), and
     * whitespace (BWS) between the size and ';' or the end of the line. A size with a sign, a
     * {@code 0x} prefix, leading whitespace or nothing at all is refused.
     *
     * @param errorStatus 400 for a request body, 502 for a response body
     * @return the chunk size; 0 announces the last chunk
     */
    public static long parse(byte[] line, int off, int len, int errorStatus) throws H1ParseException {
        int end = off + len;
        int i = off;
        long size = 0;
        while (i < end && Character.digit(line[i], 16) >= 0) {
            size = (size << 4) | Character.digit(line[i], 16);
            if (size > MAX_CHUNK_SIZE) {
                throw new H1ParseException(errorStatus, "chunk size too large", i);
            }
            i++;
        }
        if (i == off) {
            throw new H1ParseException(errorStatus, "invalid chunk size", i);
        }
        while (i < end && H1Syntax.isWhitespace(line[i])) {
            i++;
        }
        if (i < end && line[i] != ';') {
            throw new H1ParseException(errorStatus, "invalid chunk size", i);
        }
        for (; i < end; i++) {
            if (line[i] == H1Syntax.CR || line[i] == H1Syntax.LF) {
                throw new H1ParseException(errorStatus, "bare CR or LF in chunk extension", i);
            }
        }
        return size;
    }

    /**
     * The length of the line ending after a chunk's data at {@code buf[off]}: 2 for CRLF, 1 for a
     * bare LF (accepted by HAProxy), or -1 if fewer bytes than needed are available.
     */
    public static int dataEndLength(byte[] buf, int off, int available, int errorStatus) throws H1ParseException {
        if (available < 1) {
            return -1;
        }
        if (buf[off] == H1Syntax.LF) {
            return 1;
        }
        if (buf[off] != H1Syntax.CR) {
            throw new H1ParseException(errorStatus, "missing CRLF after chunk data", off);
        }
        if (available < 2) {
            return -1;
        }
        if (buf[off + 1] != H1Syntax.LF) {
            throw new H1ParseException(errorStatus, "missing CRLF after chunk data", off + 1);
        }
        return 2;
    }
}
