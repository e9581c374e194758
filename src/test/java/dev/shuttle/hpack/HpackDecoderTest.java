package dev.shuttle.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7541 Appendix C.2 to C.6, block by block, with the dynamic table's size after each. */
class HpackDecoderTest {
    private static final HeaderField GET = new HeaderField(":method", "GET");
    private static final HeaderField HTTP = new HeaderField(":scheme", "http");
    private static final HeaderField HTTPS = new HeaderField(":scheme", "https");
    private static final HeaderField ROOT = new HeaderField(":path", "/");
    private static final HeaderField EXAMPLE = new HeaderField(":authority", "www.example.com");
    private static final HeaderField NO_CACHE = new HeaderField("cache-control", "no-cache");
    private static final HeaderField PRIVATE = new HeaderField("cache-control", "private");
    private static final HeaderField DATE_21 = new HeaderField("date", "Mon, 21 Oct 2013 20:13:21 GMT");
    private static final HeaderField DATE_22 = new HeaderField("date", "Mon, 21 Oct 2013 20:13:22 GMT");
    private static final HeaderField LOCATION = new HeaderField("location", "https://www.example.com");
    private static final HeaderField GZIP = new HeaderField("content-encoding", "gzip");
    private static final HeaderField COOKIE = new HeaderField("set-cookie",
            "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1");

    @Test
    void literalWithIndexingIsRemembered() throws HpackException { // C.2.1
        HpackDecoder decoder = new HpackDecoder(4096, Long.MAX_VALUE);
        assertFields(decoder, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572",
                List.of(new HeaderField("custom-key", "custom-header")), 55);
    }

    @Test
    void literalWithoutIndexingIsNot() throws HpackException { // C.2.2
        HpackDecoder decoder = new HpackDecoder(4096, Long.MAX_VALUE);
        assertFields(decoder, "040c 2f73 616d 706c 652f 7061 7468",
                List.of(new HeaderField(":path", "/sample/path")), 0);
    }

    @Test
    void neverIndexedIsReportedAsSuch() throws HpackException { // C.2.3
        HpackDecoder decoder = new HpackDecoder(4096, Long.MAX_VALUE);
        DecodedBlock block = decoder.decode(Hex.bytes("1008 7061 7373 776f 7264 0673 6563 7265 74"));
        assertEquals(List.of(new HeaderField("password", "secret")), block.fields());
        assertTrue(block.isNeverIndexed(0));
        assertEquals(0, decoder.tableSize());
    }

    @Test
    void indexedStaticField() throws HpackException { // C.2.4
        assertFields(new HpackDecoder(4096, Long.MAX_VALUE), "82", List.of(GET), 0);
    }

