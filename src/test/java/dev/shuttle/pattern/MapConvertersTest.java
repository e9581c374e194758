package dev.shuttle.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.sample.CompileScope;
import dev.shuttle.sample.InternalFetches;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleCompileException;
import dev.shuttle.sample.SampleCompiler;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleRegistry;
import dev.shuttle.sample.SampleType;
import dev.shuttle.sample.VariableStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The map converters (configuration.txt §7.3.1 "map"). Every lookup order and message below was
 * checked against haproxy 2.6.12 with the same map files, through
 * {@code http-request return ... lf-string "%[<expression>]"} and {@code haproxy -c}.
 */
class MapConvertersTest {
    @TempDir
    Path directory;
    SampleRegistry registry;
    SampleContext context;
    CompileScope scope;

    @BeforeEach
    void setUp() {
        context = new SampleContext(null, null, null, "test", VariableStore.shared());
        registry = new SampleRegistry();
        InternalFetches.register(registry);
        MapConverters.register(registry);
        scope = new CompileScope(directory, new PatternFiles(directory));
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(directory.resolve(name), content, StandardCharsets.ISO_8859_1);
    }

    private String value(String expression) throws SampleCompileException {
        return SampleCompiler.compile(expression, registry, scope).evaluate(context).map(Sample::toText).orElse("<none>");
    }

    private String error(String expression) {
        return assertThrows(SampleCompileException.class, () -> SampleCompiler.compile(expression, registry, scope))
                .getMessage();
    }

    @Test
    void theFamilyIsWhatHaproxy26Registers() {
        for (String method : List.of("str", "beg", "sub", "dir", "dom", "end", "reg", "int", "ip")) {
            for (String suffix : List.of("", "_int", "_ip", "_key")) {
                assertTrue(registry.converter("map_" + method + suffix).isPresent(), method + suffix);
            }
        }
        assertTrue(registry.converter("map").isPresent());
        assertTrue(registry.converter("map_regm").isPresent());
        for (String absent : List.of("map_len", "map_bin", "map_str_str", "map_regm_int", "map_beg_str", "map_found")) {
            assertTrue(registry.converter(absent).isEmpty(), absent);
        }
        assertEquals(SampleType.SINT, registry.converter("map_str_int").orElseThrow().outputType());
    }

    @Test
    void keyOutputsGiveTheMatchedKeyAsWritten() throws Exception {
        // HAProxy 3.x's map_<match>_key (difftest case conv-map-key has the same answers on 3.5)
        write("k.map", "www.example.com exact\n.com suffix\n");
        write("r.map", "^/img/.*\\.png$ png\n");
        write("ip.map", "10.0.0.0/8 ten\n127.0.0.0/8 loopback\n");
        write("int.map", "7 seven\n15 fifteen\n");
        assertEquals("www.example.com", value("str(www.example.com),map_str_key(k.map)"));
        assertEquals(".com", value("str(a.example.com),map_end_key(k.map)"));
        assertEquals("^/img/.*\\.png$", value("str(/img/logo.png),map_reg_key(r.map)"));
        assertEquals("127.0.0.0/8", value("ipv4(127.0.0.1),map_ip_key(ip.map)"));
        assertEquals("15", value("int(15),map_int_key(int.map)"));
        assertEquals("<none>", value("str(nothing),map_str_key(k.map)"));
        assertTrue(error("str(x),map_str_key(k.map,default)").contains("map_str_key"), "no default value");
    }

    @Test
    void prefixesTakeTheLongestMatch() throws Exception {
        write("beg.map", "/a first\n/ab longer\n/abc/ longest\n");
        assertEquals("longer", value("str(/abcd),map_beg(beg.map,none)"));
        assertEquals("longer", value("str(/ab),map_beg(beg.map,none)"));
        assertEquals("longest", value("str(/abc/x),map_beg(beg.map,none)"));
        assertEquals("none", value("str(/b),map_beg(beg.map,none)"));
    }

