package dev.shuttle.tls;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The blocks of a PEM text (RFC 7468): {@code -----BEGIN LABEL-----}, base64 lines, {@code
 * -----END LABEL-----}, with anything between blocks ignored, as OpenSSL ignores it. A block of
 * OpenSSL's traditional encrypted form carries a {@code Proc-Type: 4,ENCRYPTED} header, kept so
 * that the key reader can refuse it by name.
 */
final class PemBlocks {
    /** One block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}...), its bytes, whether it is encrypted. */
    record Block(String label, byte[] der, boolean encrypted) {}

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private PemBlocks() {}

    /** Every block of {@code text}, in order; fails on a block that does not end or whose base64 is broken. */
    static List<Block> parse(String text) throws TlsException {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i].strip();
            i++;
            if (!line.startsWith(BEGIN) || !line.endsWith(DASHES) || line.length() < BEGIN.length() + DASHES.length()) {
                continue;
            }
            String label = line.substring(BEGIN.length(), line.length() - DASHES.length());
            StringBuilder base64 = new StringBuilder();
            boolean encrypted = false;
            boolean ended = false;
            while (i < lines.length) {
                String body = lines[i].strip();
                i++;
                if (body.equals(END + label + DASHES)) {
                    ended = true;
                    break;
                }
                if (body.contains(":")) {
                    // RFC 1421 headers of OpenSSL's traditional encrypted keys (Proc-Type, DEK-Info).
                    encrypted |= body.startsWith("Proc-Type:") && body.contains("ENCRYPTED");
                    continue;
                }
                base64.append(body);
            }
            if (!ended) {
                throw new TlsException("no end line for '" + label + "'");
            }
            try {
                blocks.add(new Block(label, Base64.getMimeDecoder().decode(base64.toString()), encrypted));
            } catch (IllegalArgumentException e) {
                throw new TlsException("bad base64 decode in '" + label + "'");
            }
        }
        return blocks;
    }
}
