package dev.shuttle.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The converters that pick a field out of a protocol buffers message (configuration.txt §7.3.1):
 * {@code protobuf(<field_number>[,<field_type>])} on a bare message and {@code ungrpc(...)} on a
 * gRPC body, whose messages each start with a 5-byte header:
 *
 * <pre>
 *   gRPC message = compressed-flag (1 byte) length (4 bytes, big endian) message (length bytes)
 *   field        = key (varint: field_number &lt;&lt; 3 | wire_type) value
 *   wire_type    0 varint | 1 64-bit, little endian | 2 varint length, then that many bytes
 *                | 5 32-bit, little endian          (3 and 4, groups, end the search)
 * </pre>
 *
 * {@code <field_number>} is a dotted path ({@code 48.59.1}: field 1 of the sub-message in field 59
 * of the sub-message in field 48). Without {@code <field_type>} the field's raw bytes come out (a
 * length-delimited field's content); with one, an integer, read as HAProxy 3.5 reads it (an
 * {@code int32} is not cut to 32 bits, a {@code float} or {@code double} becomes its integer part).
 */
public final class ProtobufConverters {
    private static final int VARINT = 0;
    private static final int SIXTY_FOUR_BIT = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int THIRTY_TWO_BIT = 5;
    private static final int GRPC_HEADER = 5;

    /** The typed readings of {@code <field_type>}, by the wire type each takes. */
    enum FieldType {
        BINARY(-1), INT32(VARINT), UINT32(VARINT), INT64(VARINT), UINT64(VARINT), BOOL(VARINT), ENUM(VARINT),
        SINT32(VARINT), SINT64(VARINT), FIXED32(THIRTY_TWO_BIT), SFIXED32(THIRTY_TWO_BIT), FLOAT(THIRTY_TWO_BIT),
        FIXED64(SIXTY_FOUR_BIT), SFIXED64(SIXTY_FOUR_BIT), DOUBLE(SIXTY_FOUR_BIT);

        final int wireType;

        FieldType(int wireType) {
            this.wireType = wireType;
        }
    }

    private static final Map<String, FieldType> TYPE_NAMES = Map.ofEntries(Map.entry("int32", FieldType.INT32),
            Map.entry("uint32", FieldType.UINT32), Map.entry("sint32", FieldType.SINT32),
            Map.entry("int64", FieldType.INT64), Map.entry("uint64", FieldType.UINT64),
            Map.entry("sint64", FieldType.SINT64), Map.entry("bool", FieldType.BOOL), Map.entry("enum", FieldType.ENUM),
            Map.entry("fixed32", FieldType.FIXED32), Map.entry("sfixed32", FieldType.SFIXED32),
            Map.entry("float", FieldType.FLOAT), Map.entry("fixed64", FieldType.FIXED64),
            Map.entry("sfixed64", FieldType.SFIXED64), Map.entry("double", FieldType.DOUBLE));

    private ProtobufConverters() {}

    public static void register(SampleRegistry registry) {
        registry.registerConverter(new ConverterDefinition("protobuf", List.of(ArgType.STR, ArgType.STR), 1,
                SampleType.BIN, SampleType.BIN, (in, a, c) -> {
                    byte[] message = in.asBytes();
                    return lookup(message, new Cursor(0, message.length), (int[]) a.values().get(0),
                            (FieldType) a.values().get(1));
                }, ProtobufConverters::check));
        registry.registerConverter(new ConverterDefinition("ungrpc", List.of(ArgType.STR, ArgType.STR), 1,
                SampleType.BIN, SampleType.BIN,
                (in, a, c) -> ungrpc(in.asBytes(), (int[]) a.values().get(0), (FieldType) a.values().get(1)),
                ProtobufConverters::check));
    }

    /** The path as numbers, the type as a {@link FieldType} (none: {@link FieldType#BINARY}). */
    private static Arguments check(Arguments arguments) throws SampleCompileException {
        int[] path = path(arguments.str(0));
        FieldType type = FieldType.BINARY;
        if (arguments.has(1)) {
            type = TYPE_NAMES.get(arguments.str(1));
            if (type == null) {
                throw new SampleCompileException("Wrong protocol buffer type '" + arguments.str(1) + "'");
            }
        }
        List<Object> values = new ArrayList<>(Arrays.asList(path, type));
        return new Arguments(values);
    }

