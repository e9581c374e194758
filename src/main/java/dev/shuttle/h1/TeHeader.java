package dev.shuttle.h1;

import dev.shuttle.http.HeaderList;

/**
 * The {@code TE} field of a request leaving for a server. RFC 9110 §10.1.4: TE lists the transfer
 * codings the client accepts in the response, and is hop-by-hop (RFC 9110 §7.6.1). Shuttle decodes
 * no transfer coding but chunked, so it can only let the server use {@code trailers}: as HAProxy 3.x
 * does, the field becomes {@code te: trailers} when the client listed it, and goes otherwise.
 */
public final class TeHeader {
    private TeHeader() {}

    /** Reduces the TE fields of {@code headers} to one {@code trailers}, or none. */
    public static void reduce(HeaderList headers) {
        boolean present = false;
        boolean trailers = false;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).hasName("TE")) {
                present = true;
                trailers |= listsTrailers(headers.get(i).value());
            }
        }
        if (!present) {
            return;
        }
        if (trailers) {
            headers.set(H1MessageRules.nameOfFirst(headers, "TE"), "trailers");
        } else {
            headers.removeAll("TE");
        }
    }

    /** Whether one element of the list (RFC 9110 §10.1.4: t-codings, with optional weight) is {@code trailers}. */
    static boolean listsTrailers(String value) {
        for (String element : value.split(",")) {
            int semicolon = element.indexOf(';');
            String coding = H1Syntax.trimOws(semicolon < 0 ? element : element.substring(0, semicolon));
            if (coding.equalsIgnoreCase("trailers")) {
                return true;
            }
        }
        return false;
    }
}
