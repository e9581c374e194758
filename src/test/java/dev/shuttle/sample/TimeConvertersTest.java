package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** utime outputs were captured from haproxy 2.6 (glibc strftime, C locale). */
class TimeConvertersTest {
    private final SampleConvertersTest.Harness h = new SampleConvertersTest.Harness(TimeConverters::register);
    private static final long JULY_10_2014 = 1404993830L;

    @Test
    void utimeFormats() {
        assertEquals("2014-07-10 12:03:50", h.text("utime", Sample.sint(JULY_10_2014), "%Y-%m-%d %H:%M:%S"));
        assertEquals("20140710130350", h.text("utime", Sample.sint(JULY_10_2014), "%Y%m%d%H%M%S", 3600L));
        assertEquals("1970", h.text("utime", Sample.sint(0), "%Y"));
        assertEquals("191|Thu|Thursday|Jul|July|10|12:03:50|2014-07-10|+0000|GMT|1404993830|4|4|14|%|07/10/14|12:03|PM|12"
                + "|20|2014|14|28|27|27|Jul|\n|\t|Thu Jul 10 12:03:50 2014|07/10/14|12:03:50|12:03:50 PM|12|12|pm",
                h.text("utime", Sample.sint(JULY_10_2014), "%j|%a|%A|%b|%B|%e|%T|%F|%z|%Z|%s|%u|%w|%y|%%|%D|%R|%p|%I|%C"
                        + "|%G|%g|%V|%U|%W|%h|%n|%t|%c|%x|%X|%r|%k|%l|%P"));
        assertEquals(" 1| 5| 5|AM", h.text("utime", Sample.sint(5 * 3600 + 86400 * 365), "%e|%k|%l|%p"));
    }

    @Test
    void ltimeUsesTheLocalZone() {
        String expected = Instant.ofEpochSecond(JULY_10_2014).atZone(ZoneId.systemDefault())
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        assertEquals(expected, h.text("ltime", Sample.sint(JULY_10_2014), "%Y-%m-%d %H:%M:%S"));
    }

    @Test
    void unsupportedConversionsAreRefusedAtLoad() {
        // glibc would copy "%q" to the output; Shuttle refuses it when the configuration loads.
        assertTrue(h.refused("utime", "%q").contains("unsupported conversion '%q'"));
        assertTrue(h.refused("ltime", "%Y%").contains("lone '%'"));
    }

    @Test
    void datesBeyondWhatCanBePrintedFail() {
        // haproxy 2.6 keeps the low 55 bits of the date and prints year 1141709097 for -1;
        // that year is beyond java.time, so the converter fails instead.
        assertEquals("<none>", h.text("utime", Sample.sint(-1), "%Y"));
    }
}
