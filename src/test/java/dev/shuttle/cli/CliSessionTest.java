package dev.shuttle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.listener.Frontend;
import dev.shuttle.stats.InfoField;
import dev.shuttle.version.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CliSessionTest {
    private static final Instant STARTED = Instant.now().minusSeconds(90_061); // 1d 1h 1m 1s ago

    /** A process with fixed answers. */
    private static final ProcessView PROCESS = new ProcessView() {
        public long pid() {
            return 4242;
        }

        public Instant startTime() {
            return STARTED;
        }

        public int currentConnections() {
            return 5;
        }

        public long cumulativeConnections() {
            return 77;
        }

        public int maxconn() {
            return 100;
        }

        public int threads() {
            return 3;
        }

        public int listeners() {
            return 2;
        }

        public boolean stopping() {
            return true;
        }

        public long droppedLogs() {
            return 3;
        }

        public String nodeName() {
            return "node-1";
        }

        public List<Frontend> frontends() {
            return List.of();
        }

        public List<Backend> backends() {
            return List.of();
        }
    };

    private final List<String> adminRuns = new ArrayList<>();

    /** The standard table plus an admin-only command and one that fails after writing. */
    private CliCommands table() {
        CliCommands table = CliCommands.standard(PROCESS);
        table.register(new CliCommand(List.of("shutdown", "sessions"), "shutdown sessions", "kill every session",
                CliLevel.ADMIN, (args, session, out) -> {
                    adminRuns.add(String.join(",", args));
                    out.append("done\n");
                }));
        table.register(new CliCommand(List.of("broken"), "broken", "always fails", CliLevel.USER,
                (args, session, out) -> {
                    out.append("partial output");
                    throw new CliException("Require a valid argument.");
                }));
        return table;
    }

    private CliSession session(CliLevel level) {
        return new CliSession(table(), level);
    }

    @Test
    void eachAnswerEndsWithAnEmptyLine() {
        assertEquals(Version.SHUTTLE + "\n\n", session(CliLevel.USER).execute("show version"));
    }

    @Test
    void semicolonsRunSeveralCommandsInOrder() {
        CliSession session = session(CliLevel.ADMIN);
        assertEquals(Version.SHUTTLE + "\n\ndone\n\n" + Version.SHUTTLE + "\n\n",
                session.execute("show version; shutdown sessions a\\;b c;;show version"));
        assertEquals(List.of("a;b,c"), adminRuns, "escaped ';' stays inside an argument");
    }

    @Test
    void unknownCommandListsWhatIsAllowed() {
        String answer = session(CliLevel.USER).execute("frobnicate now");
        assertTrue(answer.startsWith("Unknown command: 'frobnicate now'. Please enter one of the following commands "
                + "only:\nThe following commands are valid at this level:\n"), answer);
        assertTrue(answer.contains(String.format("  %-39s : %s%n", "show info [desc|json|typed|float]*",
                "report information about the running process")), answer);
        assertFalse(answer.contains("shutdown sessions"), "admin commands are not offered to a user");
        assertTrue(answer.endsWith("\n\n"));
    }

    @Test
    void helpIsSortedAndFilteredByLevel() {
        String user = session(CliLevel.USER).execute("help");
        String admin = session(CliLevel.ADMIN).execute("help");
        assertTrue(admin.contains("shutdown sessions"));
        assertFalse(user.contains("shutdown sessions"));
        assertFalse(user.contains("  operator "), "'operator' needs the operator level");
        assertTrue(user.indexOf("  help ") < user.indexOf("  prompt ") && user.indexOf("  prompt ") < user.indexOf("  quit "));
    }

    @Test
    void aCommandAboveTheSessionLevelIsDenied() {
        CliSession session = session(CliLevel.OPERATOR);
        assertEquals("Permission denied\n\n", session.execute("shutdown sessions"));
        assertEquals(List.of(), adminRuns);
    }

    @Test
    void aSessionMayLowerItsLevelButNeverRaiseIt() {
        CliSession session = session(CliLevel.ADMIN);
        assertEquals("done\n\n", session.execute("shutdown sessions"));
        assertEquals("\nPermission denied\n\n", session.execute("user; operator"), "once user, operator is out of reach");
        assertEquals("Permission denied\n\n", session.execute("shutdown sessions"));
        assertEquals(List.of(""), adminRuns);
    }

    @Test
    void aFailingCommandAnswersOnlyItsError() {
        assertEquals("Require a valid argument.\n\n", session(CliLevel.USER).execute("broken"));
    }

    @Test
    void quitIgnoresTheRestOfTheLine() {
        assertEquals("", session(CliLevel.ADMIN).execute("quit; shutdown sessions"));
        assertEquals(List.of(), adminRuns);
    }

    @Test
    void promptAnswersAnEmptyLineAsEveryCommandDoesInHaproxy35() {
        CliSession session = session(CliLevel.USER);
        assertEquals("\n", session.execute("prompt"));
        assertEquals("\n", session.execute("prompt"));
    }

    @Test
    void showInfoReportsTheProcessInHaproxyFieldOrder() {
        String answer = session(CliLevel.USER).execute("show info");
        assertTrue(answer.endsWith("\n\n"));
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : answer.strip().split("\n")) {
            int colon = line.indexOf(": ");
            fields.put(line.substring(0, colon), line.substring(colon + 2));
        }
        List<String> expected = new ArrayList<>();
        for (InfoField field : InfoField.values()) {
            expected.add(field.fieldName());
        }
        // Left out as HAProxy 3.5 leaves them out without zlib or a global description.
        expected.removeAll(List.of("ZlibMemUsage", "MaxZlibMemUsage", "description"));
        assertEquals(expected, List.copyOf(fields.keySet()));
        assertEquals("0", fields.get("CurrSslConns"), "no TLS listener in this process view");
        assertEquals("0", fields.get("SslFrontendSessionReuse_pct"));
        assertEquals("Shuttle", fields.get("Name"));
        assertEquals(Version.SHUTTLE, fields.get("Version"));
        assertEquals("3", fields.get("Nbthread"));
        assertEquals("4242", fields.get("Pid"));
        assertEquals("100", fields.get("Maxconn"));
        assertEquals("5", fields.get("CurrConns"));
        assertEquals("77", fields.get("CumConns"));
        assertEquals("node-1", fields.get("node"));
        assertEquals("1", fields.get("Stopping"));
        assertEquals("2", fields.get("Listeners"));
        assertEquals("3", fields.get("DroppedLogs"));
        assertEquals(Long.toString(STARTED.getEpochSecond()), fields.get("Start_time_sec"));
        long uptime = Long.parseLong(fields.get("Uptime_sec"));
        assertTrue(uptime >= 90_061 && uptime < 90_061 + 60, "uptime " + uptime);
        assertEquals(String.format("1d 1h01m%02ds", uptime - 90_060), fields.get("Uptime"));
    }

    @Test
    void showInfoTypedJsonAndFloat() {
        String typed = session(CliLevel.USER).execute("show info typed");
        assertTrue(typed.startsWith("0.Name.1:POSV:str:Shuttle\n1.Version.1:POSV:str:"), typed);
        assertTrue(typed.contains("\n6.Pid.1:SGPV:u32:4242\n"), typed);
        assertTrue(typed.contains("\n50.node.1:COSV:str:node-1\n"), typed);
        String described = session(CliLevel.USER).execute("show info typed desc");
        assertTrue(described.contains("\n17.CurrConns.1:MGPV:u32:5:\"" + InfoField.CURRCONNS.description() + "\"\n"),
                described);
        String json = session(CliLevel.USER).execute("show info json");
        assertTrue(json.startsWith("[{\"field\":{\"pos\":0,\"name\":\"Name\"},\"processNum\":1,\"tags\":{"
                + "\"origin\":\"Product\",\"nature\":\"Output\",\"scope\":\"Service\"},\"value\":{\"type\":\"str\","
                + "\"value\":\"Shuttle\"}},"), json);
        assertTrue(json.endsWith("}]\n\n"), json);
        String floats = session(CliLevel.USER).execute("show info float typed");
        assertTrue(floats.matches("(?s).*\n8\\.Uptime_sec\\.1:MDPV:flt:9\\d{4}(\\.\\d+)?\n.*"), floats);
        assertTrue(session(CliLevel.USER).execute("show schema json").startsWith("{\"$schema\":"));
    }

    /** A connected pair on loopback: the session serves one end, the test talks on the other. */
    private static Socket[] socketPair() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket outside = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            return new Socket[] {outside, listener.accept()};
        }
    }

    private static String serve(CliSession session, String input) throws Exception {
        Socket[] pair = socketPair();
        try (Socket outside = pair[0]; Socket inside = pair[1]) {
            Thread server = Thread.ofVirtual().start(() -> {
                try {
                    session.serve(inside, 5_000);
                    inside.close();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            OutputStream out = outside.getOutputStream();
            out.write(input.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = outside.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            server.join();
            return answer;
        }
    }

    @Test
    @Timeout(10)
    void withoutPromptOneLineIsAnsweredAndTheSessionEnds() throws Exception {
        assertEquals(Version.SHUTTLE + "\n\n", serve(session(CliLevel.USER), "show version\nshow version\n"));
    }

    @Test
    @Timeout(10)
    void promptKeepsTheSessionOpenUntilQuit() throws Exception {
        String answer = serve(session(CliLevel.USER), "prompt\nshow version\nquit\nshow version\n");
        assertEquals("\n> " + Version.SHUTTLE + "\n\n> ", answer);
    }

    @Test
    @Timeout(10)
    void promptTwiceLeavesInteractiveMode() throws Exception {
        String answer = serve(session(CliLevel.USER), "prompt\nprompt\nshow version\n");
        assertEquals("\n> \n", answer, "the second prompt ends interactive mode, so the session closes");
    }
}
