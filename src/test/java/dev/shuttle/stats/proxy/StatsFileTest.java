package dev.shuttle.stats.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.listener.Frontend;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StatsFile}: 3.5's stats-file layout, written from the counters and read back into new objects by guid. */
class StatsFileTest {
    @TempDir
    Path directory;
    Configuration configuration;

    @BeforeEach
    void load() throws IOException {
        Path file = directory.resolve("test.cfg");
        Files.writeString(file, """
                defaults
                    mode http
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                frontend fe
                    guid fe-guid
                    bind 127.0.0.1:1
                    default_backend be
                frontend anonymous
                    bind 127.0.0.1:2
                    default_backend be
                backend be
                    guid be-guid
                    server s1 127.0.0.1:3 guid srv-guid
                    server s2 127.0.0.1:4
                """);
        Diagnostics diagnostics = Diagnostics.collecting();
        configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
    }

    private List<Frontend> frontends() {
        return configuration.proxies().stream().filter(p -> p.kind().hasFrontendCapability()).map(Frontend::new).toList();
    }

    private Backend backend() {
        return new Backend(configuration.backend("be").orElseThrow());
    }

    @Test
    void onlyObjectsWithAGuidAreWrittenIn35sLayout() {
        List<Frontend> frontends = frontends();
        Backend backend = backend();
        Frontend fe = frontends.getFirst();
        fe.connectionStarted();
        fe.counters().addBytesIn(120);
        fe.counters().requestDenied();
        fe.counters().requestReceived();
        fe.counters().responded(403);
        Server s1 = backend.server("s1").orElseThrow();
        s1.counters().addBytesOut(77);
        s1.counters().sessionStarted();
        backend.counters().connectionFailed();
        String text = StatsFile.dump(frontends, List.of(backend), 100);
        String[] lines = text.split("\n", -1);
        assertEquals("#fe guid," + String.join(",", StatsFile.FRONTEND_COLUMNS) + ",", lines[0]);
        assertTrue(lines[1].startsWith("fe-guid,1,120,0,1,0,0,"), lines[1]);
        assertEquals("", lines[2], "the anonymous frontend has no line; an empty line ends the side");
        assertEquals("#be guid," + String.join(",", StatsFile.BACKEND_COLUMNS) + ",", lines[3]);
        assertTrue(lines[4].startsWith("srv-guid,1,0,77,"), lines[4]);
        assertTrue(lines[5].startsWith("be-guid,0,0,0,0,0,1,"), "econ " + lines[5]);
        assertEquals(7, lines.length, "s2 has no guid: " + text);
        assertEquals("0", lines[1].split(",")[1 + StatsFile.FRONTEND_COLUMNS.indexOf("req_tot")],
                "a frontend's requests are in h1req, as 3.5 writes them");
        assertEquals("1", lines[1].split(",")[1 + StatsFile.FRONTEND_COLUMNS.indexOf("h1req")]);
    }

    @Test
    void aDumpPreloadsNewObjectsOfTheSameGuids() throws IOException {
        List<Frontend> before = frontends();
        Backend backendBefore = backend();
        Frontend fe = before.getFirst();
        fe.connectionStarted();
        fe.connectionStarted();
        fe.counters().addBytesIn(300);
        fe.counters().requestReceived();
        fe.counters().responded(200);
        before.get(1).connectionStarted(); // no guid: not kept
        backendBefore.server("s1").orElseThrow().counters().retried();
        backendBefore.server("s2").orElseThrow().counters().retried(); // no guid: not kept
        backendBefore.counters().responded(503);
        Path file = directory.resolve("stats");
        Files.writeString(file, StatsFile.dump(before, List.of(backendBefore), 100));

        List<Frontend> after = frontends();
        Backend backendAfter = backend();
        assertEquals(List.of(), StatsFile.preload(file, after, List.of(backendAfter)));
        assertEquals(2, after.getFirst().counters().sessions());
        assertEquals(2, after.getFirst().counters().connections());
        assertEquals(300, after.getFirst().counters().bytesIn());
        assertEquals(1, after.getFirst().counters().requests(), "h1req back into the requests, once");
        assertEquals(1, after.getFirst().counters().responses(2));
        assertEquals(0, after.get(1).counters().sessions());
        assertEquals(1, backendAfter.server("s1").orElseThrow().counters().retries());
        assertEquals(0, backendAfter.server("s2").orElseThrow().counters().retries());
        assertEquals(1, backendAfter.counters().responses(5));
    }

    @Test
    void unknownGuidsAndTheOtherSideAreIgnoredAndBadLinesWarned() throws IOException {
        Path file = directory.resolve("stats");
        Files.writeString(file, """
                // a comment
                #fe guid,stot,bin,
                nobody,5,5,
                be-guid,9,9,
                fe-guid,3,40,
                bad!guid,1,1,
                #be guid,stot,
                be-guid,4,
                """);
        List<Frontend> frontends = frontends();
        Backend backend = backend();
        assertEquals(List.of("config: Ignored stats-file line 6 in file '" + file + "'."),
                StatsFile.preload(file, frontends, List.of(backend)));
        assertEquals(3, frontends.getFirst().counters().sessions());
        assertEquals(40, frontends.getFirst().counters().bytesIn());
        assertEquals(4, backend.counters().sessions(), "a backend's guid on the frontend side loads nothing");
    }

    @Test
    void aFileThatIsNotAStatsFileIsRefusedWith35sWarnings() throws IOException {
        Path garbage = directory.resolve("garbage");
        Files.writeString(garbage, "hello,1,2\n#fe guid,stot,\nfe-guid,7,\n");
        List<Frontend> frontends = frontends();
        assertEquals(List.of("config: Invalid stats-file format in file '" + garbage + "'."),
                StatsFile.preload(garbage, frontends, List.of(backend())));
        assertEquals(0, frontends.getFirst().counters().sessions(), "nothing read after an invalid start");
        Path missing = directory.resolve("missing");
        assertEquals(List.of("config: Can't load stats-file '" + missing + "': cannot open file."),
                StatsFile.preload(missing, frontends, List.of(backend())));
    }
}