    @Test
    void duplicateKeysKeepTheFirst() throws Exception {
        write("dup.map", "k one\nk two\n");
        for (String converter : List.of("map", "map_str", "map_beg", "map_sub", "map_reg", "map_end")) {
            assertEquals("one", value("str(k)," + converter + "(dup.map,none)"), converter);
        }
    }

    @Test
    void listMethodsTakeTheFirstInFileOrder() throws Exception {
        write("sub.map", "b sub-b\nab sub-ab\nabc sub-abc\n");
        assertEquals("sub-b", value("str(/xabcx),map_sub(sub.map,none)"));
        assertEquals("sub-abc", value("str(/xabc),map_end(sub.map,none)"));
        write("end.map", "c e-c\nbc e-bc\nabc e-abc\n");
        assertEquals("e-c", value("str(/abc),map_end(end.map,none)"));
        write("end2.map", "abc e-abc\nbc e-bc\n");
        assertEquals("e-abc", value("str(/abc),map_end(end2.map,none)"));
        assertEquals("sub-b", value("str(/xabcx),map_reg(sub.map,none)"));
        write("dom.map", "example.com dom1\nwww dom2\n");
        assertEquals("dom1", value("str(www.example.com),map_dom(dom.map,none)"));
        write("dir.map", "x/y dir1\ny dir2\n");
        assertEquals("dir1", value("str(/x/y/z),map_dir(dir.map,none)"));
        assertEquals("dir2", value("str(/q/y),map_dir(dir.map,none)"));
    }

