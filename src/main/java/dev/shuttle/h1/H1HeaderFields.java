package dev.shuttle.h1;

import static dev.shuttle.h1.H1Syntax.CR;
import static dev.shuttle.h1.H1Syntax.LF;

import dev.shuttle.http.CommonFieldNames;
import dev.shuttle.http.HeaderList;

/**
 * Parses a block of header field lines up to and including the empty line that ends it: the
 * fields of a head (RFC 9112 §5) or the trailer section of a chunked body (RFC 9112 §7.1.2).
 *
 * <pre>
 *   field-line = field-name ":" OWS field-value OWS
 *   field-name = token
 * </pre>
 *
 * A value is trimmed on the bytes and made a String once; only a value folded over several lines
 * (obs-fold, rare) is assembled in a StringBuilder.
 */
final class H1HeaderFields {
    private H1HeaderFields() {}

    /**
     * What a block held: the fields, the buffer they were read from and where the block started
     * and ended, and whether only unsafe mode let it pass. Where a field starts is found again in
     * the buffer when an error names it (rare), rather than kept for every field of every head.
     */
    record Block(HeaderList fields, byte[] buf, int start, int end, boolean unsafeAccepted) {
        /**
         * Where the first field of that name starts in the buffer, or the block's end. Called
         * while the head is parsed, on the buffer it was parsed from.
         */
        int positionOf(String name) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).hasName(name)) {
                    return fieldStart(i);
                }
            }
            return end;
        }

        /** The start of field {@code index}'s first line: a line is a field's unless it folds the one before. */
        private int fieldStart(int index) {
            int field = -1;
            for (int pos = start; pos < end; ) {
                if (field < 0 || !H1Syntax.isWhitespace(buf[pos])) {
                    field++;
                    if (field == index) {
                        return pos;
                    }
                }
                int lf = H1Syntax.indexOf(buf, LF, pos, end);
                if (lf < 0) {
                    break;
                }
                pos = lf + 1;
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
        int start = pos;
        boolean unsafeAccepted = false;
        PendingField pending = new PendingField();
        LineScan line = new LineScan();
        int count = 0;
        while (true) {
            line.scan(buf, pos, end);
            int lf = line.lf;
            if (lf < 0) {
                throw new H1ParseException(errorStatus, "incomplete head", end);
            }
            int lineEnd = lf > pos && buf[lf - 1] == CR ? lf - 1 : lf;
            if (line.firstCr >= 0 && line.firstCr < lineEnd) {
                // RFC 9112 §2.2: a bare CR outside the content is invalid; HAProxy rejects it.
                throw new H1ParseException(errorStatus, "bare CR in header", line.firstCr);
            }
            if (lineEnd == pos) {
                pending.addTo(fields, buf);
                return new Block(fields, buf, start, lf + 1, unsafeAccepted);
            }
            if (H1Syntax.isWhitespace(buf[pos]) && pending.isOpen()) {
                // RFC 9112 §5.2: a proxy must reject obs-fold or replace it with SP. HAProxy
                // replaces each CR and LF with a space and keeps the fold's own whitespace.
                checkValue(line.firstNul, unsafe, errorStatus);
                pending.fold(buf, lineEnd == lf ? " " : "  ", pos, lineEnd);
                pos = lf + 1;
                continue;
            }
            pending.addTo(fields, buf);
            // The name runs to the first byte that is not a tchar: the colon, if the name is clean.
            int nameEnd = pos;
            while (nameEnd < lineEnd && H1Syntax.isTchar(buf[nameEnd])) {
                nameEnd++;
            }
            int colon = nameEnd < lineEnd && buf[nameEnd] == ':'
                    ? nameEnd
                    : H1Syntax.indexOf(buf, (byte) ':', nameEnd, lineEnd);
            if (colon < 0) {
                // The first byte that cannot be in a name (the line's end if none), as HAProxy 3.5 reports it.
                throw new H1ParseException(errorStatus, "header line without colon", nameEnd);
            }
            if (colon == pos) {
                throw new H1ParseException(errorStatus, "empty header name", pos);
            }
            int badName = nameEnd < colon ? nameEnd : -1;
            if (badName >= 0) {
                // RFC 9112 §5.1: no whitespace between name and colon (a smuggling classic:
                // "Transfer-Encoding : chunked"); RFC 9110 §5.1: names are tokens.
                if (!unsafe) {
                    throw new H1ParseException(errorStatus, "invalid character in header name", badName);
                }
                unsafeAccepted = true;
            }
            // The NUL found on the way may sit in the name (judged above): then look again after the colon.
            int nul = line.firstNul < 0 || line.firstNul > colon
                    ? line.firstNul
                    : H1Syntax.indexOf(buf, (byte) 0, colon + 1, lineEnd);
            if (checkValue(nul, unsafe, errorStatus)) {
                unsafeAccepted = true;
            }
            if (count >= maxFields) {
                throw new H1ParseException(errorStatus, "too many headers", pos);
            }
            count++;
            pending.open(fieldName(buf, pos, colon), colon + 1, lineEnd);
            pos = lf + 1;
        }
    }

    /**
     * The field whose line was read last: it is complete only once the next line is not a fold.
     * Its value stays a range of the buffer until then. One per block, reused for each field.
     */
    private static final class PendingField {
        private String name;
        private int valueFrom;
        private int valueTo;
        private StringBuilder folded;

        void open(String fieldName, int from, int to) {
            name = fieldName;
            valueFrom = from;
            valueTo = to;
            folded = null;
        }

        boolean isOpen() {
            return name != null;
        }

        /** Appends a continuation line, after {@code separator} (what replaced its line break). */
        void fold(byte[] buf, String separator, int from, int to) {
            if (folded == null) {
                folded = new StringBuilder(H1Syntax.latin1(buf, valueFrom, valueTo));
            }
            folded.append(separator).append(H1Syntax.latin1(buf, from, to));
        }

        /** Adds the field, if one is open, and closes it. */
        void addTo(HeaderList fields, byte[] buf) {
            if (name == null) {
                return;
            }
            String value = folded == null
                    ? H1Syntax.latin1TrimmingOws(buf, valueFrom, valueTo)
                    : H1Syntax.trimOws(folded.toString());
            fields.add(name, value);
            name = null;
        }
    }

    /** The name as received: a shared String for a common name in its usual spelling, else a new one. */
    private static String fieldName(byte[] buf, int from, int to) {
        String common = CommonFieldNames.find(buf, from, to);
        return common != null ? common : H1Syntax.latin1(buf, from, to);
    }

    /**
     * Where a line ends, and where its first CR and first NUL are, found in one pass over its
     * bytes rather than one search for each. One per block, reused for each line.
     */
    private static final class LineScan {
        /** The LF ending the line, or -1 if the bytes end first. */
        int lf;
        /** The first CR before that LF, or -1. */
        int firstCr;
        /** The first NUL before that LF, or -1. */
        int firstNul;

        void scan(byte[] buf, int from, int to) {
            firstCr = -1;
            firstNul = -1;
            for (int i = from; i < to; i++) {
                byte b = buf[i];
                if (b == LF) {
                    lf = i;
                    return;
                }
                if (b == CR && firstCr < 0) {
                    firstCr = i;
                } else if (b == 0 && firstNul < 0) {
                    firstNul = i;
                }
            }
            lf = -1;
        }
    }

    /**
     * RFC 9110 §5.5: a recipient of NUL in a field value must reject the message or replace it.
     * HAProxy 2.6 forwards it; we reject it unless the unsafe option is set. Other control
     * characters and obs-text pass, as in HAProxy. Returns whether unsafe mode was needed.
     *
     * @param nul where the value's first NUL is, or -1
     */
    private static boolean checkValue(int nul, boolean unsafe, int errorStatus) throws H1ParseException {
        if (nul < 0) {
            return false;
        }
        if (!unsafe) {
            throw new H1ParseException(errorStatus, "NUL in header value", nul);
        }
        return true;
    }
}
