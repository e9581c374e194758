package dev.shuttle.hpack;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * Encodes header blocks (RFC 7541 §6). The choices RFC 7541 leaves to an encoder, made here:
 * <ul>
 *   <li>a field found whole in either table is sent as its index (§6.1);</li>
 *   <li>a sensitive field is sent "never indexed" (§6.2.3, §7.1.3): one the decoder said arrived
 *       that way, {@code authorization}, {@code proxy-authorization}, and a {@code cookie} shorter
 *       than 20 octets (short secrets are the easiest to guess through compression);</li>
 *   <li>a field whose value changes with nearly every message (the {@link #NOT_INDEXED} names) is
 *       sent "without indexing" (§6.2.2), so it does not push useful entries out of the table;</li>
 *   <li>anything else is added to the table (§6.2.1), its name sent as an index where one exists;</li>
 *   <li>a string is Huffman-coded when that makes it shorter (§5.2).</li>
 * </ul>
 * When the peer's SETTINGS_HEADER_TABLE_SIZE changes, the next block starts with the size update
 * §4.2 requires: the smallest size reached since the last block, then the final one if larger.
 *
 * <p>Not thread-safe: a connection encodes its blocks one after the other, in the order it sends them.
 */
public final class HpackEncoder {
    /** Names whose values rarely repeat: remembering them would only evict the ones that do. */
    private static final Set<String> NOT_INDEXED = Set.of(":path", "content-length", "date", "etag",
            "last-modified", "if-modified-since", "if-none-match", "age", "expires", "set-cookie", "location");
    private static final int SHORT_COOKIE = 20;

    private final DynamicTable table;
    /** The smallest table size since the last block, or -1 when no change is pending. */
    private int pendingSmallestSize = -1;

    /** @param maxTableSize the peer's SETTINGS_HEADER_TABLE_SIZE (4096 until it says otherwise) */
    public HpackEncoder(int maxTableSize) {
        this.table = new DynamicTable(maxTableSize);
    }

    /** The peer announced a new SETTINGS_HEADER_TABLE_SIZE: the table follows it from the next block. */
    public void setMaxTableSize(int newSize) {
        pendingSmallestSize = pendingSmallestSize < 0 ? newSize : Math.min(pendingSmallestSize, newSize);
        table.setMaxSize(newSize);
    }

    /** The dynamic table's current size in octets. */
    public int tableSize() {
        return table.size();
    }

    /** Encodes {@code fields}, none of them marked never-indexed by a decoder. */
    public void encode(List<HeaderField> fields, BlockBuffer out) {
        encode(fields, new BitSet(), out);
    }

    /**
     * Encodes {@code fields} as one header block.
     *
     * @param neverIndexed the positions that must stay "never indexed" (as a decoder reported them)
     */
    public void encode(List<HeaderField> fields, BitSet neverIndexed, BlockBuffer out) {
        writePendingSizeUpdates(out);
        for (int i = 0; i < fields.size(); i++) {
            HeaderField field = fields.get(i);
            if (neverIndexed.get(i) || isSensitive(field)) {
                writeLiteral(out, 4, 0x10, field);
                continue;
            }
            int index = indexOf(field);
            if (index != 0) {
                HpackInteger.encode(out, 7, 0x80, index);
            } else if (NOT_INDEXED.contains(field.name())) {
                writeLiteral(out, 4, 0x00, field);
            } else {
                writeLiteral(out, 6, 0x40, field);
                table.add(field);
            }
        }
    }

    private static boolean isSensitive(HeaderField field) {
        return switch (field.name()) {
            case "authorization", "proxy-authorization" -> true;
            case "cookie" -> field.value().length() < SHORT_COOKIE;
            default -> false;
        };
    }

    private void writePendingSizeUpdates(BlockBuffer out) {
        if (pendingSmallestSize < 0) {
            return;
        }
        HpackInteger.encode(out, 5, 0x20, pendingSmallestSize);
        if (table.maxSize() != pendingSmallestSize) {
            HpackInteger.encode(out, 5, 0x20, table.maxSize());
        }
        pendingSmallestSize = -1;
    }

    /** The field's index in the static table, else in the dynamic one (after the static), else 0. */
    private int indexOf(HeaderField field) {
        int index = StaticTable.indexOf(field);
        if (index != 0) {
            return index;
        }
        int dynamic = table.indexOf(field);
        return dynamic == 0 ? 0 : StaticTable.SIZE + dynamic;
    }

    private void writeLiteral(BlockBuffer out, int prefixBits, int flags, HeaderField field) {
        int nameIndex = StaticTable.indexOfName(field.name());
        if (nameIndex == 0) {
            int dynamic = table.indexOfName(field.name());
            nameIndex = dynamic == 0 ? 0 : StaticTable.SIZE + dynamic;
        }
        HpackInteger.encode(out, prefixBits, flags, nameIndex);
        if (nameIndex == 0) {
            writeString(out, field.name());
        }
        writeString(out, field.value());
    }

    private static void writeString(BlockBuffer out, String text) {
        int huffmanLength = Huffman.encodedLength(text);
        if (huffmanLength < text.length()) {
            HpackInteger.encode(out, 7, 0x80, huffmanLength);
            Huffman.encode(text, out);
        } else {
            HpackInteger.encode(out, 7, 0x00, text.length());
            byte[] octets = text.getBytes(StandardCharsets.ISO_8859_1);
            out.write(octets, 0, octets.length);
        }
    }
}
