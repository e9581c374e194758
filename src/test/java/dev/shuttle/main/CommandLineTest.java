package dev.shuttle.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.main.CommandLine.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {
    private static CommandLine parse(String... args) throws UsageException {
        return CommandLine.parse(args);
    }

    private static String usageError(String... args) {
        return assertThrows(UsageException.class, () -> CommandLine.parse(args)).getMessage();
    }

    @Test
    void noArgumentsMeansNothingSet() throws UsageException {
        CommandLine line = parse();
        assertEquals(List.of(), line.configFiles());
        assertFalse(line.check() || line.foreground() || line.debug() || line.daemon() || line.quiet()
                || line.verbose() || line.zeroWarning() || line.diagnostics());
        assertEquals(Optional.empty(), line.condition());
        assertEquals(Optional.empty(), line.pidfile());
        assertEquals(Optional.empty(), line.localPeer());
        assertEquals(Optional.empty(), line.directory());
        assertEquals(0, line.version());
        assertEquals(0, line.maxconn());
    }

    @Test
    void everyFlag() throws UsageException {
        CommandLine line = parse("-f", "a.cfg", "-c", "-cc", "version_atleast(2.4)", "-D", "-p", "/run/x.pid", "-q",
                "-V", "-L", "peer1", "-C", "/etc/shuttle", "-n", "500", "-dW", "-dD", "-f", "conf.d");
        assertEquals(List.of(Path.of("a.cfg"), Path.of("conf.d")), line.configFiles());
        assertTrue(line.check());
        assertEquals(Optional.of("version_atleast(2.4)"), line.condition());
        assertTrue(line.daemon());
        assertEquals(Optional.of(Path.of("/run/x.pid")), line.pidfile());
        assertTrue(line.quiet());
        assertTrue(line.verbose());
        assertEquals(Optional.of("peer1"), line.localPeer());
        assertEquals(Optional.of(Path.of("/etc/shuttle")), line.directory());
        assertEquals(500, line.maxconn());
        assertTrue(line.zeroWarning());
        assertTrue(line.diagnostics());
        assertFalse(line.foreground());
    }

    @Test
    void debugImpliesForegroundButDbDoesNotDebug() throws UsageException {
        CommandLine d = parse("-d");
        assertTrue(d.foreground() && d.debug());
        CommandLine db = parse("-db");
        assertTrue(db.foreground());
        assertFalse(db.debug());
    }

    @Test
    void versionLevels() throws UsageException {
        assertEquals(1, parse("-v").version());
        assertEquals(2, parse("-vv").version());
        assertEquals(2, parse("-vv", "-v").version(), "-v after -vv does not lower the level");
    }

    @Test
    void doubleDashEndsFlagsAndListsFiles() throws UsageException {
        CommandLine line = parse("-f", "first.cfg", "-d", "--", "second.cfg", "-q", "third.cfg");
        assertEquals(List.of(Path.of("first.cfg"), Path.of("second.cfg"), Path.of("-q"), Path.of("third.cfg")),
                line.configFiles());
        assertFalse(line.quiet(), "after --, '-q' is a file name");
        assertTrue(line.debug());
    }

    @Test
    void nAndMTakeAValueThatIsIgnored() throws UsageException {
        CommandLine line = parse("-N", "100", "-m", "256", "-f", "x.cfg");
        assertEquals(List.of(Path.of("x.cfg")), line.configFiles());
        assertEquals(0, line.maxconn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-f", "-cc", "-p", "-L", "-C", "-n", "-N", "-m"})
    void flagsWithAValueNeedIt(String flag) {
        assertEquals("option '" + flag + "' expects an argument.", usageError("-d", flag));
    }

    @Test
    void numbersMustBeNumbers() {
        assertEquals("option '-n' expects a number (got 'many').", usageError("-n", "many"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-x", "-W", "-Ws", "-S", "-sf", "-st"})
    void masterWorkerFlagsAreRefused(String flag) {
        assertEquals("'" + flag + "' (master-worker mode and reloads) is not supported by Shuttle yet.",
                usageError("-f", "x.cfg", flag, "123"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-z", "--help", "-dX", "f.cfg", "-vvv", "-ff"})
    void unknownFlagsAreRefused(String flag) {
        assertEquals("unknown option '" + flag + "'.", usageError(flag));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-dG", "-de", "-dp", "-dk", "-dS", "-dR", "-dr", "-dL", "-dZ", "-dt", "-dI",
            "-dc", "-dMno-merge", "-dF"})
    void haproxyTuningFlagsAreAccepted(String flag) throws UsageException {
        CommandLine line = parse(flag, "-f", "x.cfg");
        assertEquals(List.of(Path.of("x.cfg")), line.configFiles());
    }

    @Test
    void dashDvTurnsServerVerificationOff() throws UsageException {
        assertTrue(parse("-dV", "-f", "x.cfg").serverVerifyNone());
        assertFalse(parse("-f", "x.cfg").serverVerifyNone());
    }

    @Test
    void directoryResolvesRelativeConfigPathsOnly() throws UsageException {
        CommandLine line = parse("-C", "/etc/shuttle", "-f", "main.cfg", "-f", "/abs/other.cfg", "--", "conf.d");
        assertEquals(List.of(Path.of("/etc/shuttle/main.cfg"), Path.of("/abs/other.cfg"), Path.of("/etc/shuttle/conf.d")),
                line.resolvedConfigFiles());
        assertEquals(List.of(Path.of("main.cfg"), Path.of("/abs/other.cfg"), Path.of("conf.d")), line.configFiles());
    }

    @Test
    void withoutDirectoryPathsStayAsGiven() throws UsageException {
        CommandLine line = parse("-f", "main.cfg");
        assertEquals(List.of(Path.of("main.cfg")), line.resolvedConfigFiles());
    }

    @Test
    void directoryMayComeAfterTheFiles() throws UsageException {
        assertEquals(List.of(Path.of("/srv/a.cfg")), parse("-f", "a.cfg", "-C", "/srv").resolvedConfigFiles());
    }
}
