package dev.shuttle.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.LogBackendConfig;
import dev.shuttle.config.LogDestination;
import dev.shuttle.config.LogSetup;
import dev.shuttle.config.LogTarget;
import dev.shuttle.config.RingConfig;
import dev.shuttle.config.ServerCheckSettings;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A {@code mode log} backend spreads messages over its servers as its {@code balance} says. */
class LogBackendTest {
    private static final SourceLocation AT = new SourceLocation("t.cfg", 1);

    private static LogBackendConfig.Server udp(String name, DatagramSocket receiver, boolean usable, boolean backup) {
        return new LogBackendConfig.Server(name, new LogDestination.Datagram(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), receiver.getLocalPort())), usable, backup,
                RingConfig.Framing.LEGACY, RingConfig.DEFAULT_SIZE);
    }

    private static List<String> drain(DatagramSocket receiver) throws Exception {
        List<String> lines = new ArrayList<>();
        receiver.setSoTimeout(300);
        try {
            while (true) {
                DatagramPacket packet = new DatagramPacket(new byte[512], 512);
                receiver.receive(packet);
                lines.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1));
            }
        } catch (SocketTimeoutException end) {
            return lines;
        }
    }

    private static List<List<String>> sendSix(LogBackendConfig.Balance balance, boolean firstUsable,
                                              boolean secondBackup) throws Exception {
        try (DatagramSocket one = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket two = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket three = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            LogBackendConfig backend = new LogBackendConfig(AT, "logs", balance, Optional.empty(), List.of(
                    udp("s1", one, firstUsable, false), udp("s2", two, true, secondBackup), udp("s3", three, true, false)));
            try (SyslogSender sender = new SyslogSender(new LogSetup(Optional.empty(), Optional.empty(), Map.of(),
                    Map.of("logs", backend), List.of()), LogClock.system())) {
                LogTarget target = new LogTarget(AT, "backend@logs", new LogDestination.Backend("logs"),
                        SyslogFacility.LOCAL0, SyslogLevel.DEBUG, SyslogLevel.EMERG, SyslogFormat.RAW);
                for (int i = 1; i <= 6; i++) {
                    sender.send(List.of(target), SyslogLevel.INFO, "m" + i);
                }
                return List.of(drain(one), drain(two), drain(three));
            }
        }
    }

    @Test
    void roundrobinTakesTheServersInTurn() throws Exception {
        assertEquals(List.of(List.of("m1\n", "m4\n"), List.of("m2\n", "m5\n"), List.of("m3\n", "m6\n")),
                sendSix(LogBackendConfig.Balance.ROUNDROBIN, true, false));
    }

    @Test
    void roundrobinGivesEachServerItsWeightsShare() throws Exception {
        try (DatagramSocket one = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket two = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket zero = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            LogBackendConfig.Server light = udp("s1", one, true, false);
            LogBackendConfig.Server heavy = udp("s2", two, true, false);
            LogBackendConfig.Server none = udp("s3", zero, true, false);
            LogBackendConfig backend = new LogBackendConfig(AT, "logs", LogBackendConfig.Balance.ROUNDROBIN,
                    Optional.empty(), List.of(light, withWeight(heavy, 3), withWeight(none, 0)));
            try (SyslogSender sender = new SyslogSender(new LogSetup(Optional.empty(), Optional.empty(), Map.of(),
                    Map.of("logs", backend), List.of()), LogClock.system())) {
                LogTarget target = new LogTarget(AT, "backend@logs", new LogDestination.Backend("logs"),
                        SyslogFacility.LOCAL0, SyslogLevel.DEBUG, SyslogLevel.EMERG, SyslogFormat.RAW);
                for (int i = 1; i <= 8; i++) {
                    sender.send(List.of(target), SyslogLevel.INFO, "m" + i);
                }
                assertEquals(List.of("m1\n", "m5\n"), drain(one));
                assertEquals(List.of("m2\n", "m3\n", "m4\n", "m6\n", "m7\n", "m8\n"), drain(two));
                assertEquals(List.of(), drain(zero)); // weight 0: never chosen
            }
        }
    }

    private static LogBackendConfig.Server withWeight(LogBackendConfig.Server server, int weight) {
        return new LogBackendConfig.Server(server.name(), server.destination(), server.usable(), server.backup(),
                server.framing(), server.bufferSize(), weight);
    }

    @Test
    void aDisabledServerAndABackupAreSkippedWhileOthersServe() throws Exception {
        assertEquals(List.of(List.of(), List.of(), List.of("m1\n", "m2\n", "m3\n", "m4\n", "m5\n", "m6\n")),
                sendSix(LogBackendConfig.Balance.ROUNDROBIN, false, true));
    }

    @Test
    void stickySendsEverythingToTheFirstServerInService() throws Exception {
        assertEquals(List.of(List.of(), List.of("m1\n", "m2\n", "m3\n", "m4\n", "m5\n", "m6\n"), List.of()),
                sendSix(LogBackendConfig.Balance.STICKY, false, false));
    }

    @Test
    void randomSendsEachMessageToExactlyOneServer() throws Exception {
        List<List<String>> received = sendSix(LogBackendConfig.Balance.RANDOM, true, false);
        assertEquals(6, received.stream().mapToInt(List::size).sum());
    }

    @Test
    void aServerItsCheckFoundDownGetsNoLineUntilItIsUpAgain() throws Exception {
        try (DatagramSocket one = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket two = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket spare = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            LogBackendConfig backend = new LogBackendConfig(AT, "logs", LogBackendConfig.Balance.ROUNDROBIN,
                    Optional.empty(), List.of(checked(udp("s1", one, true, false)), checked(udp("s2", two, true, false)),
                    checked(udp("s3", spare, true, true))));
            try (SyslogSender sender = new SyslogSender(new LogSetup(Optional.empty(), Optional.empty(), Map.of(),
                    Map.of("logs", backend), List.of()), LogClock.system())) {
                List<String> messages = new ArrayList<>();
                sender.reportServerStatesTo(messages::add, alert -> messages.add("ALERT " + alert));
                List<CheckedLogServer> servers = sender.checkedServers();
                assertEquals(List.of("logs/s1", "logs/s2", "logs/s3"),
                        servers.stream().map(CheckedLogServer::qualifiedName).toList());
                LogTarget target = new LogTarget(AT, "backend@logs", new LogDestination.Backend("logs"),
                        SyslogFacility.LOCAL0, SyslogLevel.DEBUG, SyslogLevel.EMERG, SyslogFormat.RAW);

                servers.get(1).healthChanged(false, ", reason: Layer4 connection problem");
                servers.get(1).healthChanged(false, ", reason: Layer4 connection problem"); // no change: no message
                sender.send(List.of(target), SyslogLevel.INFO, "a");
                sender.send(List.of(target), SyslogLevel.INFO, "b");
                assertEquals(List.of("a\n", "b\n"), drain(one));
                assertEquals(List.of(), drain(two));

                servers.get(0).healthChanged(false, ", reason: Layer4 timeout");
                sender.send(List.of(target), SyslogLevel.INFO, "c");
                assertEquals(List.of("c\n"), drain(spare)); // no active server left: the backup serves

                servers.get(2).healthChanged(false, ", reason: Layer4 timeout");
                sender.send(List.of(target), SyslogLevel.INFO, "lost"); // no server in service: dropped
                assertEquals(List.of(), drain(spare));
                servers.get(2).healthChanged(true, ", reason: Layer4 check passed");
                servers.get(1).healthChanged(true, ", reason: Layer4 check passed");
                sender.send(List.of(target), SyslogLevel.INFO, "d");
                assertEquals(List.of("d\n"), drain(two));
                assertEquals(List.of(), drain(spare));
                assertEquals(List.of(
                        "Server logs/s2 is DOWN, reason: Layer4 connection problem. 1 active and 1 backup servers left."
                                + " 0 sessions active, 0 requeued, 0 remaining in queue.",
                        "Server logs/s1 is DOWN, reason: Layer4 timeout. 0 active and 1 backup servers left. Running on"
                                + " backup. 0 sessions active, 0 requeued, 0 remaining in queue.",
                        "Backup Server logs/s3 is DOWN, reason: Layer4 timeout. 0 active and 0 backup servers left."
                                + " 0 sessions active, 0 requeued, 0 remaining in queue.",
                        "ALERT backend 'logs' has no server available!",
                        "Backup Server logs/s3 is UP, reason: Layer4 check passed. 0 active and 1 backup servers"
                                + " online. Running on backup. 0 sessions requeued, 0 total in queue.",
                        "Server logs/s2 is UP, reason: Layer4 check passed. 1 active and 1 backup servers online."
                                + " 0 sessions requeued, 0 total in queue."), messages);
            }
        }
    }

    private static LogBackendConfig.Server checked(LogBackendConfig.Server server) {
        ServerCheckSettings none = ServerCheckSettings.NONE;
        return new LogBackendConfig.Server(server.name(), server.destination(), server.usable(), server.backup(),
                server.framing(), server.bufferSize(), server.weight(), new ServerCheckSettings(true,
                none.interMillis(), 0, 0, none.rise(), none.fall(), none.initState(), 6000, Optional.empty(),
                none.agent(), none.track(), false, none.trafficHealth()));
    }

    @Test
    void aDisabledServersCheckSaysNothing() throws Exception {
        try (DatagramSocket one = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket two = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            LogBackendConfig backend = new LogBackendConfig(AT, "logs", LogBackendConfig.Balance.ROUNDROBIN,
                    Optional.empty(), List.of(checked(udp("s1", one, false, false)), udp("s2", two, true, false)));
            try (SyslogSender sender = new SyslogSender(new LogSetup(Optional.empty(), Optional.empty(), Map.of(),
                    Map.of("logs", backend), List.of()), LogClock.system())) {
                List<String> messages = new ArrayList<>();
                sender.reportServerStatesTo(messages::add, messages::add);
                CheckedLogServer disabled = sender.checkedServers().getFirst();
                disabled.healthChanged(false, ", reason: Layer4 connection problem");
                disabled.healthChanged(true, ", reason: Layer4 check passed");
                assertEquals(List.of(), messages);
                LogTarget target = new LogTarget(AT, "backend@logs", new LogDestination.Backend("logs"),
                        SyslogFacility.LOCAL0, SyslogLevel.DEBUG, SyslogLevel.EMERG, SyslogFormat.RAW);
                sender.send(List.of(target), SyslogLevel.INFO, "a");
                assertEquals(List.of(), drain(one)); // up by its check, still in maintenance
                assertEquals(List.of("a\n"), drain(two));
            }
        }
    }
}
