package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.Backend;
import dev.shuttle.backend.QueueTimeouts;
import dev.shuttle.backend.ServerStateLog;
import dev.shuttle.config.CheckGlobals;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.ExternalCheckCommand;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.server.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** option external-check at the probe: HAProxy's arguments and variables, and the three outcomes. */
class ExternalCheckProbeTest {
    private static final CheckTimeouts TIMEOUTS = new CheckTimeouts(2000, -1);
    @TempDir
    Path directory;

    private Backend backend(String section, String server) throws Exception {
        Path file = directory.resolve("checks.cfg");
        Files.writeString(file, "global\n    external-check\n    insecure-fork-wanted\n"
                + "defaults\n    timeout client 1s\n    timeout server 1s\n    timeout connect 1s\n"
                + section + "\n    option external-check\n    external-check command /bin/true\n    " + server + "\n");
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        return new Backend(configuration.proxies().getFirst(), new QueueTimeouts(), new ServerStateLog() {
            @Override
            public void report(Backend backend, SyslogLevel level, String text) { }

            @Override
            public void backendDown(Backend backend) { }
        });
    }

    private Path script(String name, String body) throws Exception {
        Path file = directory.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private ExternalCheckProbe probe(Backend backend, String command, String path,
                                     CheckGlobals.ExternalChecks environment) {
        Server server = backend.servers().getFirst();
        return new ExternalCheckProbe(backend, server, new ExternalCheckCommand(command, path), environment);
    }

    @Test
    void aBackendGivesNotUsedAndEmptyProxyVariables() throws Exception {
        Backend backend = backend("backend be\n    id 4", "server s 192.0.2.7:8080 id 3 maxconn 20 check");
        ExternalCheckProbe probe = probe(backend, "/bin/true", "/bin", CheckGlobals.ExternalChecks.CLEAN_ENVIRONMENT);
        List<String> arguments = probe.arguments();
        assertEquals(List.of("/bin/true", "NOT_USED", "NOT_USED", "192.0.2.7", "8080"), arguments);
        assertEquals(Map.ofEntries(Map.entry("PATH", "/bin"), Map.entry("HAPROXY_PROXY_NAME", "be"),
                Map.entry("HAPROXY_PROXY_ID", "4"), Map.entry("HAPROXY_PROXY_ADDR", ""),
                Map.entry("HAPROXY_PROXY_PORT", ""), Map.entry("HAPROXY_SERVER_NAME", "s"),
                Map.entry("HAPROXY_SERVER_ID", "3"), Map.entry("HAPROXY_SERVER_ADDR", "192.0.2.7"),
                Map.entry("HAPROXY_SERVER_PORT", "8080"), Map.entry("HAPROXY_SERVER_MAXCONN", "20"),
                Map.entry("HAPROXY_SERVER_CURCONN", "0"), Map.entry("HAPROXY_SERVER_SSL", "0"),
                Map.entry("HAPROXY_SERVER_PROTO", "tcp")), probe.variables(arguments));
    }

    @Test
    void aListenSectionGivesItsFirstListenerAndHttpModeH1() throws Exception {
        Backend backend = backend("listen li\n    mode http\n    bind 127.0.0.1:18081\n    bind 127.0.0.1:18082",
                "server s 192.0.2.7:80 check");
        ExternalCheckProbe probe = probe(backend, "/bin/true", "", CheckGlobals.ExternalChecks.CLEAN_ENVIRONMENT);
        List<String> arguments = probe.arguments();
        assertEquals(List.of("/bin/true", "127.0.0.1", "18081", "192.0.2.7", "80"), arguments);
        assertEquals("127.0.0.1", probe.variables(arguments).get("HAPROXY_PROXY_ADDR"));
        assertEquals("h1", probe.variables(arguments).get("HAPROXY_SERVER_PROTO"));
    }

    @Test
    void exitZeroPassesAnotherStatusFailsWithItAsCode() throws Exception {
        Backend backend = backend("backend be", "server s 127.0.0.1:9 check");
        CheckOutcome ok = probe(backend, script("ok.sh", "exit 0").toString(), "",
                CheckGlobals.ExternalChecks.CLEAN_ENVIRONMENT).run(null, TIMEOUTS);
        assertEquals(CheckStatus.PROCOK, ok.status());
        assertEquals(0, ok.code());
        CheckOutcome error = probe(backend, script("err.sh", "exit 7").toString(), "",
                CheckGlobals.ExternalChecks.CLEAN_ENVIRONMENT).run(null, TIMEOUTS);
        assertEquals(CheckStatus.PROCERR, error.status());
        assertEquals(7, error.code());
    }

    @Test
    void aCommandWithoutSlashIsFoundInTheCheckPathAndAMissingOneIsAnError() throws Exception {
        Backend backend = backend("backend be", "server s 127.0.0.1:9 check");
        script("named.sh", "exit 0");
        assertEquals(CheckStatus.PROCOK, probe(backend, "named.sh", "/nonexistent:" + directory,
                CheckGlobals.ExternalChecks.CLEAN_ENVIRONMENT).run(null, TIMEOUTS).status());
        CheckOutcome missing = probe(backend, "no-such-command", directory.toString(),
                CheckGlobals.ExternalChecks.CLEAN_ENVIRONMENT).run(null, TIMEOUTS);
        assertEquals(CheckStatus.PROCERR, missing.status());
        assertEquals(ExternalCheckProbe.EXEC_FAILED, missing.code());
    }

    @Test
    void theEnvironmentIsCleanUnlessPreserveEnv() throws Exception {
        Backend backend = backend("backend be", "server s 127.0.0.1:9 check");
        // Passes only when the JVM's own HOME reached the command.
        String command = script("home.sh", "[ -n \"$HOME\" ]").toString();
        assertTrue(System.getenv("HOME") != null, "the test needs a HOME");
        assertEquals(CheckStatus.PROCERR, probe(backend, command, "",
                CheckGlobals.ExternalChecks.CLEAN_ENVIRONMENT).run(null, TIMEOUTS).status());
        assertEquals(CheckStatus.PROCOK, probe(backend, command, "",
                CheckGlobals.ExternalChecks.PRESERVE_ENVIRONMENT).run(null, TIMEOUTS).status());
    }

    @Test
    void aCommandStillRunningAtTheTimeoutIsKilledAndKeepsThePreviousCode() throws Exception {
        Backend backend = backend("backend be", "server s 127.0.0.1:9 check");
        Path marker = directory.resolve("step");
        // First run exits 4; the next ones sleep past the timeout.
        String command = script("slow.sh", "if [ -e " + marker + " ]; then exec /bin/sleep 5; fi\n: > " + marker
                + "\nexit 4").toString();
        ExternalCheckProbe probe = probe(backend, command, "", CheckGlobals.ExternalChecks.CLEAN_ENVIRONMENT);
        assertEquals(4, probe.run(null, new CheckTimeouts(300, -1)).code());
        long started = System.nanoTime();
        CheckOutcome timeout = probe.run(null, new CheckTimeouts(300, -1));
        assertEquals(CheckStatus.PROCTOUT, timeout.status());
        assertEquals(4, timeout.code());
        assertTrue((System.nanoTime() - started) / 1_000_000 < 4000, "killed at the timeout");
    }

    @Test
    void unixSocketAndPortlessServersCanBeCheckedByACommand() throws Exception {
        Backend backend = backend("backend be", "server u /run/app.sock check\n    server p 192.0.2.8 check");
        ExternalCheckProbe unix = probe(backend, "/bin/true", "", CheckGlobals.ExternalChecks.CLEAN_ENVIRONMENT);
        List<String> arguments = unix.arguments();
        assertEquals(List.of("/bin/true", "NOT_USED", "NOT_USED", "/run/app.sock", "NOT_USED"), arguments);
        assertEquals("", unix.variables(arguments).get("HAPROXY_SERVER_PORT"));
        ExternalCheckProbe portless = new ExternalCheckProbe(backend, backend.servers().get(1),
                new ExternalCheckCommand("/bin/true", ""), CheckGlobals.ExternalChecks.CLEAN_ENVIRONMENT);
        assertEquals(List.of("/bin/true", "NOT_USED", "NOT_USED", "192.0.2.8", "0"), portless.arguments());
        assertEquals(CheckStatus.PROCOK, unix.run(null, TIMEOUTS).status());
    }
}
