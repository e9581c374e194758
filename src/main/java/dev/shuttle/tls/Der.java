package dev.shuttle.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough DER (ITU-T X.690) to turn the two private-key layouts the JDK cannot read (PKCS#1
 * RSA keys and SEC 1 EC keys, OpenSSL's "traditional" formats) into the PKCS#8 layout it can:
 * read a TLV, list a SEQUENCE's elements, write a TLV. Certificates, CRLs and PKCS#8 keys are
 * the JDK's own business.
 *
 * <pre>
 *   TLV:  tag (1 byte) | length (1 byte &lt; 0x80, or 0x8N then N bytes, big-endian) | value
 * </pre>
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int SEQUENCE = 0x30;
    /** A context-specific constructed tag [n]. */
    static int context(int n) {
        return 0xA0 | n;
    }

    /** One element: its tag and its value bytes. */
    record Element(int tag, byte[] value) {
        boolean isContext(int n) {
            return tag == context(n);
        }
    }

    private Der() {}

    /** The single element that fills {@code bytes}. */
    static Element read(byte[] bytes) throws TlsException {
        List<Element> all = elements(bytes);
        if (all.size() != 1) {
            throw new TlsException("malformed DER structure");
        }
        return all.getFirst();
    }

    /** The elements one after the other in {@code bytes} (a SEQUENCE's value). */
    static List<Element> elements(byte[] bytes) throws TlsException {
        List<Element> out = new ArrayList<>();
        int position = 0;
        while (position < bytes.length) {
            if (bytes.length - position < 2) {
                throw new TlsException("malformed DER structure");
            }
            int tag = bytes[position] & 0xFF;
            int first = bytes[position + 1] & 0xFF;
            position += 2;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int count = first & 0x7F;
                if (count == 0 || count > 4 || bytes.length - position < count) {
                    throw new TlsException("malformed DER length");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (bytes[position++] & 0xFF);
                }
            }
            if (length > bytes.length - position) {
                throw new TlsException("truncated DER structure");
            }
            out.add(new Element(tag, Arrays.copyOfRange(bytes, position, position + (int) length)));
            position += (int) length;
        }
        return out;
    }

    /** Writes one TLV. */
    static byte[] write(int tag, byte[]... parts) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            value.writeBytes(part);
        }
        byte[] content = value.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** A whole TLV again, from an element read earlier. */
    static byte[] encode(Element element) {
        return write(element.tag(), element.value());
    }
}
