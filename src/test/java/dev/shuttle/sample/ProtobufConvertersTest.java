package dev.shuttle.sample;

import static dev.shuttle.sample.SampleConvertersTest.bin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code protobuf} and {@code ungrpc} (configuration.txt §7.3.1) on the manual's Rectangle of two
 * PPoints (route_guide.proto's coordinates: lo 407838351 / -746143763, hi 408122808 /
 * -743999179), encoded apart, and on a message with one field of each wire type.
 */
class ProtobufConvertersTest {
    private final SampleConvertersTest.Harness h = new SampleConvertersTest.Harness(ProtobufConverters::register);

    private static final String RECTANGLE = "820314da0311088fbdbcc20110edff9a9cfdffffffff01"
            + "8a0314da031108b8ebcdc20110b5f29d9dfdffffffff01";
    private static final String GRPC = "000000002e" + RECTANGLE;
    /** f3 fixed32 4000000000, f4 sfixed32 -5, f5 float 3.75, f6 fixed64 2^40+7, f7 double -2.5, f8 sint32 -3, f9 bool, f10 "hello". */
    private static final String TYPES = "1d00286bee25fbffffff2d000070403107000000000100003900000000000004c040054801"
            + "520568656c6c6f";

    @Test
    void theManualsUngrpcExamples() {
        assertEquals("407838351", h.text("ungrpc", bin(GRPC), "48.59.1", "int32"));
        assertEquals("-746143763", h.text("ungrpc", bin(GRPC), "48.59.2", "int32"));
        assertEquals("408122808", h.text("ungrpc", bin(GRPC), "49.59.1", "int32"));
        assertEquals("-743999179", h.text("ungrpc", bin(GRPC), "49.59.2", "int32"));
        Sample lo = h.run("ungrpc", bin(GRPC), "48.59").orElseThrow();
        assertEquals("407838351", h.text("protobuf", lo, "1", "int32"));
        Sample outer = h.run("ungrpc", bin(GRPC), "48").orElseThrow();
        assertEquals("407838351", h.text("protobuf", outer, "59.1", "int32"));
        assertEquals("407838351", h.text("protobuf", h.run("protobuf", outer, "59").orElseThrow(), "1", "int32"));
    }

    @Test
    void rawBytesWithoutAType() {
        assertEquals("088FBDBCC20110EDFF9A9CFDFFFFFFFF01",
                h.run("protobuf", bin(RECTANGLE), "48.59").orElseThrow().toText().chars()
                        .mapToObj(c -> String.format("%02X", c)).reduce("", String::concat));
        assertEquals("hello", h.text("protobuf", bin(TYPES), "10"));
        assertEquals("<none>", h.text("protobuf", bin(TYPES), "10", "int32"), "a string has no integer reading");
        assertEquals("<none>", h.text("protobuf", bin(TYPES), "11"));
        assertEquals("<none>", h.text("protobuf", bin(TYPES), "3.1"), "a number has no sub-message");
    }

    @Test
    void eachTypedReading() {
        assertEquals("4000000000", h.text("protobuf", bin(TYPES), "3", "fixed32"));
        assertEquals("-5", h.text("protobuf", bin(TYPES), "4", "sfixed32"));
        assertEquals("3", h.text("protobuf", bin(TYPES), "5", "float"), "the integer part");
        assertEquals("1099511627783", h.text("protobuf", bin(TYPES), "6", "fixed64"));
        assertEquals("-2", h.text("protobuf", bin(TYPES), "7", "double"));
        assertEquals("-3", h.text("protobuf", bin(TYPES), "8", "sint32"), "zigzag");
        assertEquals("5", h.text("protobuf", bin(TYPES), "8", "int32"));
        assertEquals("1", h.text("protobuf", bin(TYPES), "9", "bool"));
        assertEquals("<none>", h.text("protobuf", bin(TYPES), "3", "int32"), "the wire type must fit");
        assertEquals("-746143763", h.text("protobuf", bin(RECTANGLE), "48.59.2", "int64"));
        assertEquals("-746143763", h.text("protobuf", bin(RECTANGLE), "48.59.2", "uint64"),
                "samples are signed 64-bit integers");
    }

    @Test
    void ungrpcGoesThroughEachMessage() {
        String first = "000000000a" + TYPES.substring(0, 20);
        assertEquals("408122808", h.text("ungrpc", bin(first + GRPC), "49.59.1", "int32"));
        assertEquals("<none>", h.text("ungrpc", bin("00000000ff" + RECTANGLE), "48.59.1", "int32"), "cut short");
    }

    @Test
    void argumentsAreChecked() {
        assertTrue(h.refused("protobuf", "1", "string").contains("Wrong protocol buffer type 'string'"));
        assertTrue(h.refused("protobuf", "1.").contains("Protocol buffers field number"));
        assertTrue(h.refused("ungrpc", "a").contains("Protocol buffers field number"));
    }
}
