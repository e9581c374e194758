package dev.shuttle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.pattern.MapFile;
import dev.shuttle.pattern.MapTable;
import dev.shuttle.pattern.MatchMethod;
import dev.shuttle.pattern.PatternFiles;
import dev.shuttle.pattern.PatternReference;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The map and acl commands through a session, as a client sends them: the {@code <<} payload of
 * {@code add map} (3.5 adds the lines before a bad one), references by file name, and levels.
 */
class PatternCommandsTest {
    @TempDir
    Path directory;
    PatternFiles files;
    MapTable table;

    @BeforeEach
    void load() throws Exception {
        Files.writeString(directory.resolve("hosts.map"), "k1 v1\n");
        files = new PatternFiles(directory);
        files.parsingAt(new SourceLocation("h.cfg", 3));
        MapFile file = files.mapFile("hosts.map");
        table = file.table(MatchMethod.STR, SampleType.STR, false);
    }

    private String run(CliLevel level, String line, Optional<String> payload) {
        return new CliSession(CliCommands.standard(process()), level).execute(line, payload);
    }

    private String value(String key) {
        return table.find(Sample.str(key)).map(Sample::toText).orElse("<none>");
    }

    @Test
    void aPayloadAddsOneEntryPerLineUpToABadOne() {
        assertEquals("\n", run(CliLevel.ADMIN, "add map hosts.map ", Optional.of("k2 v2\nk3 value with spaces\n")));
        assertEquals("v2", value("k2"));
        assertEquals("value with spaces", value("k3"));
        assertEquals("Missing value for key 'k5'.\n\n",
                run(CliLevel.ADMIN, "add map #0 ", Optional.of("k4 v4\nk5\nk6 v6\n")));
        assertEquals("v4", value("k4"));
        assertEquals("<none>", value("k6"));
        assertEquals("'add acl' expects two parameters: ACL identifier and pattern.\n\n",
                run(CliLevel.ADMIN, "add acl #0 ", Optional.of("x\n")));
    }

    @Test
    void theListAndTheEntriesAsShowMapPrintsThem() {
        String list = run(CliLevel.ADMIN, "show map", Optional.empty());
        assertEquals("# id (file) description\n0 (hosts.map) pattern loaded from file 'hosts.map' used by map at file"
                + " 'h.cfg' line 3. curr_ver=0 next_ver=0 entry_cnt=1\n\n", list);
        assertTrue(run(CliLevel.ADMIN, "show map hosts.map", Optional.empty()).matches("0x[0-9a-f]+ k1 v1\n\n"));
        assertEquals("Permission denied\n\n", run(CliLevel.OPERATOR, "show map", Optional.empty()));
        String id = run(CliLevel.ADMIN, "show map #0", Optional.empty()).split(" ")[0];
        assertEquals("\n", run(CliLevel.ADMIN, "set map #0 #" + id + " byref", Optional.empty()));
        assertEquals("byref", value("k1"));
        assertEquals("\n", run(CliLevel.ADMIN, "del map #0 #" + id, Optional.empty()));
        assertEquals("<none>", value("k1"));
    }

    private ProcessView process() {
        List<PatternReference> references = files.references();
        return new StubProcessView() {
            @Override
            public List<PatternReference> patternReferences() {
                return references;
            }
        };
    }
}
