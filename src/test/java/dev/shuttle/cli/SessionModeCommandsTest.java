package dev.shuttle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.version.Version;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The commands that change the CLI session itself, with HAProxy 3.5's answers. */
class SessionModeCommandsTest {
    private static final Instant STARTED = Instant.now().minusSeconds(90_061); // 1d 1h 1m 1s ago

    private static final ProcessView PROCESS = new StubProcessView() {
        @Override
        public Instant startTime() {
            return STARTED;
        }

        @Override
        public int maxconn() {
            return 100;
        }

        @Override
        public int listeners() {
            return 1;
        }
    };

    private static CliSession session(CliLevel level) {
        return new CliSession(CliCommands.standard(PROCESS), level);
    }

    @Test
    void expertAndExperimentalModesAreOffUntilTurnedOnAndDroppedWithTheLevel() {
        CliSession session = session(CliLevel.ADMIN);
        assertEquals("expert-mode is OFF\n\n", session.execute("expert-mode"));
        assertEquals("\nexpert-mode is ON\n\n", session.execute("expert-mode on; expert-mode"));
        assertTrue(session.expertMode());
        assertEquals("\nexpert-mode is ON\n\n", session.execute("expert-mode foo; expert-mode"), "another word changes nothing");
        assertEquals("\nexperimental-mode is ON\n\n", session.execute("experimental-mode on; experimental-mode"));
        assertEquals("\nexperimental-mode is OFF\n\n", session.execute("experimental-mode off; experimental-mode"));
        session.execute("experimental-mode on");
        assertEquals("\nPermission denied\n\n", session.execute("operator; expert-mode on"));
        assertFalse(session.expertMode(), "lowering the level leaves the expert mode");
        assertFalse(session.experimentalMode());
        assertEquals("Permission denied\n\n", session(CliLevel.OPERATOR).execute("experimental-mode"));
    }

    @Test
    void theModesAreNotListedByHelp() {
        String help = session(CliLevel.ADMIN).execute("help");
        assertFalse(help.contains("expert-mode"), help);
        assertFalse(help.contains("experimental-mode"), help);
        assertTrue(help.contains(String.format("  %-39s : %s%n", "set timeout [cli] <delay>", "change a timeout setting")));
    }

    @Test
    void helpWithWordsListsTheMatchingCommandsThenThoseAlwaysListed() {
        String help = session(CliLevel.ADMIN).execute("help shutdown");
        assertEquals("The following commands are valid at this level:\n"
                + "  shutdown frontend <frontend>            : stop a specific frontend\n"
                + "  shutdown session [id]                   : kill a specific session\n"
                + "  shutdown sessions server <bk>/<srv>     : kill sessions on a server\n"
                + "  help [<command>]                        : list matching or all commands\n"
                + "  prompt [help | n | i | p | timed ]*     : toggle interactive mode with prompt\n"
                + "  quit                                    : disconnect\n\n", help);
        String all = session(CliLevel.ADMIN).execute("help");
        assertEquals(all, session(CliLevel.ADMIN).execute("help no-such-command"), "no match: everything");
        assertTrue(all.endsWith("  quit                                    : disconnect\n\n"));
    }

    @Test
    void setTimeoutTakesOnlyCliAndAPositiveDelay() {
        CliSession session = session(CliLevel.USER);
        assertEquals("'set timeout' only supports 'cli'.\n\n", session.execute("set timeout"));
        assertEquals("'set timeout' only supports 'cli'.\n\n", session.execute("set timeout foo 5"));
        assertEquals("Expects an integer value.\n\n", session.execute("set timeout cli"));
        assertEquals("Invalid timeout value.\n\n", session.execute("set timeout cli x"));
        assertEquals("Invalid timeout value.\n\n", session.execute("set timeout cli 0"));
        assertEquals("Invalid timeout value.\n\n", session.execute("set timeout cli -1"));
        assertEquals("Invalid timeout value.\n\n", session.execute("set timeout cli 99999999999"));
        assertEquals("\n", session.execute("set timeout cli 5"));
        assertEquals("\n", session.execute("set timeout cli 5s"));
    }

    @Test
    void promptWithAnUnknownWordPrintsItsUsage() {
        String answer = session(CliLevel.USER).execute("prompt foo");
        assertTrue(answer.startsWith("Usage: prompt [help | n | i | p | timed]*\n"), answer);
        assertTrue(answer.endsWith("Without any argument, toggles between n/i->p, p->n.\n\n"), answer);
    }

    /** Serves {@code input} on a real connection and returns everything the session wrote. */
    private static String serve(CliSession session, String input, long idleMillis) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket outside = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             Socket inside = listener.accept()) {
            Thread server = Thread.ofVirtual().start(() -> {
                try (inside) {
                    session.serve(inside, idleMillis);
                } catch (Exception e) {
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
    void interactiveModesAsHaproxy35() throws Exception {
        String v = Pattern.quote(Version.SHUTTLE);
        String answer = serve(session(CliLevel.USER),
                "prompt i\nshow version\nprompt p\nshow version\nprompt timed\nshow version\nprompt n\nshow version\n",
                10_000);
        // the uptime of a process started 1d 1h 1m 1s ago, a second or two more by now
        assertTrue(answer.matches("\n" + v + "\n\n\n> " + v + "\n\n> \n\\[1:01:01:0[1-9]\\]> " + v
                + "\n\n\\[1:01:01:0[1-9]\\]> \n"), answer);
    }

    @Test
    @Timeout(10)
    void setTimeoutCliClosesAnIdleSessionSooner() throws Exception {
        long started = System.nanoTime();
        // The session's own timeout is 60 s; the command brings it down to 1 s, after which it closes.
        assertEquals("\n\n", serve(session(CliLevel.USER), "prompt i; set timeout cli 1\n", 60_000));
        assertTrue(System.nanoTime() - started < 5_000_000_000L);
    }
}