    @Test
    void addressesTakeTheMostSpecificNetworkFamilyFirst() throws Exception {
        write("ip.map", "10.0.0.0/8 eight\n10.1.0.0/16 sixteen\n10.1.2.3 host\n::ffff:10.1.2.0/120 v6mapped\n");
        String[][] cases = {
            {"10.1.2.3", "host"}, {"10.1.2.4", "sixteen"}, {"10.1.3.4", "sixteen"}, {"10.2.3.4", "eight"},
            {"::ffff:10.1.2.4", "v6mapped"}, {"::ffff:10.1.3.4", "sixteen"}, {"::10.1.3.4", "sixteen"},
            {"2002:a01:304::", "sixteen"}, {"11.1.1.1", "none"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], value("str(" + c[0] + "),map_ip(ip.map,none)"), c[0]);
        }
    }

    @Test
    void integersMatchRangesInOrder() throws Exception {
        write("int.map", "# c\n\n\t10   ten   \n20:30 twenty-thirty with  spaces  \n5 \n:3 low\n10 ten-again\n");
        assertEquals("ten", value("int(10),map_int(int.map,none)"));
        assertEquals("twenty-thirty with  spaces", value("int(25),map_int(int.map,none)"));
        assertEquals("", value("int(5),map_int(int.map,none)"), "a key without a value maps to the empty string");
        assertEquals("low", value("int(-1),map_int(int.map,none)"));
        assertEquals("low", value("int(2),map_int(int.map,none)"));
        assertEquals("twenty-thirty with  spaces", value("str(25),map_int(int.map,none)"));
    }

    @Test
    void regmSubstitutesGroups() throws Exception {
        write("regm.map", "^/img/(.*)\\.(png|jpg)$ /static/\\2/\\1\n^/(a)(b)?$ [\\1][\\2][\\0]\\\\3x\n"
                + "^/(c)$ [\\x41][\\n][\\q][\\1\\1][\\9][\\]\n");
        assertEquals("/static/png/a/b", value("str(/img/a/b.png),map_regm(regm.map,none)"));
        assertEquals("[a][][/a]\\3x", value("str(/a),map_regm(regm.map,none)"));
        assertEquals("[a][b][/ab]\\3x", value("str(/ab),map_regm(regm.map,none)"));
        assertEquals("[A][n][q][cc][][]", value("str(/c),map_regm(regm.map,none)"));
        assertEquals("/static/\\2/\\1", value("str(/img/a/b.png),map_reg(regm.map,none)"), "map_reg keeps the value");
    }

    @Test
    void outputTypesAndDefaults() throws Exception {
        write("si.map", "a 12\nb 13\n");
        write("sip.map", "a 1.2.3.4\nb 2001:db8::1\n");
        assertEquals("12", value("str(a),map_str_int(si.map)"));
        assertEquals("7", value("str(z),map_str_int(si.map,7)"));
        assertEquals("<none>", value("str(z),map_str_int(si.map)"));
        assertEquals("1.2.3.4", value("str(a),map_str_ip(sip.map)"));
        assertEquals("2001:db8::1", value("str(b),map_str_ip(sip.map)"));
        assertEquals("::1", value("str(z),map_str_ip(sip.map,::1)"));
        assertEquals(Optional.of(Sample.sint(12)),
                SampleCompiler.compile("str(a),map_str_int(si.map)", registry, scope).evaluate(context));
    }

    @Test
    void fileFormat() throws Exception {
        write("crlf.map", "k1 v1 \r\nk2\tv2\r\n  k3    v3 with  inner  spaces \t\n#k4 v4\n");
        assertEquals("v1", value("str(k1),map(crlf.map,none)"));
        assertEquals("v2", value("str(k2),map(crlf.map,none)"));
        assertEquals("v3 with  inner  spaces", value("str(k3),map(crlf.map,none)"));
        assertEquals("none", value("str(#k4),map(crlf.map,none)"));
    }

    @Test
    void messages() throws Exception {
        write("int.map", "  # not a comment\n");
        assertEquals("invalid args in converter 'map_int' : '#' is not a number at line 1 of file '"
                + directory.resolve("int.map") + "'", error("int(1),map_int(int.map,none)"));
        write("si.map", "a 12\nb notanint\n");
        assertEquals("invalid args in converter 'map_str_int' : unable to parse 'notanint' at line 2 of file '"
                + directory.resolve("si.map") + "'", error("str(b),map_str_int(si.map)"));
        write("si2.map", "a 12\n");
        assertEquals("invalid args in converter 'map_str_ip' : unable to parse '12' at line 1 of file '"
                + directory.resolve("si2.map") + "'", error("str(b),map_str_ip(si2.map)"));
        assertEquals("invalid args in converter 'map_ip' : 'a' is not a valid IPv4 or IPv6 address at line 1 of file '"
                + directory.resolve("si2.map") + "'", error("str(b),map_ip(si2.map)"));
        write("regbad.map", "((  x\n");
        assertEquals("invalid args in converter 'map_int_ip' : unable to parse 'x' at line 1 of file '"
                + directory.resolve("regbad.map") + "'", error("int(1),map_int_ip(regbad.map)"), "values are checked before keys");
        assertTrue(error("str(b),map_reg(regbad.map)").startsWith("invalid args in converter 'map_reg' : regex '((' is invalid"));
        assertEquals("invalid args in converter 'map_ip' : failed to open pattern file <" + directory.resolve("nofile.map") + ">",
                error("str(b),map_ip(nofile.map)"));
        write("sip.map", "a 1.2.3.4\n");
        assertEquals("invalid args in converter 'map_str_ip' : map: cannot parse default ip <notip>.",
                error("str(b),map_str_ip(sip.map,notip)"));
    }

    @Test
    void aFileIsReadOnceAndItsTablesShared() throws Exception {
        write("shared.map", "k v\n");
        PatternFiles files = (PatternFiles) scope.maps();
        assertEquals("v", value("str(k),map(shared.map)"));
        Files.writeString(directory.resolve("shared.map"), "k changed\n");
        assertEquals("v", value("str(k),map_str(shared.map)"));
        assertEquals(files.mapFile(directory.resolve("shared.map").toString()).table(
                        dev.shuttle.pattern.MatchMethod.STR, SampleType.STR, false),
                files.mapFile(directory.resolve("shared.map").toString()).table(
                        dev.shuttle.pattern.MatchMethod.STR, SampleType.STR, false));
    }
}
