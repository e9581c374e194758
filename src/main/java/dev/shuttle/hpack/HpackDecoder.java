package dev.shuttle.hpack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Decodes header blocks (RFC 7541 §3, §6): each field is an index into the tables (§6.1), or a
 * literal whose name may be an index (§6.2), and the block may start with dynamic table size
 * updates (§6.3). One decoder per connection direction: its dynamic table must see every block, in
 * order, or the peer's indexes point at the wrong fields.
 *
 * <p>Not thread-safe: a connection decodes its blocks one after the other on its reading thread.
 */
public final class HpackDecoder {
    /** The representations, by their leading bits (§6). */
    private static final int INDEXED = 0x80;
    private static final int LITERAL_INCREMENTAL = 0x40;
    private static final int SIZE_UPDATE = 0x20;
    private static final int LITERAL_NEVER_INDEXED = 0x10;

    private final DynamicTable table;
    /** The table size this side allows (its SETTINGS_HEADER_TABLE_SIZE): updates may not exceed it. */
    private int maxTableSizeLimit;
    private final long maxHeaderListSize;

    /**
     * @param maxTableSize the SETTINGS_HEADER_TABLE_SIZE this side announced (4096 by default)
     * @param maxHeaderListSize the list size past which fields are dropped (RFC 9113 §6.5.2)
     */
    public HpackDecoder(int maxTableSize, long maxHeaderListSize) {
        this.table = new DynamicTable(maxTableSize);
        this.maxTableSizeLimit = maxTableSize;
        this.maxHeaderListSize = maxHeaderListSize;
    }

    /**
     * A new SETTINGS_HEADER_TABLE_SIZE, once the peer acknowledged it: later size updates are
     * checked against it. The peer's encoder must then send an update of its own (§4.2).
     */
    public void setMaxTableSizeLimit(int limit) {
        maxTableSizeLimit = limit;
    }

    /** The dynamic table's current size in octets (§4.1), for tests and {@code show} commands. */
    public int tableSize() {
        return table.size();
    }

    /** How many entries the dynamic table holds. */
    public int tableEntries() {
        return table.count();
    }

    /** Decodes one whole header block. */
    public DecodedBlock decode(byte[] block, int offset, int length) throws HpackException {
        BlockReader in = new BlockReader(block, offset, length);
        List<HeaderField> fields = new ArrayList<>();
        BitSet neverIndexed = new BitSet();
        long listSize = 0;
        boolean fieldSeen = false;
        while (in.hasMore()) {
            int first = in.peek();
            HeaderField field;
            boolean sensitive = false;
            if ((first & INDEXED) != 0) {
                field = fieldAt(HpackInteger.decode(in, 7));
            } else if ((first & LITERAL_INCREMENTAL) != 0) {
                field = literal(in, 6);
                table.add(field);
            } else if ((first & SIZE_UPDATE) != 0) {
                if (fieldSeen) {
                    throw new HpackException("dynamic table size update after a field (RFC 7541 §4.2)");
                }
                int newSize = HpackInteger.decode(in, 5);
                if (newSize > maxTableSizeLimit) {
                    throw new HpackException("dynamic table size update to " + newSize
                            + " above the limit " + maxTableSizeLimit);
                }
                table.setMaxSize(newSize);
                continue;
            } else {
                sensitive = (first & LITERAL_NEVER_INDEXED) != 0;
                field = literal(in, 4);
            }
            fieldSeen = true;
            listSize += field.size();
            if (listSize <= maxHeaderListSize) {
                if (sensitive) {
                    neverIndexed.set(fields.size());
                }
                fields.add(field);
            }
        }
        return new DecodedBlock(fields, neverIndexed, listSize, listSize > maxHeaderListSize);
    }

    /** Decodes a whole block held in an array. */
    public DecodedBlock decode(byte[] block) throws HpackException {
        return decode(block, 0, block.length);
    }

    private HeaderField fieldAt(int index) throws HpackException {
        if (index >= 1 && index <= StaticTable.SIZE) {
            return StaticTable.get(index);
        }
        int dynamicIndex = index - StaticTable.SIZE;
        if (index < 1 || dynamicIndex > table.count()) {
            throw new HpackException("index " + index + " is in neither table (RFC 7541 §2.3.3)");
        }
        return table.get(dynamicIndex);
    }

    /** A literal field (§6.2): its name an index (non-zero prefix) or a string, then its value. */
    private HeaderField literal(BlockReader in, int prefixBits) throws HpackException {
        int nameIndex = HpackInteger.decode(in, prefixBits);
        String name = nameIndex == 0 ? string(in) : fieldAt(nameIndex).name();
        return new HeaderField(name, string(in));
    }

    /** A string literal (§5.2): the Huffman flag, a 7-bit-prefix length, the octets. */
    private static String string(BlockReader in) throws HpackException {
        boolean huffman = (in.peek() & 0x80) != 0;
        int length = HpackInteger.decode(in, 7);
        int start = in.skip(length);
        return huffman
                ? Huffman.decode(in.array(), start, length)
                : new String(in.array(), start, length, StandardCharsets.ISO_8859_1);
    }
}
