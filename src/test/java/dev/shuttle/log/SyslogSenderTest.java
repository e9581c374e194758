package dev.shuttle.log;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.LogTarget;
import dev.shuttle.config.SyslogFacility;
import dev.shuttle.config.SyslogFormat;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.net.Address;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The layouts of {@code log ... format <name>}, as haproxy 2.6 sends them (see {@link SyslogFormat}). */
class SyslogSenderTest {
    private static final String PID = Long.toString(ProcessHandle.current().pid());
    private static final String ISO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}[+-]\\d\\d:\\d\\d";
    private static final String RFC3164 = "[A-Z][a-z]{2} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "LOCAL    | <134>" + RFC3164 + " shuttle\\[PID\\]: hello é",
            "RFC3164  | <134>" + RFC3164 + " localhost shuttle\\[PID\\]: hello é",
            "RFC5424  | <134>1 " + ISO + " - shuttle PID - - hello é",
            "PRIORITY | <134>hello é",
            "SHORT    | <6>hello é",
            "TIMED    | <6>" + ISO + " hello é",
            "ISO      | " + ISO + " hello é",
            "RAW      | hello é"})
    void eachFormatLaysTheLineOutAsHaproxyDoes(SyslogFormat format, String expected) throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             SyslogSender sender = new SyslogSender("shuttle")) {
            receiver.setSoTimeout(5000);
            LogTarget target = new LogTarget(new SourceLocation("t.cfg", 1), "127.0.0.1:" + receiver.getLocalPort(),
                    Optional.of(new Address.Inet("127.0.0.1", receiver.getLocalPort(), Address.Family.ANY)),
                    SyslogFacility.LOCAL0, SyslogLevel.DEBUG, SyslogLevel.EMERG, format);
            sender.send(List.of(target), SyslogLevel.INFO, "hello \u00e9");
            DatagramPacket packet = new DatagramPacket(new byte[512], 512);
            receiver.receive(packet);
            String line = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
            // Every datagram ends with a line feed, as HAProxy 3.5's do.
            String pattern = expected.replace("PID", PID) + "\n";
            assertTrue(line.matches(pattern), "'" + line + "' should match " + pattern);
        }
    }
}
