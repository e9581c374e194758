package dev.shuttle.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HpackEncoderTest {
    private static final HeaderField GET = new HeaderField(":method", "GET");
    private static final HeaderField HTTP = new HeaderField(":scheme", "http");
    private static final HeaderField ROOT = new HeaderField(":path", "/");
    private static final HeaderField EXAMPLE = new HeaderField(":authority", "www.example.com");

    @Test
    void theAppendixRequestsComeOutAsAppendixC4() {
        // With indexing for new names and Huffman when shorter, the choices match the RFC's own.
        HpackEncoder encoder = new HpackEncoder(4096);
        assertEquals("828684418cf1e3c2e5f23a6ba0ab90f4ff", encode(encoder, List.of(GET, HTTP, ROOT, EXAMPLE)));
        assertEquals("828684be5886a8eb10649cbf", encode(encoder,
                List.of(GET, HTTP, ROOT, EXAMPLE, new HeaderField("cache-control", "no-cache"))));
        assertEquals("828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf", encode(encoder,
                List.of(GET, new HeaderField(":scheme", "https"), new HeaderField(":path", "/index.html"),
                        EXAMPLE, new HeaderField("custom-key", "custom-value"))));
        assertEquals(164, encoder.tableSize());
    }

    @Test
    void credentialsAreNeverIndexed() throws HpackException {
        HpackEncoder encoder = new HpackEncoder(4096);
        BlockBuffer out = new BlockBuffer();
        encoder.encode(List.of(new HeaderField("authorization", "Basic dXNlcjpwYXNz")), out);
        assertEquals(0x10, out.array()[0] & 0xF0, "0001xxxx: never indexed");
        assertEquals(0, encoder.tableSize());
        DecodedBlock block = new HpackDecoder(4096, Long.MAX_VALUE).decode(out.toByteArray());
        assertTrue(block.isNeverIndexed(0));
    }

    @Test
    void aFieldThatArrivedNeverIndexedLeavesTheSameWay() throws HpackException {
        HpackEncoder encoder = new HpackEncoder(4096);
        BitSet neverIndexed = new BitSet();
        neverIndexed.set(1);
        BlockBuffer out = new BlockBuffer();
        encoder.encode(List.of(GET, new HeaderField("x-token", "s3cr3t")), neverIndexed, out);
        DecodedBlock block = new HpackDecoder(4096, Long.MAX_VALUE).decode(out.toByteArray());
        assertTrue(block.isNeverIndexed(1));
        assertEquals(0, encoder.tableSize());
    }

    @Test
    void aNewTableSizeIsSignalledAtTheStartOfTheNextBlock() throws HpackException {
        HpackEncoder encoder = new HpackEncoder(4096);
        HpackDecoder decoder = new HpackDecoder(4096, Long.MAX_VALUE);
        decoder.decode(bytes(encoder, List.of(new HeaderField("custom-key", "custom-header"))));
        encoder.setMaxTableSize(0);
        encoder.setMaxTableSize(100);
        byte[] block = bytes(encoder, List.of(GET));
        assertEquals("203f4582", java.util.HexFormat.of().formatHex(block), "0, then 100, then the field");
        decoder.decode(block);
        assertEquals(0, decoder.tableSize());
    }

    @Test
    void manyBlocksKeepEncoderAndDecoderInStep() throws HpackException {
        Random random = new Random(7541);
        HpackEncoder encoder = new HpackEncoder(512);
        HpackDecoder decoder = new HpackDecoder(512, Long.MAX_VALUE);
        for (int round = 0; round < 500; round++) {
            List<HeaderField> fields = new ArrayList<>();
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                fields.add(new HeaderField("x-h" + random.nextInt(12), randomValue(random)));
            }
            assertEquals(fields, decoder.decode(bytes(encoder, fields)).fields(), "round " + round);
            assertEquals(encoder.tableSize(), decoder.tableSize());
        }
    }

    private static String randomValue(Random random) {
        StringBuilder value = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            value.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : random.nextInt(256)));
        }
        return value.toString();
    }

    private static String encode(HpackEncoder encoder, List<HeaderField> fields) {
        return java.util.HexFormat.of().formatHex(bytes(encoder, fields));
    }

    private static byte[] bytes(HpackEncoder encoder, List<HeaderField> fields) {
        BlockBuffer out = new BlockBuffer();
        encoder.encode(fields, out);
        return out.toByteArray();
    }
}
