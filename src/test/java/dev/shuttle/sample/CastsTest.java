package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every cell of the cast table. The values were observed with haproxy 2.6, feeding
 * {@code bool(1)}, {@code int(258)}, {@code ipv4(1.2.3.4)}, {@code ipv6(::1)}, {@code str(...)},
 * {@code bin(...)} and {@code meth(GET)} to {@code hex} (takes BIN), {@code lower} (STR),
 * {@code add} (SINT) and {@code ipmask} (an address); "cannot be applied" marks the refused cells.
 */
class CastsTest {
    private static Sample sample(String type, String text) {
        return switch (type) {
            case "BOOL" -> Sample.bool(text.equals("1"));
            case "SINT" -> Sample.sint(Long.parseLong(text));
            case "IPV4", "IPV6" -> Sample.addressOf(text.contains(":") ? Casts.parseIpv6(text) : Casts.parseIpv4(text));
            case "STR" -> Sample.str(text);
            case "BIN" -> Sample.bin(HexFormat.of().parseHex(text));
            case "METH" -> Sample.method(text);
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** The cast result written as haproxy shows it: BIN in upper-case hex, others as text; "-" for none. */
    private static String show(Sample sample) {
        if (sample == null) {
            return "-";
        }
        return sample.type() + ":" + (sample.type() == SampleType.BIN
                ? HexFormat.of().withUpperCase().formatHex(sample.asBytes()) : sample.toText());
    }

    @ParameterizedTest(name = "{0}({1}) as {2}")
    @CsvSource(delimiter = '|', value = {
        "BOOL | 1          | SINT | SINT:1",
        "BOOL | 1          | STR  | STR:1",
        "BOOL | 1          | BIN  | BIN:0000000000000001",
        "BOOL | 0          | SINT | SINT:0",
        "SINT | 258        | BOOL | BOOL:1",
        "SINT | 0          | BOOL | BOOL:0",
        "SINT | 258        | STR  | STR:258",
        "SINT | -2         | STR  | STR:-2",
        "SINT | 258        | BIN  | BIN:0000000000000102",
        "SINT | -2         | BIN  | BIN:FFFFFFFFFFFFFFFE",
        "SINT | 16909060   | IPV4 | IPV4:1.2.3.4",
        "SINT | -1         | IPV4 | IPV4:255.255.255.255",
        "SINT | 1          | IPV6 | IPV6:::ffff:0.0.0.1",
        "IPV4 | 1.2.3.4    | SINT | SINT:16909060",
        "IPV4 | 255.0.0.1  | SINT | SINT:4278190081",
        "IPV4 | 1.2.3.4    | STR  | STR:1.2.3.4",
        "IPV4 | 1.2.3.4    | BIN  | BIN:01020304",
        "IPV4 | 1.2.3.4    | IPV6 | IPV6:::ffff:1.2.3.4",
        "IPV6 | ::1        | STR  | STR:::1",
        "IPV6 | ::1        | BIN  | BIN:00000000000000000000000000000001",
        "IPV6 | ::ffff:1.2.3.4 | STR | STR:::ffff:1.2.3.4",
        "IPV6 | ::ffff:1.2.3.4 | BIN | BIN:00000000000000000000FFFF01020304",
        "IPV6 | ::ffff:1.2.3.4 | IPV4 | IPV4:1.2.3.4",
        "IPV6 | ::1.2.3.4  | IPV4 | IPV4:1.2.3.4",
        "IPV6 | 2002:102:304::1 | IPV4 | IPV4:1.2.3.4",
        "IPV6 | 2001:db8::1 | IPV4 | -",
        "STR  | 12abc      | SINT | SINT:12",
        "STR  | 1.2.3.4    | SINT | SINT:1",
        "STR  | abc        | SINT | SINT:0",
        "STR  | -12abc     | SINT | SINT:-12",
        "STR  | +12        | SINT | SINT:12",
        "STR  | ' 12'      | SINT | SINT:0",
        "STR  | --1        | SINT | SINT:0",
        "STR  | ''         | SINT | -",
        "STR  | 1          | BOOL | BOOL:1",
        "STR  | 0          | BOOL | BOOL:0",
        "STR  | x          | BOOL | BOOL:0",
        "STR  | 1.2.3.4    | IPV4 | IPV4:1.2.3.4",
        "STR  | 001.2.3.4  | IPV4 | IPV4:1.2.3.4",
        "STR  | 1.2.3.4x   | IPV4 | IPV4:1.2.3.4",
        "STR  | '1.2.3.4 x' | IPV4 | IPV4:1.2.3.4",
        "STR  | ' 1.2.3.4' | IPV4 | -",
        "STR  | 1.2.3.256  | IPV4 | -",
        "STR  | 1.2.3      | IPV4 | -",
        "STR  | 1..2.3     | IPV4 | -",
        "STR  | ::1        | IPV6 | IPV6:::1",
        "STR  | '::1 '     | IPV6 | -",
        "STR  | 1.2.3.4    | BIN  | BIN:312E322E332E34",
        "STR  | get        | METH | METH:get",
        "BIN  | 41004243   | STR  | STR:A",
        "BIN  | 41424300   | STR  | STR:ABC",
        "BIN  | 3132       | METH | METH:12",
        "METH | GET        | STR  | STR:GET",
        "METH | FOO        | BIN  | BIN:464F4F",
    })
    void castsAsHaproxy(String from, String text, SampleType to, String expected) {
        assertEquals(expected, show(Casts.castOrNull(sample(from, text), to)));
        assertTrue(Casts.canCast(SampleType.valueOf(from), to));
    }

    @ParameterizedTest
    @CsvSource({
        "BOOL,IPV4", "BOOL,IPV6", "BOOL,METH", "SINT,METH", "IPV4,BOOL", "IPV4,METH", "IPV6,BOOL", "IPV6,SINT",
        "IPV6,METH", "BIN,BOOL", "BIN,SINT", "BIN,IPV4", "BIN,IPV6", "METH,BOOL", "METH,SINT", "METH,IPV4",
        "METH,IPV6",
    })
    void refusedCells(SampleType from, SampleType to) {
        assertFalse(Casts.canCast(from, to));
    }

    @Test
    void refusedCellsGiveNothingAtRunTime() {
        assertNull(Casts.castOrNull(Sample.bool(true), SampleType.IPV4));
        assertNull(Casts.castOrNull(Sample.bin(new byte[] {1}), SampleType.SINT));
        assertNull(Casts.castOrNull(Sample.method("GET"), SampleType.SINT));
        assertEquals(Optional.empty(), Casts.cast(Sample.addressOf(Casts.parseIpv6("::1")), SampleType.SINT));
    }

    @Test
    void sameTypeIsTheSameSample() {
        Sample value = Sample.str("x");
        assertTrue(Casts.castOrNull(value, SampleType.STR) == value);
    }

    @Test
    void addressInput() {
        ConverterDefinition address = ConverterDefinition.takingAddress("a", List.of(), 0, SampleType.IPV4,
                (input, args, context) -> Optional.of(input), Arguments.Checker.NONE);
        assertEquals("IPV4:1.2.3.4", show(Casts.inputFor(Sample.str("1.2.3.4"), address)));
        assertEquals("IPV6:::ffff:1.2.3.4", show(Casts.inputFor(Sample.str("::ffff:1.2.3.4"), address)));
        assertEquals("IPV4:0.0.1.2", show(Casts.inputFor(Sample.sint(258), address)));
        assertEquals("IPV6:::1", show(Casts.inputFor(Sample.addressOf(Casts.parseIpv6("::1")), address)));
        assertEquals("-", show(Casts.inputFor(Sample.str("5x"), address)));
        assertTrue(Casts.canFeed(SampleType.STR, address));
        assertTrue(Casts.canFeed(SampleType.SINT, address));
        assertFalse(Casts.canFeed(SampleType.BOOL, address));
        assertFalse(Casts.canFeed(SampleType.BIN, address));
        assertFalse(Casts.canFeed(SampleType.METH, address));
    }

    @Test
    void anyInput() {
        ConverterDefinition any = ConverterDefinition.takingAny("d", List.of(), 0, null,
                (input, args, context) -> Optional.of(input), Arguments.Checker.NONE);
        Sample bin = Sample.bin(new byte[] {0});
        assertTrue(Casts.inputFor(bin, any) == bin);
        for (SampleType type : SampleType.values()) {
            assertTrue(Casts.canFeed(type, any));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "::1,::1", "::,::", "1::2:3,1::2:3", "1:0:0:2:0:0:0:3,1:0:0:2::3", "0:0:0:0:0:ffff:102:304,::ffff:1.2.3.4",
        "::1.2.3.4,::1.2.3.4", "1:2:3:4:5:6:0:0,1:2:3:4:5:6::", "1:0:2::,1:0:2::", "2001:DB8:0:1:0:0:0:1,2001:db8:0:1::1",
        "1:0:1:1:1:1:1:1,1:0:1:1:1:1:1:1", "0:0:1::,0:0:1::",
    })
    void ipv6TextIsInetNtops(String input, String text) {
        assertEquals(text, Casts.ipv6Text(Casts.parseIpv6(input)));
    }

    @Test
    void strictIpv4ForArguments() {
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Casts.parseIpv4("1.2.3.4"));
        assertArrayEquals(new byte[] {0, 0, 0, 0}, Casts.parseIpv4("0.0.0.0"));
        assertNull(Casts.parseIpv4("01.2.3.4"));
        assertNull(Casts.parseIpv4("1.2.3.4 "));
        assertNull(Casts.parseIpv4("1.2.3"));
        assertNull(Casts.parseIpv4("1.2.3.4.5"));
    }

    @Test
    void mappedAddressesStayIpv6() {
        Sample mapped = Sample.addressOf(Casts.parseIpv6("::ffff:1.2.3.4"));
        assertEquals(SampleType.IPV6, mapped.type());
        assertEquals(16, mapped.asAddress().getAddress().length);
        assertEquals("::ffff:1.2.3.4", mapped.toText());
    }
}
