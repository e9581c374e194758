package dev.shuttle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.Configuration;
import dev.shuttle.config.LogDestination;
import dev.shuttle.config.LogTarget;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.config.SyslogFacility;
import dev.shuttle.config.SyslogFormat;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.log.LogClock;
import dev.shuttle.log.SyslogSender;
import dev.shuttle.server.LogBackendStats;
import dev.shuttle.server.LogServerControl;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime API on the servers of {@code mode log} backends: the answers are HAProxy 3.5's
 * (printed by 3.5 for the same commands), and the changes reach the balancing of the lines and
 * what {@code show stat} and {@code show servers state} print.
 */
class LogServerCommandsTest {
    @TempDir
    Path directory;

    private final DatagramSocket one = socket();
    private final DatagramSocket two = socket();
    private final DatagramSocket three = socket();
    private SyslogSender sender;
    private CliSession session;
    private final List<String> said = new ArrayList<>();

    private static DatagramSocket socket() {
        try {
            DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            socket.setSoTimeout(300);
            return socket;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void start() throws Exception {
        String config = """
                backend lb
                    mode log
                    balance roundrobin
                    server s1 udp@127.0.0.1:%d
                    server s2 udp@127.0.0.1:%d disabled
                    server s3 udp@127.0.0.1:%d backup
                backend lh
                    mode log
                    balance log-hash lower
                    server h1 udp@127.0.0.1:%d
                backend ls
                    mode log
                    balance sticky
                    server t1 udp@127.0.0.1:%d
                    server t2 udp@127.0.0.1:%d
                backend lc
                    mode log
                    server c1 udp@127.0.0.1:%d check port 9 inter 1h
                    server c2 udp@127.0.0.1:%d check port 9 inter 1h
                backend be
                    mode http
                    server w1 127.0.0.1:18496
                """.formatted(one.getLocalPort(), two.getLocalPort(), three.getLocalPort(), one.getLocalPort(),
                one.getLocalPort(), two.getLocalPort(), one.getLocalPort(), two.getLocalPort());
        Path file = directory.resolve("cli.cfg");
        Files.writeString(file, config);
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        sender = new SyslogSender(configuration.logSetup(), LogClock.system());
        sender.reportServerStatesTo(said::add, text -> said.add("ALERT " + text));
        sender.reportRenamesTo(text -> said.add("NOTICE " + text));
        SyslogSender control = sender;
        ProcessView process = new StubProcessView(List.of(), List.of(
                new dev.shuttle.backend.Backend(configuration.proxies().stream()
                        .filter(p -> p.name().equals("be")).findFirst().orElseThrow()))) {
            @Override
            public List<LogBackendStats> logBackends() {
                return control.logBackendStats();
            }

            @Override
            public LogServerControl logServerControl() {
                return control;
            }
        };
        session = new CliSession(CliCommands.standard(process), CliLevel.ADMIN);
    }

    @AfterEach
    void stop() {
        sender.close();
        one.close();
        two.close();
        three.close();
    }

    private String run(String line) {
        String answer = session.execute(line);
        return answer.endsWith("\n\n") ? answer.substring(0, answer.length() - 1) : answer;
    }

    /** Sends four lines to {@code lb} and counts those each server received. */
    private List<Integer> sendFour() throws Exception {
        return sendFour("lb");
    }

    private List<Integer> sendFour(String backend) throws Exception {
        LogTarget target = new LogTarget(new SourceLocation("t.cfg", 1), "backend@" + backend, new LogDestination.Backend(backend),
                SyslogFacility.LOCAL0, SyslogLevel.DEBUG, SyslogLevel.EMERG, SyslogFormat.RAW);
        for (int i = 1; i <= 4; i++) {
            sender.send(List.of(target), SyslogLevel.INFO, "m" + i);
        }
        return List.of(received(one), received(two), received(three));
    }

    private static int received(DatagramSocket socket) throws Exception {
        int count = 0;
        try {
            while (true) {
                socket.receive(new DatagramPacket(new byte[512], 512));
                count++;
            }
        } catch (SocketTimeoutException end) {
            return count;
        }
    }

    private List<String> stateLines() {
        return run("show servers state lb").lines().skip(2).filter(l -> !l.isEmpty())
                .map(l -> String.join(" ", List.of(l.split(" ")).subList(5, 9))).toList();
    }

    private List<String> statuses() {
        return run("show stat").lines().skip(1).filter(l -> l.startsWith("lb,"))
                .map(l -> String.join(",", List.of(l.split(",", -1)).subList(17, 21))).toList();
    }

    @Test
    void disableAndEnableMoveTheLinesAndTheStateAsIn35() throws Exception {
        assertEquals(List.of(4, 0, 0), sendFour());
        assertEquals("\n", run("enable server lb/s2"));
        assertEquals(List.of(2, 2, 0), sendFour());
        // 3.5's state columns: op state, admin flags (4: disabled in the configuration), weights.
        assertEquals(List.of("2 0 1 1", "2 4 1 1", "2 0 1 1"), stateLines());
        assertEquals("\n", run("disable server lb/s1"));
        assertEquals(List.of(0, 4, 0), sendFour());
        assertEquals(List.of("0 1 1 1", "2 4 1 1", "2 0 1 1"), stateLines());
        assertEquals(List.of("MAINT,1,1,0", "no check,1,1,0", "no check,1,0,1", "UP,1,1,1"), statuses());
        assertEquals("\n", run("set server lb/s2 state maint"));
        assertEquals(List.of(0, 0, 4), sendFour(), "the backup once no other server is left");
        assertEquals(List.of(
                "Server lb/s2 is UP/READY (leaving forced maintenance).",
                "Server lb/s1 is going DOWN for maintenance. 1 active and 1 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.",
                "Server lb/s2 is going DOWN for maintenance. 0 active and 1 backup servers left. Running on backup. 0 sessions active, 0 requeued, 0 remaining in queue."),
                said);
        assertEquals("\n", run("set server lb/s3 state maint"));
        assertEquals("ALERT backend 'lb' has no server available!", said.getLast());
        assertEquals(List.of(0, 0, 0), sendFour());
        assertEquals("DOWN", statuses().getLast().split(",")[0]);
    }

    @Test
    void drainTakesTheServerOutOfTheBalancingButKeepsItRunning() throws Exception {
        run("enable server lb/s2");
        assertEquals("\n", run("set server lb/s1 state drain"));
        assertEquals(List.of(0, 4, 0), sendFour());
        assertEquals(List.of("2 8 1 1", "2 4 1 1", "2 0 1 1"), stateLines());
        assertEquals("DRAIN,1,1,0", statuses().getFirst());
        assertEquals("Server lb/s1 enters drain state. 1 active and 1 backup servers online. 0 sessions requeued, 0 total in queue.",
                said.getLast());
        // maint clears the drain, as 3.5's admin flags show (1, not 9).
        run("disable server lb/s1");
        assertEquals("0 1 1 1", stateLines().getFirst());
        assertEquals("\n", run("set server lb/s1 state ready"));
        assertEquals(List.of(2, 2, 0), sendFour());
        assertEquals("Server lb/s1 is UP/READY (leaving forced maintenance).", said.getLast());
    }

    @Test
    void weightsChangeTheSharesAndGetWeightReportsThem() throws Exception {
        run("enable server lb/s2");
        assertEquals("\n", run("set server lb/s1 weight 3"));
        assertEquals("3 (initial 1)\n\n", session.execute("get weight lb/s1"));
        assertEquals(List.of(3, 1, 0), sendFour());
        String id = run("show servers state lb").lines().skip(2).findFirst().orElseThrow().split(" ")[0];
        assertEquals("\n", run("set weight #" + id + "/#2 0%"), "by the ids");
        assertEquals("0 (initial 1)\n\n", session.execute("get weight lb/s2"));
        assertEquals(List.of(4, 0, 0), sendFour());
        assertEquals(List.of("2 0 3 1", "2 4 0 1", "2 0 1 1"), stateLines());
        assertEquals("UP,3,1,1", statuses().getLast(), "a server of weight 0 is not counted active, as in 3.5");
        assertEquals("Absolute weight can only be between 0 and 256 inclusive.\n\n", session.execute("set server lb/s1 weight 300"));
    }

    @Test
    void stickyStaysOnItsServerWhenTheFirstComesBack() throws Exception {
        assertEquals(List.of(4, 0, 0), sendFour("ls"));
        run("disable server ls/t1");
        assertEquals(List.of(0, 4, 0), sendFour("ls"));
        run("enable server ls/t1");
        assertEquals(List.of(0, 4, 0), sendFour("ls"), "t1 back goes last in the list, as in 3.5");
        run("disable server ls/t2");
        assertEquals(List.of(4, 0, 0), sendFour("ls"));
    }

    @Test
    void logHashTakesOnlyStaticWeights() {
        assertEquals("Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.\n\n",
                session.execute("set server lh/h1 weight 2"));
        assertEquals("\n", run("set weight lh/h1 0%"));
        assertEquals("0 (initial 1)\n\n", session.execute("get weight lh/h1"));
    }

    @Test
    void theAnswersToBadLinesAre35s() {
        assertEquals("No such server.\n\n", session.execute("disable server lb/nope"));
        assertEquals("No such backend.\n\n", session.execute("disable server nope/s1"));
        assertEquals("'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n\n",
                session.execute("set server lb/s1 state bogus"));
        assertTrue(session.execute("set server lb/s1 bogus").startsWith("usage: set server"));
        assertEquals("\n", run("set server be/w1 state drain"), "a traffic backend's server still works");
    }

    @Test
    void setServerAddrMovesTheLinesAndTheStateColumns() throws Exception {
        assertEquals(List.of(4, 0, 0), sendFour());
        assertEquals("port changed from '" + one.getLocalPort() + "' to '" + three.getLocalPort()
                + "' by 'stats socket command'\n", run("set server lb/s1 addr 127.0.0.1 port " + three.getLocalPort()));
        assertEquals(List.of(0, 0, 4), sendFour(), "s1's lines now reach the third receiver");
        String line = run("show servers state lb").lines().skip(2).findFirst().orElseThrow();
        assertEquals(List.of("127.0.0.1", String.valueOf(three.getLocalPort())),
                List.of(line.split(" ")[4], line.split(" ")[18]));
        assertEquals("nothing changed\n\n", session.execute("set server lb/s1 addr 127.0.0.1 port " + three.getLocalPort()));
        assertEquals("Invalid addr 'nowhere'\n\n", session.execute("set server lb/s1 addr nowhere"));
        assertEquals("set server <b>/<s> addr requires an address and optionally a port.\n\n",
                session.execute("set server lb/s1 addr"));
        assertEquals("IP changed from '127.0.0.1' to '127.0.0.2', port changed from '" + three.getLocalPort()
                + "' to '" + one.getLocalPort() + "' by 'stats socket command'\n",
                run("set server lb/s1 addr 127.0.0.2 port " + one.getLocalPort()));
        assertTrue(run("show stat").contains(",127.0.0.2:" + one.getLocalPort() + ","), "the stats' addr follows");
    }

    @Test
    void setServerHealthForcesTheStateAndSaysSoAsIn35() throws Exception {
        assertEquals("\n", run("set server lb/s1 health down"));
        assertEquals("Server lb/s1 is DOWN, changed from CLI. 0 active and 1 backup servers left. Running on backup."
                + " 0 sessions active, 0 requeued, 0 remaining in queue.", said.getLast());
        assertEquals(List.of(0, 0, 4), sendFour(), "the backup takes the lines");
        assertEquals("0 0 1 1", stateLines().getFirst());
        assertEquals("DOWN", statuses().getFirst().split(",")[0]);
        assertEquals("\n", run("set server lb/s1 health stopping"));
        assertEquals("Server lb/s1 is stopping, changed from CLI. 0 active and 1 backup servers online. Running on backup."
                + " 0 sessions requeued, 0 total in queue.",
                said.getLast());
        assertEquals(List.of(0, 0, 4), sendFour(), "a stopping server takes no line");
        assertEquals("3 0 1 1", stateLines().getFirst());
        assertEquals("NOLB", statuses().getFirst().split(",")[0]);
        String line = run("show servers state lb").lines().skip(2).findFirst().orElseThrow();
        assertEquals("4", line.split(" ")[12], "the counter CLI sets, printed for an unchecked server too (3.5)");
        assertEquals("\n", run("set server lb/s1 health up"));
        assertEquals(List.of(4, 0, 0), sendFour());
        assertEquals("'set server <srv> health' expects 'up', 'stopping', or 'down'.\n\n",
                session.execute("set server lb/s1 health sideways"));
    }

    @Test
    void theCheckCommandsOfAServerWithoutCheckAnswerAs35() {
        assertEquals("\n", run("disable health lb/s1"), "disabling a check it does not have changes nothing");
        assertEquals("\n", run("disable agent lb/s1"));
        assertEquals("Health check was not configured on this server, cannot enable.\n\n",
                session.execute("enable health lb/s1"));
        assertEquals("Agent was not configured on this server, cannot enable.\n\n", session.execute("enable agent lb/s1"));
        assertEquals("health checks are not enabled on this server\n\n", session.execute("set server lb/s1 check-port 80"));
        assertEquals("health checks are not enabled on this server\n\n",
                session.execute("set server lb/s1 check-addr 127.0.0.1"));
        assertEquals("agent checks are not enabled on this server.\n\n", session.execute("set server lb/s1 agent up"));
        assertEquals("agent checks are not enabled on this server\n\n", session.execute("set server lb/s1 agent-port 80"));
    }

    @Test
    void maxconnFqdnAndSslAnswerAs35() {
        assertEquals("\n", run("set maxconn server lb/s1 3"));
        assertTrue(run("show stat").lines().filter(l -> l.startsWith("lb,s1,")).findFirst().orElseThrow()
                .split(",", -1)[6].equals("3"), "slim shows it, as in 3.5");
        assertEquals("Require <maxconn>.\n\n", session.execute("set maxconn server lb/s1"));
        assertEquals("set server <b>/<s> fqdn failed because no resolution is configured.\n\n",
                session.execute("set server lb/s1 fqdn example.com"));
        assertEquals("set server <b>/<s> fqdn requires a FQDN.\n\n", session.execute("set server lb/s1 fqdn"));
        assertEquals("'set server <srv> ssl' cannot be set.  default-server should define ssl settings\n\n",
                session.execute("set server lb/s1 ssl on"));
    }

    /** The last columns of a {@code show servers state lc} line: srv_check_port srv_check_addr srv_agent_addr srv_agent_port. */
    private String checkColumns(String server) {
        String line = run("show servers state lc").lines().filter(l -> l.contains(" lc ") && l.contains(" " + server + " "))
                .findFirst().orElseThrow();
        List<String> words = List.of(line.split(" "));
        return String.join(" ", words.subList(words.size() - 4, words.size()));
    }

    @Test
    void showServersStateShowsWhereTheCheckGoesNowAsIn35() {
        assertEquals("9 - - 9", checkColumns("c1"));
        assertEquals("\n", run("set server lc/c1 check-port 80"));
        assertEquals("80 - - 9", checkColumns("c1"), "the agent port stays the configured check port, as 3.5's");
        assertEquals("\n", run("set server lc/c1 check-addr 127.0.0.2 port 81"));
        assertEquals("81 127.0.0.2 - 9", checkColumns("c1"));
        assertEquals("9 - - 9", checkColumns("c2"));
    }

    @Test
    void aServerInMaintenanceIsRenamedAndAnsweredByItsNewNameAsIn35() throws Exception {
        assertEquals("Server must be in maintenance mode to be renamed (set server <b>/<s> state maint).\n\n",
                session.execute("set server lb/s1 name x1"));
        run("disable server lb/s1");
        said.clear();
        assertEquals("A server with the same name already exists in this backend.\n\n",
                session.execute("set server lb/s1 name s3"));
        assertEquals("Server name updated.\n\n", session.execute("set server lb/s1 name s1"));
        assertEquals(List.of(), said, "the same name changes nothing");
        assertEquals("Server name updated.\n\n", session.execute("set server lb/s1 name x1"));
        assertEquals(List.of("NOTICE Server lb/x1 renamed from 's1'."), said);
        assertEquals("No such server.\n\n", session.execute("enable server lb/s1"));
        said.clear();
        assertEquals("\n", run("enable server lb/x1"));
        assertTrue(said.getFirst().startsWith("Server lb/x1 is UP"), said.toString());
        assertEquals(List.of(4, 0, 0), sendFour(), "the lines go to the renamed server");
        assertTrue(run("show stat").contains("\nlb,x1,"));
        assertTrue(run("show servers state lb").contains(" lb 1 x1 127.0.0.1 "));
        assertEquals("Server name contains invalid characters.\n\n", session.execute("set server lb/x1 name a/b"));
    }

    /** The {@code chkdown} column of each row of {@code lc}, its BACKEND row last (no checks run in this test). */
    private List<String> downTransitions() {
        List<String> lines = run("show stat").lines().toList();
        int column = List.of(lines.getFirst().substring(2).split(",", -1)).indexOf("chkdown");
        return lines.stream().filter(l -> l.startsWith("lc,")).map(l -> l.split(",", -1)[column]).toList();
    }

    @Test
    void clearCountersAllResetsTheLogServersAndTheirBackendAsIn35() {
        run("set server lc/c1 health down");
        run("set server lc/c2 health down"); // no server left: the backend goes down too
        assertEquals(List.of("1", "1", "1"), downTransitions());
        assertEquals("\n", run("clear counters"), "the maxima only: chkdown stays");
        assertEquals(List.of("1", "1", "1"), downTransitions());
        assertEquals("Server counters cleared.\n", run("clear counters server lc/c1"));
        assertEquals(List.of("0", "1", "1"), downTransitions());
        assertEquals("\n", run("clear counters all"));
        assertEquals(List.of("0", "0", "0"), downTransitions());
    }
}
