package dev.shuttle.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.LogDestination;
import dev.shuttle.config.LogSetup;
import dev.shuttle.config.LogTarget;
import dev.shuttle.config.SyslogFacility;
import dev.shuttle.config.SyslogFormat;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.lang.SyslogLevel;
import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** {@code log /dev/log} and {@code log unix@<path>}: one datagram per message on a UNIX socket. */
class UnixDatagramLogTest {
    @TempDir
    Path directory;

    private static LogTarget target(Path path) {
        return new LogTarget(new SourceLocation("t.cfg", 1), path.toString(), new LogDestination.UnixDatagram(path),
                SyslogFacility.DAEMON, SyslogLevel.DEBUG, SyslogLevel.EMERG, SyslogFormat.SHORT);
    }

    @Test
    void aMessageArrivesAsOneDatagram() throws Exception {
        Path path = directory.resolve("log.sock");
        try (AFUNIXDatagramSocket receiver = AFUNIXDatagramSocket.newInstance();
             SyslogSender sender = new SyslogSender(LogSetup.NONE, LogClock.system())) {
            receiver.bind(AFUNIXSocketAddress.of(path));
            receiver.setSoTimeout(5000);
            sender.send(List.of(target(path)), SyslogLevel.WARNING, "disk full");
            DatagramPacket packet = new DatagramPacket(new byte[512], 512);
            receiver.receive(packet);
            assertEquals("<4>disk full\n", new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1));
            assertEquals(0, sender.droppedLines());
        }
    }

    @Test
    void noSocketAtThePathIsReportedOnceAndNotCountedAsDropped() throws Exception {
        try (SyslogSender sender = new SyslogSender(new LogSetup(Optional.empty(), Optional.empty(), Map.of()),
                LogClock.system())) {
            List<String> alerts = new ArrayList<>();
            sender.reportFailuresTo(alerts::add);
            LogTarget absent = target(directory.resolve("absent.sock"));
            sender.send(List.of(absent, absent), SyslogLevel.INFO, "m");
            sender.send(List.of(absent), SyslogLevel.INFO, "m");
            // haproxy 3.5: "[ALERT] ... sendmsg()/writev() failed in logger #1: No such file or directory
            // (errno=2)", once, and DroppedLogs stays 0
            assertEquals(1, alerts.size());
            assertTrue(alerts.getFirst().startsWith("sendmsg()/writev() failed in logger #1: "), alerts.getFirst());
            assertEquals(0, sender.droppedLines());
        }
    }
}
