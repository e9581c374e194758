package dev.shuttle.logfwd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.LogForwardConfig;
import dev.shuttle.config.SyslogFacility;
import dev.shuttle.config.SyslogFormat;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Received messages relayed in each format, byte for byte as haproxy 3.5's log-forward relayed
 * them (captured with a UDP receiver, sender 127.0.0.1, option host fill, target facility local0);
 * "now" is this test's fixed clock, 2026-12-06T22:49:41.632229Z.
 */
class ForwardedMessageTest {
    private static final long NOW = 1_796_597_381_632_229L;
    private static final List<SyslogFormat> FORMATS = List.of(SyslogFormat.LOCAL, SyslogFormat.RFC3164,
            SyslogFormat.RFC5424, SyslogFormat.PRIORITY, SyslogFormat.SHORT, SyslogFormat.TIMED, SyslogFormat.ISO,
            SyslogFormat.RAW);

    private static List<String> relayed(String received, LogForwardConfig.Host strategy) {
        SyslogMessage message = SyslogParser.parse(received);
        ForwardedMessage forwarded = new ForwardedMessage(message,
                HostField.choose(strategy, message.hostname(), "127.0.0.1"), NOW, ZoneId.of("UTC"));
        return FORMATS.stream().map(format -> forwarded.header(format, SyslogFacility.LOCAL0) + forwarded.text())
                .toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "<134>1 2026-12-06T10:00:00.123456+00:00 myhost app 123 ID47 [sd@1 a=\"b\"] hello 5424"
                    + "| <134>Dec  6 10:00:00 app[123]: hello 5424"
                    + "| <134>Dec  6 10:00:00 myhost app[123]: hello 5424"
                    + "| <134>1 2026-12-06T10:00:00.123456+00:00 myhost app 123 ID47 [sd@1 a=\"b\"] hello 5424"
                    + "| <134>hello 5424| <6>hello 5424| <6>2026-12-06T10:00:00.123456+00:00 hello 5424"
                    + "| 2026-12-06T10:00:00.123456+00:00 hello 5424| hello 5424",
            "<13>Dec  6 10:00:00 myhost app[123]: hello 3164"
                    + "| <13>Dec  6 10:00:00 app[123]: hello 3164| <13>Dec  6 10:00:00 myhost app[123]: hello 3164"
                    + "| <13>1 2026-12-06T10:00:00-00:00 myhost app 123 - - hello 3164| <13>hello 3164| <5>hello 3164"
                    + "| <5>2026-12-06T10:00:00-00:00 hello 3164| 2026-12-06T10:00:00-00:00 hello 3164| hello 3164",
            "<13>Dec  6 10:00:00 myhost app: hello nopid"
                    + "| <13>Dec  6 10:00:00 app: hello nopid| <13>Dec  6 10:00:00 myhost app: hello nopid"
                    + "| <13>1 2026-12-06T10:00:00-00:00 myhost app - - - hello nopid| <13>hello nopid| <5>hello nopid"
                    + "| <5>2026-12-06T10:00:00-00:00 hello nopid| 2026-12-06T10:00:00-00:00 hello nopid| hello nopid",
            "<13>hello bare"
                    + "| <13>Dec  6 22:49:41 hello bare| <13>Dec  6 22:49:41 127.0.0.1 hello bare"
                    + "| <13>1 2026-12-06T22:49:41.632229+00:00 127.0.0.1 - - - - hello bare| <13>hello bare"
                    + "| <5>hello bare| <5>2026-12-06T22:49:41.632229+00:00 hello bare"
                    + "| 2026-12-06T22:49:41.632229+00:00 hello bare| hello bare",
            "hello nopri"
                    + "| <128>Dec  6 22:49:41 hello nopri| <128>Dec  6 22:49:41 127.0.0.1 hello nopri"
                    + "| <128>1 2026-12-06T22:49:41.632229+00:00 127.0.0.1 - - - - hello nopri| <128>hello nopri"
                    + "| <0>hello nopri| <0>2026-12-06T22:49:41.632229+00:00 hello nopri"
                    + "| 2026-12-06T22:49:41.632229+00:00 hello nopri| hello nopri",
            "<134>1 - - - - - - minimal 5424"
                    + "| <134>Dec  6 22:49:41 minimal 5424| <134>Dec  6 22:49:41 127.0.0.1 minimal 5424"
                    + "| <134>1 - 127.0.0.1 - - - - minimal 5424| <134>minimal 5424| <6>minimal 5424"
                    + "| <6>2026-12-06T22:49:41.632229+00:00 minimal 5424| 2026-12-06T22:49:41.632229+00:00 minimal 5424"
                    + "| minimal 5424"})
    void eachFormatAs35RelaysIt(String received, String local, String rfc3164, String rfc5424, String priority,
                                String shortFormat, String timed, String iso, String raw) {
        assertEquals(List.of(local, rfc3164, rfc5424, priority, shortFormat, timed, iso, raw),
                relayed(received, LogForwardConfig.Host.FILL));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // A host name must be followed by a space, and a tag by ": ", or they are not taken as such.
            "<13>Dec  6 10:00:00 myhost hello there no tag| <13>Dec  6 10:00:00 myhost hello there no tag"
                    + "| <13>1 2026-12-06T10:00:00-00:00 myhost - - - - hello there no tag",
            "<13>Dec  6 10:00:00 myhost| <13>Dec  6 22:49:41 127.0.0.1 Dec  6 10:00:00 myhost"
                    + "| <13>1 2026-12-06T22:49:41.632229+00:00 127.0.0.1 - - - - Dec  6 10:00:00 myhost",
            "<13>Dec 16 10:00:00 myhost app[12]:nospace| <13>Dec 16 10:00:00 myhost app[12]:nospace"
                    + "| <13>1 2026-12-16T10:00:00-00:00 myhost - - - - app[12]:nospace",
            "<13>Dec  6 10:00:00 app[12]: local style| <13>Dec  6 10:00:00 app[12]: local style"
                    + "| <13>1 2026-12-06T10:00:00-00:00 app[12]: - - - - local style",
            "<134>1 2026-12-06T10:00:00.1+02:00 h a p m [x y=\"z\"][w] msg sd2"
                    + "| <134>Dec  6 10:00:00 h a[p]: msg sd2| <134>1 2026-12-06T10:00:00.1+02:00 h a p m [x y=\"z\"][w] msg sd2",
            "<999>bad pri| <999>Dec  6 22:49:41 127.0.0.1 bad pri"
                    + "| <999>1 2026-12-06T22:49:41.632229+00:00 127.0.0.1 - - - - bad pri",
            // 3.5 loses the last two bytes here ("1 bad 54"); Shuttle keeps the text whole.
            "<13>1 bad 5424| <13>Dec  6 22:49:41 127.0.0.1 1 bad 5424"
                    + "| <13>1 2026-12-06T22:49:41.632229+00:00 127.0.0.1 - - - - 1 bad 5424",
            "<14>2 2026-12-06T10:00:00Z h a p m - version2| <14>Dec  6 22:49:41 127.0.0.1 2 2026-12-06T10:00:00Z h a p m - version2"
                    + "| <14>1 2026-12-06T22:49:41.632229+00:00 127.0.0.1 - - - - 2 2026-12-06T10:00:00Z h a p m - version2"})
    void headersThatAreNotWhatTheySeem(String received, String rfc3164, String rfc5424) {
        List<String> relayed = relayed(received, LogForwardConfig.Host.FILL);
        assertEquals(List.of(rfc3164, rfc5424), List.of(relayed.get(1), relayed.get(2)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "REPLACE | <13>Dec  6 10:00:00 127.0.0.1 app[12]: m | <134>Dec  6 22:49:41 127.0.0.1 a: o",
            "FILL    | <13>Dec  6 10:00:00 myhost app[12]: m    | <134>Dec  6 22:49:41 127.0.0.1 a: o",
            "KEEP    | <13>Dec  6 10:00:00 myhost app[12]: m    | <134>Dec  6 22:49:41 localhost a: o",
            "APPEND  | <13>Dec  6 10:00:00 myhost,127.0.0.1 app[12]: m | <134>Dec  6 22:49:41 127.0.0.1 a: o"})
    void optionHost(LogForwardConfig.Host strategy, String withHost, String withoutHost) {
        assertEquals(withHost, relayed("<13>Dec  6 10:00:00 myhost app[12]: m", strategy).get(1));
        assertEquals(withoutHost, relayed("<134>1 - - a - - - o", strategy).get(1));
    }
}