    @Test
    void requestsWithoutHuffman() throws HpackException { // C.3
        HpackDecoder decoder = new HpackDecoder(4096, Long.MAX_VALUE);
        assertFields(decoder, "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                List.of(GET, HTTP, ROOT, EXAMPLE), 57);
        assertFields(decoder, "8286 84be 5808 6e6f 2d63 6163 6865",
                List.of(GET, HTTP, ROOT, EXAMPLE, NO_CACHE), 110);
        assertFields(decoder, "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
                List.of(GET, HTTPS, new HeaderField(":path", "/index.html"), EXAMPLE,
                        new HeaderField("custom-key", "custom-value")), 164);
    }

    @Test
    void requestsWithHuffman() throws HpackException { // C.4
        HpackDecoder decoder = new HpackDecoder(4096, Long.MAX_VALUE);
        assertFields(decoder, "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff", List.of(GET, HTTP, ROOT, EXAMPLE), 57);
        assertFields(decoder, "8286 84be 5886 a8eb 1064 9cbf", List.of(GET, HTTP, ROOT, EXAMPLE, NO_CACHE), 110);
        assertFields(decoder, "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf",
                List.of(GET, HTTPS, new HeaderField(":path", "/index.html"), EXAMPLE,
                        new HeaderField("custom-key", "custom-value")), 164);
        assertEquals(3, decoder.tableEntries());
    }

    @Test
    void responsesWithoutHuffmanEvictInA256OctetTable() throws HpackException { // C.5
        HpackDecoder decoder = new HpackDecoder(256, Long.MAX_VALUE);
        assertFields(decoder, "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133"
                + " 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                List.of(new HeaderField(":status", "302"), PRIVATE, DATE_21, LOCATION), 222);
        assertFields(decoder, "4803 3330 37c1 c0bf",
                List.of(new HeaderField(":status", "307"), PRIVATE, DATE_21, LOCATION), 222);
        assertFields(decoder, "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d"
                + " 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851"
                + " 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31",
                List.of(new HeaderField(":status", "200"), PRIVATE, DATE_22, LOCATION, GZIP, COOKIE), 215);
        assertEquals(3, decoder.tableEntries());
    }

    @Test
    void responsesWithHuffman() throws HpackException { // C.6
        HpackDecoder decoder = new HpackDecoder(256, Long.MAX_VALUE);
        assertFields(decoder, "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6"
                + " 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
                List.of(new HeaderField(":status", "302"), PRIVATE, DATE_21, LOCATION), 222);
        assertFields(decoder, "4883 640e ffc1 c0bf",
                List.of(new HeaderField(":status", "307"), PRIVATE, DATE_21, LOCATION), 222);
        assertFields(decoder, "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab"
                + " 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160"
                + " 65c0 03ed 4ee5 b106 3d50 07",
                List.of(new HeaderField(":status", "200"), PRIVATE, DATE_22, LOCATION, GZIP, COOKIE), 215);
    }

    @Test
    void indexZeroIsRefused() {
        assertThrows(HpackException.class, () -> new HpackDecoder(4096, Long.MAX_VALUE).decode(Hex.bytes("80")));
    }

    @Test
    void anIndexPastBothTablesIsRefused() {
        // 62 is the first dynamic index, and the table is empty.
        assertThrows(HpackException.class, () -> new HpackDecoder(4096, Long.MAX_VALUE).decode(Hex.bytes("be")));
    }

    @Test
    void aSizeUpdateAboveTheLimitIsRefused() {
        // 001 11111 then 4097 - 31 = 4066 = e2 1f.
        HpackDecoder decoder = new HpackDecoder(4096, Long.MAX_VALUE);
        assertThrows(HpackException.class, () -> decoder.decode(Hex.bytes("3fe21f")));
    }

    @Test
    void aSizeUpdateAfterAFieldIsRefused() {
        assertThrows(HpackException.class, () -> new HpackDecoder(4096, Long.MAX_VALUE).decode(Hex.bytes("8220")));
    }

    @Test
    void aSizeUpdateToZeroEmptiesTheTable() throws HpackException {
        HpackDecoder decoder = new HpackDecoder(4096, Long.MAX_VALUE);
        decoder.decode(Hex.bytes("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
        assertEquals(55, decoder.tableSize());
        decoder.decode(Hex.bytes("20"));
        assertEquals(0, decoder.tableSize());
        assertThrows(HpackException.class, () -> decoder.decode(Hex.bytes("be")));
    }

    @Test
    void aStringRunningPastTheBlockIsRefused() {
        assertThrows(HpackException.class,
                () -> new HpackDecoder(4096, Long.MAX_VALUE).decode(Hex.bytes("400a 6375 7374")));
    }

    @Test
    void aListOverTheLimitIsStillDecodedWholeToKeepTheTableInStep() throws HpackException {
        // Two indexed fields (:method GET = 42 octets, :scheme http = 43) then a remembered literal.
        HpackDecoder decoder = new HpackDecoder(4096, 50);
        DecodedBlock block = decoder.decode(Hex.bytes(
                "8286 400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
        assertTrue(block.overListLimit());
        assertEquals(List.of(GET), block.fields());
        assertEquals(42 + 43 + 55, block.listSize());
        assertEquals(55, decoder.tableSize(), "the literal past the limit still entered the table");
    }

    private static void assertFields(HpackDecoder decoder, String hex, List<HeaderField> expected, int tableSize)
            throws HpackException {
        DecodedBlock block = decoder.decode(Hex.bytes(hex));
        assertEquals(expected, block.fields());
        assertFalse(block.overListLimit());
        assertEquals(tableSize, decoder.tableSize());
    }
}
