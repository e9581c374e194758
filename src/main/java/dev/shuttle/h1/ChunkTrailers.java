package dev.shuttle.h1;

import dev.shuttle.http.HeaderList;

/**
 * Parses the trailer section after the last chunk (RFC 9112 §7.1.2) with the same field rules as
 * a head. HAProxy forwards trailers it would not act on (even Content-Length), so we keep them all.
 */
public final class ChunkTrailers {
    private ChunkTrailers() {}

    /** Fields parsed and where the trailer section ended. */
    public record Trailers(HeaderList fields, int end) {}

    /**
     * Parses {@code buf[off, off + len)}, which starts right after the last-chunk line and must
     * hold the whole section including its final empty line.
     *
     * @param request whether these trail a request (errors 400, request unsafe option) or a response (502)
     */
    public static Trailers parse(byte[] buf, int off, int len, H1Settings settings, boolean request)
            throws H1ParseException {
        boolean unsafe = request ? settings.acceptUnsafeRequest() : settings.acceptUnsafeResponse();
        H1HeaderFields.Block block = H1HeaderFields.parse(buf, off, off + len, unsafe, settings.maxHeaders(),
                request ? 400 : 502);
        return new Trailers(block.fields(), block.end());
    }

    /** Index just past the empty line ending a trailer section starting at {@code off}, or -1 if not there yet. */
    public static int findEnd(byte[] buf, int off, int to) {
        if (off < to && buf[off] == H1Syntax.LF) {
            return off + 1;
        }
        if (off + 1 < to && buf[off] == H1Syntax.CR && buf[off + 1] == H1Syntax.LF) {
            return off + 2;
        }
        return H1HeadScanner.findHeadEnd(buf, off, to);
    }
}
