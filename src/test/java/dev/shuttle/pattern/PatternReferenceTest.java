package dev.shuttle.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.lang.SourceLocation;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runtime changes of a shared pattern reference (management.txt §9.3 "add map" to "show map"):
 * every ACL and map table built from it follows them, versions replace the entries at once, and
 * readers never see half of an update.
 */
class PatternReferenceTest {
    @TempDir
    Path directory;
    PatternFiles files;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(directory.resolve("hosts.map"), "k1 v1\nk2 v2\n/api api\n");
        Files.writeString(directory.resolve("block.lst"), "bad\nevil\n");
        files = new PatternFiles(directory);
        files.parsingAt(new SourceLocation("h.cfg", 12));
    }

    private static List<String[]> entry(String key, String value) {
        return List.<String[]>of(new String[] {key, value});
    }

    private static boolean matches(LivePatterns patterns, String text) {
        return patterns.current().lookup(Sample.str(text)).isPresent();
    }

    private static String value(MapTable table, String key) {
        return table.find(Sample.str(key)).map(Sample::toText).orElse("<none>");
    }

    @Test
    void oneFileIsOneReferenceSharedByItsUsers() throws AclException {
        PatternReference first = files.patterns("block.lst", false);
        files.parsingAt(new SourceLocation("h.cfg", 13));
        PatternReference second = files.patterns("block.lst", false);
        assertSame(first, second);
        assertEquals("0 (block.lst) pattern loaded from file 'block.lst' used by acl at file 'h.cfg' line 12,"
                + " by acl at file 'h.cfg' line 13. curr_ver=0 next_ver=0 entry_cnt=2", first.describe());
    }

    @Test
    void anAclSeesAddAndDeleteOnItsNextLookup() throws AclException {
        PatternReference reference = files.patterns("block.lst", false);
        LivePatterns begins = new LivePatterns(MatchMethod.BEG);
        begins.add(reference, PatternParser.Options.NONE);
        LivePatterns exact = new LivePatterns(MatchMethod.STR);
        exact.add(reference, new PatternParser.Options(true, false));
        assertTrue(matches(begins, "badly"));
        assertFalse(matches(begins, "worse"));
        reference.add(null, entry("worse", null));
        assertTrue(matches(begins, "worse-still"));
        assertTrue(matches(exact, "WORSE"));
        assertEquals(1, reference.delete(null, e -> e.key().equals("bad")));
        assertFalse(matches(begins, "badly"));
        assertFalse(matches(exact, "bad"));
    }

    @Test
    void aMapTableSeesSetAddAndClear() throws AclException {
        MapFile file = files.mapFile("hosts.map");
        MapTable table = file.table(MatchMethod.STR, SampleType.STR, false);
        PatternReference reference = file.reference();
        assertEquals("v1", value(table, "k1"));
        assertEquals(1, reference.setValue(e -> e.key().equals("k1"), "new"));
        assertEquals("new", value(table, "k1"));
        reference.add(null, entry("k3", "v3"));
        assertEquals("v3", value(table, "k3"));
        reference.delete(null, e -> true);
        assertEquals("<none>", value(table, "k1"));
        assertTrue(reference.visible().isEmpty());
    }

    @Test
    void anEntryNoUserCanReadIsRefusedWhole() throws Exception {
        Files.writeString(directory.resolve("nets.map"), "10.0.0.0/8 1\n");
        MapFile file = files.mapFile("nets.map");
        PatternReference reference = file.reference();
        file.table(MatchMethod.IP, SampleType.STR, false);
        file.table(MatchMethod.IP, SampleType.SINT, false);
        AclException key = assertThrows(AclException.class, () -> reference.add(null, entry("k", "2")));
        assertEquals("'k' is not a valid IPv4 or IPv6 address", key.getMessage());
        AclException value = assertThrows(AclException.class,
                () -> reference.add(null, List.of(new String[] {"1.2.3.4", "2"}, new String[] {"1.2.3.5", "x"})));
        assertEquals("unable to parse 'x'", value.getMessage());
        assertEquals(1, reference.entries(null).size());
    }

    @Test
    void aPreparedVersionMatchesOnlyOnceCommitted() throws AclException {
        MapFile file = files.mapFile("hosts.map");
        MapTable table = file.table(MatchMethod.STR, SampleType.STR, false);
        PatternReference reference = file.reference();
        int version = reference.prepare();
        assertEquals(1, version);
        reference.add(version, entry("n1", "w1"));
        assertEquals("<none>", value(table, "n1"));
        assertEquals(1, reference.entries(version).size());
        AclException future = assertThrows(AclException.class, () -> reference.add(7, entry("x", "y")));
        assertEquals("Version number in the future, please use 'prepare map' before.", future.getMessage());
        reference.commit(version);
        assertEquals("w1", value(table, "n1"));
        assertEquals("<none>", value(table, "k1"));
        assertTrue(reference.describe().endsWith("curr_ver=1 next_ver=1 entry_cnt=1"));
        AclException range = assertThrows(AclException.class, () -> reference.commit(version));
        assertEquals("Version number out of range.", range.getMessage());
    }

    @Test
    void theValuesOfAnAclLineKeepTheirOperator() throws AclException {
        PatternReference line = files.aclLine("req.len", List.of(
                new PatternReference.Entry(0, "5", null, 0, 0, new IntRange(6, Long.MAX_VALUE, "5"))));
        LivePatterns patterns = new LivePatterns(MatchMethod.INT);
        patterns.add(line, PatternParser.Options.NONE);
        assertTrue(patterns.current().lookup(Sample.sint(7)).isPresent());
        assertFalse(patterns.current().lookup(Sample.sint(5)).isPresent());
        line.add(null, entry("5", null));
        assertTrue(patterns.current().lookup(Sample.sint(5)).isPresent());
        assertEquals("0 () acl 'req.len' file 'h.cfg' line 12. curr_ver=0 next_ver=0 entry_cnt=2", line.describe());
    }

    /**
     * Readers during updates: the set is replaced whole, so a reader holding one snapshot sees
     * either every key of the old version or every key of the new one, never a mix.
     */
    @Test
    void readersNeverSeeHalfACommit() throws Exception {
        MapFile file = files.mapFile("hosts.map");
        MapTable table = file.table(MatchMethod.STR, SampleType.STR, false);
        PatternReference reference = file.reference();
        List<String[]> blue = new ArrayList<>();
        List<String[]> green = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            blue.add(new String[] {"key" + i, "blue"});
            green.add(new String[] {"key" + i, "green"});
        }
        reference.delete(null, e -> true);
        reference.add(null, blue);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            readers.add(Thread.ofVirtual().start(() -> {
                while (!stop.get() && failure.get() == null) {
                    PatternSet snapshot = table.keys();
                    String first = snapshot.lookup(Sample.str("key0")).map(m -> m.entry().value().asString()).orElse("?");
                    String last = snapshot.lookup(Sample.str("key199")).map(m -> m.entry().value().asString()).orElse("?");
                    if (!first.equals(last) || snapshot.entries().size() != 200) {
                        failure.set(first + "/" + last + "/" + snapshot.entries().size());
                    }
                    Thread.yield();
                }
            }));
        }
        for (int round = 0; round < 200; round++) {
            int version = reference.prepare();
            reference.add(version, round % 2 == 0 ? green : blue);
            reference.commit(version);
        }
        stop.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertEquals(null, failure.get());
        assertEquals("blue", value(table, "key7"));
    }
}