    /** {@code 48.59.1}: unsigned numbers separated by single dots, none empty at the end. */
    static int[] path(String text) throws SampleCompileException {
        if (text.isEmpty()) {
            throw new SampleCompileException("missing Protocol buffers field number");
        }
        List<Integer> numbers = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int value = 0;
            while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                value = value * 10 + text.charAt(at++) - '0';
            }
            if (at < text.length() && (text.charAt(at) != '.' || at + 1 == text.length())) {
                throw new SampleCompileException("failed to parse '" + text + "' as type 'Protocol buffers field number'");
            }
            at++;
            numbers.add(value);
        }
        return numbers.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Where the search is in the message, and where the part being searched ends. */
    private static final class Cursor {
        int position;
        int end;
        /** A varint was cut short or too long: the search ends. */
        boolean broken;

        Cursor(int position, int end) {
            this.position = position;
            this.end = end;
        }

        int left() {
            return end - position;
        }
    }

    /** Each gRPC message in turn, until one has the field (HAProxy goes on from where a search stopped). */
    static Optional<Sample> ungrpc(byte[] body, int[] path, FieldType type) {
        Cursor cursor = new Cursor(0, body.length);
        long bodyLeft = body.length;
        while (bodyLeft > GRPC_HEADER) {
            long length = ((body[cursor.position + 1] & 0xFFL) << 24) | ((body[cursor.position + 2] & 0xFFL) << 16)
                    | ((body[cursor.position + 3] & 0xFFL) << 8) | (body[cursor.position + 4] & 0xFFL);
            cursor.position += GRPC_HEADER;
            bodyLeft -= GRPC_HEADER;
            if (bodyLeft < length) {
                return Optional.empty();
            }
            cursor.end = cursor.position + (int) length;
            Optional<Sample> found = lookup(body, cursor, path, type);
            if (found.isPresent()) {
                return found;
            }
            bodyLeft -= length;
            // HAProxy reads the next header where the search stopped, which may be inside this message.
            cursor.broken = false;
            if (cursor.position + GRPC_HEADER > body.length) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Follows the path from the cursor; the field's value, or nothing (the cursor stays where it stopped). */
    static Optional<Sample> lookup(byte[] message, Cursor cursor, int[] path, FieldType type) {
        int depth = 0;
        while (cursor.left() > 0 && depth < path.length) {
            long key = varint(message, cursor);
            if (cursor.broken) {
                return Optional.empty();
            }
            int wireType = (int) (key & 0x7);
            int fieldNumber = (int) (key >>> 3);
            boolean found = fieldNumber == path[depth];
            if (wireType != VARINT && wireType != SIXTY_FOUR_BIT && wireType != LENGTH_DELIMITED
                    && wireType != THIRTY_TWO_BIT) {
                return Optional.empty();
            }
            long length = 0;
            if (wireType == LENGTH_DELIMITED) {
                length = varint(message, cursor);
                if (cursor.broken || Long.compareUnsigned(length, cursor.left()) > 0) {
                    return Optional.empty();
                }
            }
            if (found) {
                if (depth == path.length - 1) {
                    return value(message, cursor, wireType, (int) length, type);
                }
                if (wireType == LENGTH_DELIMITED) {
                    cursor.end = cursor.position + (int) length;
                    depth++;
                    continue;
                }
                return Optional.empty();
            }
            if (!skip(message, cursor, wireType, (int) length)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * A varint (7 bits a byte, least significant first, the high bit set on all but the last) read
     * at the cursor, which moves past it; the cursor is {@code broken} when it is cut short or
     * longer than 64 bits. With no byte left, HAProxy reads 0.
     */
    private static long varint(byte[] message, Cursor cursor) {
        long value = 0;
        int shift = 0;
        while (cursor.left() > 0) {
            int b = message[cursor.position++] & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
            if (cursor.left() == 0 || shift > 63) {
                cursor.broken = true;
                return 0;
            }
        }
        return value;
    }

    private static boolean skip(byte[] message, Cursor cursor, int wireType, int length) {
        int size = switch (wireType) {
            case SIXTY_FOUR_BIT -> 8;
            case THIRTY_TWO_BIT -> 4;
            case LENGTH_DELIMITED -> length;
            default -> -1;
        };
        if (size < 0) {
            varint(message, cursor);
            return !cursor.broken;
        }
        if (cursor.left() < size) {
            return false;
        }
        cursor.position += size;
        return true;
    }

    /** The found field's value as {@code type} reads it; nothing when the type does not fit its wire type. */
    private static Optional<Sample> value(byte[] message, Cursor cursor, int wireType, int length, FieldType type) {
        int start = cursor.position;
        if (type != FieldType.BINARY && type.wireType != wireType) {
            return Optional.empty();
        }
        switch (wireType) {
            case VARINT -> {
                long value = varint(message, cursor);
                if (cursor.broken) {
                    return Optional.empty();
                }
                if (type == FieldType.BINARY) {
                    return Optional.of(Sample.bin(Arrays.copyOfRange(message, start, cursor.position)));
                }
                boolean zigzag = type == FieldType.SINT32 || type == FieldType.SINT64;
                return Optional.of(Sample.sint(zigzag ? (value >>> 1) ^ -(value & 1) : value));
            }
            case SIXTY_FOUR_BIT -> {
                if (cursor.left() < 8) {
                    return Optional.empty();
                }
                long bits = littleEndian(message, start, 8);
                return Optional.of(switch (type) {
                    case BINARY -> Sample.bin(Arrays.copyOfRange(message, start, start + 8));
                    case DOUBLE -> Sample.sint((long) Double.longBitsToDouble(bits));
                    default -> Sample.sint(bits);
                });
            }
            case THIRTY_TWO_BIT -> {
                if (cursor.left() < 4) {
                    return Optional.empty();
                }
                long bits = littleEndian(message, start, 4);
                return Optional.of(switch (type) {
                    case BINARY -> Sample.bin(Arrays.copyOfRange(message, start, start + 4));
                    case SFIXED32 -> Sample.sint((int) bits);
                    case FLOAT -> Sample.sint((long) Float.intBitsToFloat((int) bits) & 0xFFFFFFFFL);
                    default -> Sample.sint(bits);
                });
            }
            default -> {
                if (type != FieldType.BINARY) {
                    return Optional.empty();
                }
                return Optional.of(Sample.bin(Arrays.copyOfRange(message, start, start + length)));
            }
        }
    }

    private static long littleEndian(byte[] bytes, int from, int size) {
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[from + i] & 0xFF);
        }
        return value;
    }
}
