package dev.shuttle.h1;

import static dev.shuttle.h1.H1Syntax.CR;
import static dev.shuttle.h1.H1Syntax.LF;

import dev.shuttle.http.HeaderList;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a block of header field lines up to and including the empty line that ends it: the
 * fields of a head (RFC 9112 §5) or the trailer section of a chunked body (RFC 9112 §7.1.2).
 *
 * <pre>
 *   field-line = field-name ":" OWS field-value OWS
 *   field-name = token
 * </pre>
 */
final class H1HeaderFields {
    private H1HeaderFields() {}

    /** What a block held: the fields, where the block ended, and whether only unsafe mode let it pass. */
    record Block(HeaderList fields, List<Integer> positions, int end, boolean unsafeAccepted) {
        /** Where the first field of that name starts in the buffer, or the block's end. */
        int positionOf(String name) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).hasName(name)) {
                    return positions.get(i);
                }
            }
            return end;
        }
    }

    /**
     * Parses the lines of {@code buf[pos, end)} into fields.
     *
     * @param maxFields how many fields are allowed (HAProxy's tune.http.maxhdr minus the start line)
     * @param errorStatus the status to answer with: 400 for requests, 502 for responses
     */
    static Block parse(byte[] buf, int pos, int end, boolean unsafe, int maxFields, int errorStatus)
            throws H1ParseException {
        HeaderList fields = new HeaderList();
        List<Integer> positions = new ArrayList<>();
        boolean unsafeAccepted = false;
        String pendingName = null;
        StringBuilder pendingValue = new StringBuilder();
        int count = 0;
        while (true) {
            int lf = H1Syntax.indexOf(buf, LF, pos, end);
            if (lf < 0) {
                throw new H1ParseException(errorStatus, "incomplete head", end);
            }
            int lineEnd = lf > pos && buf[lf - 1] == CR ? lf - 1 : lf;
            int bareCr = H1Syntax.indexOf(buf, CR, pos, lineEnd);
            if (bareCr >= 0) {
                // RFC 9112 §2.2: a bare CR outside the content is invalid; HAProxy rejects it.
                throw new H1ParseException(errorStatus, "bare CR in header", bareCr);
            }
            if (lineEnd == pos) {
                if (pendingName != null) {
                    fields.add(pendingName, H1Syntax.trimOws(pendingValue.toString()));
                }
                return new Block(fields, positions, lf + 1, unsafeAccepted);
            }
            if (H1Syntax.isWhitespace(buf[pos]) && pendingName != null) {
                // RFC 9112 §5.2: a proxy must reject obs-fold or replace it with SP. HAProxy
                // replaces each CR and LF with a space and keeps the fold's own whitespace.
                checkValueBytes(buf, pos, lineEnd, unsafe, errorStatus);
                pendingValue.append(lineEnd == lf ? " " : "  ").append(H1Syntax.latin1(buf, pos, lineEnd));
                pos = lf + 1;
                continue;
            }
            if (pendingName != null) {
                fields.add(pendingName, H1Syntax.trimOws(pendingValue.toString()));
            }
            int colon = H1Syntax.indexOf(buf, (byte) ':', pos, lineEnd);
            if (colon < 0) {
                throw new H1ParseException(errorStatus, "header line without colon", pos);
            }
            if (colon == pos) {
                throw new H1ParseException(errorStatus, "empty header name", pos);
            }
            int badName = firstNonTchar(buf, pos, colon);
            if (badName >= 0) {
                // RFC 9112 §5.1: no whitespace between name and colon (a smuggling classic:
                // "Transfer-Encoding : chunked"); RFC 9110 §5.1: names are tokens.
                if (!unsafe) {
                    throw new H1ParseException(errorStatus, "invalid character in header name", badName);
                }
                unsafeAccepted = true;
            }
            if (checkValueBytes(buf, colon + 1, lineEnd, unsafe, errorStatus)) {
                unsafeAccepted = true;
            }
            if (++count > maxFields) {
                throw new H1ParseException(errorStatus, "too many headers", pos);
            }
            pendingName = H1Syntax.latin1(buf, pos, colon);
            positions.add(pos);
            pendingValue.setLength(0);
            pendingValue.append(H1Syntax.latin1(buf, colon + 1, lineEnd));
            pos = lf + 1;
        }
    }

    private static int firstNonTchar(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!H1Syntax.isTchar(buf[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * RFC 9110 §5.5: a recipient of NUL in a field value must reject the message or replace it.
     * HAProxy 2.6 forwards it; we reject it unless the unsafe option is set. Other control
     * characters and obs-text pass, as in HAProxy. Returns whether unsafe mode was needed.
     */
    private static boolean checkValueBytes(byte[] buf, int from, int to, boolean unsafe, int errorStatus)
            throws H1ParseException {
        int nul = H1Syntax.indexOf(buf, (byte) 0, from, to);
        if (nul < 0) {
            return false;
        }
        if (!unsafe) {
            throw new H1ParseException(errorStatus, "NUL in header value", nul);
        }
        return true;
    }
}
