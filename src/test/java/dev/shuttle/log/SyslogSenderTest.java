package dev.shuttle.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.LogDestination;
import dev.shuttle.config.LogSampling;
import dev.shuttle.config.LogSetup;
import dev.shuttle.config.LogTarget;
import dev.shuttle.config.SyslogFacility;
import dev.shuttle.config.SyslogFormat;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.lang.SyslogLevel;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each {@code log} target receives, byte for byte against haproxy 3.5's datagrams (captured
 * with a UDP receiver, timestamps and pid set to this test's fixed clock and process).
 */
class SyslogSenderTest {
    private static final String PID = Long.toString(ProcessHandle.current().pid());
    /** 2026-12-06T22:33:37.868812Z. */
    private static final long MICROS = 1_796_596_417_868_812L;
    private static final LogClock FIXED = new LogClock() {
        @Override
        public long epochMicros() {
            return MICROS;
        }

        @Override
        public ZoneId zone() {
            return ZoneId.of("UTC");
        }
    };

    private static LogTarget target(DatagramSocket receiver, SyslogFormat format, boolean formatGiven, int len,
                                    Optional<LogSampling> sampling) {
        return new LogTarget(new SourceLocation("t.cfg", 1), "127.0.0.1:" + receiver.getLocalPort(),
                new LogDestination.Datagram(new InetSocketAddress(InetAddress.getLoopbackAddress(), receiver.getLocalPort())),
                SyslogFacility.LOCAL0, SyslogLevel.DEBUG, SyslogLevel.EMERG, format, formatGiven, len, sampling);
    }

    private static String receive(DatagramSocket receiver) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[70000], 70000);
        receiver.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
    }

    private static SyslogSender sender(Optional<String> hostname, Optional<String> tag) throws Exception {
        return new SyslogSender(new LogSetup(hostname, tag, Map.of()), FIXED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "LOCAL    | <134>Dec  6 22:33:37 haproxy[PID]: hello é",
            "RFC3164  | <134>Dec  6 22:33:37 localhost haproxy[PID]: hello é",
            "RFC5424  | <134>1 2026-12-06T22:33:37.868812+00:00 - haproxy PID - - hello é",
            "PRIORITY | <134>hello é",
            "SHORT    | <6>hello é",
            "TIMED    | <6>2026-12-06T22:33:37.868812+00:00 hello é",
            "ISO      | 2026-12-06T22:33:37.868812+00:00 hello é",
            "RAW      | hello é"})
    void eachFormatLaysTheLineOutAsHaproxy35Does(SyslogFormat format, String expected) throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             SyslogSender sender = sender(Optional.empty(), Optional.of("haproxy"))) {
            receiver.setSoTimeout(5000);
            sender.send(List.of(target(receiver, format, true, 1024, Optional.empty())), SyslogLevel.INFO, "hello \u00e9");
            assertEquals(expected.replace("PID", PID) + "\n", receive(receiver));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "LOCAL   | false | <134>Dec  6 22:33:37 vm mytag[PID]: m",
            "LOCAL   | true  | <134>Dec  6 22:33:37 mytag[PID]: m",
            "RFC3164 | true  | <134>Dec  6 22:33:37 vm mytag[PID]: m",
            "RFC5424 | true  | <134>1 2026-12-06T22:33:37.868812+00:00 vm mytag PID - - m"})
    void logSendHostnameNamesTheHostAndMakesRfc3164TheDefault(SyslogFormat format, boolean given, String expected)
            throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             SyslogSender sender = sender(Optional.of("vm"), Optional.of("mytag"))) {
            receiver.setSoTimeout(5000);
            sender.send(List.of(target(receiver, format, given, 1024, Optional.empty())), SyslogLevel.INFO, "m");
            assertEquals(expected.replace("PID", PID) + "\n", receive(receiver));
        }
    }

    @Test
    void aMessagesOwnTagAndStructuredDataGoInTheHeader() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             SyslogSender sender = sender(Optional.empty(), Optional.empty())) {
            receiver.setSoTimeout(5000);
            sender.send(List.of(target(receiver, SyslogFormat.RFC5424, true, 1024, Optional.empty())),
                    new LogMessage(SyslogLevel.NOTICE, Optional.of("fe"), "m", "[x@1 a=\"b\"]"));
            assertEquals("<133>1 2026-12-06T22:33:37.868812+00:00 - fe " + PID + " - [x@1 a=\"b\"] m\n",
                    receive(receiver));
        }
    }

    @Test
    void lenCutsTheWholeLineHeaderIncludedAndKeepsTheLineFeed() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             SyslogSender sender = sender(Optional.empty(), Optional.of("haproxy"))) {
            receiver.setSoTimeout(5000);
            String text = "x".repeat(200);
            sender.send(List.of(target(receiver, SyslogFormat.LOCAL, false, 80, Optional.empty())), SyslogLevel.INFO, text);
            String header = "<134>Dec  6 22:33:37 haproxy[" + PID + "]: ";
            String line = receive(receiver);
            assertEquals(80, line.length());
            assertEquals(header + "x".repeat(79 - header.length()) + "\n", line);
            sender.send(List.of(target(receiver, SyslogFormat.RAW, true, 1024, Optional.empty())), SyslogLevel.INFO,
                    "y".repeat(2000));
            assertEquals("y".repeat(1023) + "\n", receive(receiver), "1024 bytes by default");
        }
    }

    @Test
    void sampleSendsTheMessagesOfItsRangesInEachPeriod() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             SyslogSender sender = sender(Optional.empty(), Optional.empty())) {
            receiver.setSoTimeout(300);
            // haproxy 3.5 with "sample 2:3" sent the 2nd and 5th of 7 messages.
            LogTarget sampled = target(receiver, SyslogFormat.RAW, true, 1024,
                    Optional.of(new LogSampling(List.of(new LogSampling.Range(2, 2)), 3)));
            for (int i = 1; i <= 7; i++) {
                sender.send(List.of(sampled), SyslogLevel.INFO, "m" + i);
            }
            List<String> received = new ArrayList<>();
            try {
                while (true) {
                    received.add(receive(receiver));
                }
            } catch (SocketTimeoutException end) {
                // all in
            }
            assertEquals(List.of("m2\n", "m5\n"), received);
        }
    }

    @Test
    void aLineToAMissingReceiverIsCountedAsDroppedOnlyWhenItCannotLeave() throws Exception {
        try (SyslogSender sender = sender(Optional.empty(), Optional.empty())) {
            LogTarget ringless = new LogTarget(new SourceLocation("t.cfg", 1), "ring@none",
                    new LogDestination.Ring("none"), SyslogFacility.LOCAL0, SyslogLevel.DEBUG, SyslogLevel.EMERG,
                    SyslogFormat.RAW);
            sender.send(List.of(ringless), SyslogLevel.INFO, "m");
            assertTrue(sender.droppedLines() >= 1);
        }
    }
}
