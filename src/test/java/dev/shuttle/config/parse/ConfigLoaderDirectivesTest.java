package dev.shuttle.config.parse;

import static dev.shuttle.config.parse.ConfigFixture.TIMEOUTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.net.Hostname;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditional blocks, message directives, environment variables and the variables HAProxy
 * predefines, through {@link ConfigLoader}. Values are observed through {@code description}.
 */
class ConfigLoaderDirectivesTest {
    @TempDir
    Path directory;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    /** A backend whose description is {@code value}, quoted so that variables expand. */
    private static String describedBackend(String name, String value) {
        return "backend " + name + "\n    description " + value + "\n    server s 127.0.0.1:1\n";
    }

    private static String branches(String ifCondition, String elifCondition) {
        return TIMEOUTS + """
                backend be
                .if %s
                    description first
                .elif %s
                    description second
                .else
                    description third
                    bogus keyword never read
                .endif
                    server s 127.0.0.1:1
                """.formatted(ifCondition, elifCondition);
    }

    @Test
    void ifTakesTheFirstTrueBranch() {
        Loaded loaded = fixture.load(branches("defined(FOO)", "version_atleast(2.4)"), Map.of("FOO", ""));
        assertEquals(List.of(), loaded.messages());
        assertEquals("first", loaded.proxy("be").description());
    }

    @Test
    void elifIsTriedWhenIfIsFalse() {
        Loaded loaded = fixture.load(branches("defined(FOO)", "version_atleast(2.4)"));
        assertEquals(List.of(), loaded.messages());
        assertEquals("second", loaded.proxy("be").description());
    }

    @Test
    void elseIsTakenWhenNothingElseHoldsAndItsLinesAreRead() {
        Loaded loaded = fixture.load(branches("defined(FOO)", "version_atleast(999.0)"));
        assertEquals(List.of(loaded.at(12) + "unknown keyword 'bogus' in 'backend' section",
                "config : Error(s) found in configuration file : " + loaded.file()), loaded.alerts());
    }

    @Test
    void directivesInsideASkippedBlockDoNothing() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                .if defined(NOPE)
                .alert "not printed"
                .notice "not printed either"
                .endif
                """);
        assertEquals(List.of(), loaded.messages());
        assertTrue(loaded.configuration().isPresent());
    }

    @Test
    void aNonTerminatedIfIsAnAlertAtTheLastLine() {
        Loaded loaded = fixture.load(TIMEOUTS + ".if defined(NOPE)\nfoo\n");
        assertEquals(List.of(loaded.at(6) + "non-terminated '.if' block.",
                "config : Error(s) found in configuration file : " + loaded.file()), loaded.alerts());
    }

    @Test
    void aLoneEndifIsAnAlert() {
        Loaded loaded = fixture.load(TIMEOUTS + ".endif\n");
        assertEquals(loaded.at(5) + "lone '.endif' with no matching '.if'.", loaded.alerts().getFirst());
        assertTrue(loaded.configuration().isEmpty());
    }

    @Test
    void noticeAndWarningAreReportedWithoutFailing() {
        Loaded loaded = fixture.load(TIMEOUTS + ".notice \"hello notice\"\n.warning \"hello warning\"\n");
        assertTrue(loaded.configuration().isPresent());
        assertEquals(1, loaded.notices().size());
        assertTrue(loaded.notices().getFirst().startsWith(loaded.file() + ":5", "config : parsing [".length()));
        assertTrue(loaded.notices().getFirst().contains("hello notice"));
        assertEquals(1, loaded.warnings().size());
        assertTrue(loaded.warnings().getFirst().contains("hello warning"));
        assertEquals(List.of(), loaded.alerts());
    }

    @Test
    void alertDirectiveFailsTheLoad() {
        Loaded loaded = fixture.load(TIMEOUTS + ".alert \"stop here\"\n");
        assertTrue(loaded.configuration().isEmpty());
        assertEquals(2, loaded.alerts().size());
        assertTrue(loaded.alerts().getFirst().contains("stop here"));
    }

    @Test
    void diagDirectiveIsOnlyPrintedInDiagnosticMode() {
        Path file = fixture.write("diag.cfg", TIMEOUTS + ".diag \"look\"\n");
        Diagnostics quiet = Diagnostics.collecting();
        Diagnostics diagnostic = new Diagnostics(null, 1, true, true);
        new ConfigLoader(KeywordRegistry.standard()).load(List.of(file), Variables.of(Map.of()), quiet);
        new ConfigLoader(KeywordRegistry.standard()).load(List.of(file), Variables.of(Map.of()), diagnostic);
        assertEquals(0, quiet.count(Diagnostics.Level.DIAG));
        assertEquals(1, diagnostic.count(Diagnostics.Level.DIAG));
    }

    @Test
    void messageDirectivesUseHaproxyLayout() {
        Loaded loaded = fixture.load(".notice \"hello\"\n.alert \"stop\"\n");
        String file = loaded.file().toString();
        assertEquals(List.of("config : parsing [" + file + ":1]: 'hello'."), loaded.notices());
        assertEquals("config : parsing [" + file + ":2]: 'stop'.", loaded.alerts().getFirst());
    }

    @Test
    void messageDirectivesTakeOneArgument() {
        Loaded loaded = fixture.load(".notice hello world\n");
        assertEquals(List.of("config : parsing [" + loaded.file() + ":1]: Unexpected argument 'world' for "
                + "'.notice'. Use quotes if the message should contain spaces."), loaded.alerts().stream().limit(1).toList());
    }

    @Test
    void quotedVariablesExpandAndUnquotedOnesDoNot() {
        Map<String, String> environment = Map.of("HOST", "db", "EMPTY", "");
        Loaded loaded = fixture.load(TIMEOUTS
                + describedBackend("quoted", "\"${HOST}:5432\"")
                + describedBackend("bare", "$HOST")
                + describedBackend("fallback", "\"${MISSING-none}/${EMPTY-none}/${HOST-none}\"")
                + describedBackend("undefined", "\"[${MISSING}]\""), environment);
        assertEquals("db:5432", loaded.proxy("quoted").description());
        assertEquals("$HOST", loaded.proxy("bare").description());
        assertEquals("none//db", loaded.proxy("fallback").description(),
                "the default applies to an undefined variable only, not to an empty one");
        assertEquals("[]", loaded.proxy("undefined").description());
    }

    @Test
    void environmentKeywordsAffectOnlyTheLinesAfterThem() {
        Loaded loaded = fixture.load(TIMEOUTS
                + describedBackend("before", "\"${NAME}\"")
                + """
                global
                    setenv NAME one
                    presetenv NAME two
                    presetenv OTHER three
                    unsetenv GONE
                """
                + describedBackend("after", "\"${NAME}/${OTHER}/${GONE-unset}/${KEPT}\""),
                Map.of("NAME", "zero", "GONE", "x", "KEPT", "k"));
        assertEquals("zero", loaded.proxy("before").description());
        assertEquals("one/three/unset/k", loaded.proxy("after").description());
        assertEquals(Map.of("NAME", "one", "OTHER", "three"), Map.of("NAME",
                loaded.variables().getOrNull("NAME"), "OTHER", loaded.variables().getOrNull("OTHER")));
    }

    @Test
    void resetenvKeepsOnlyTheNamedVariables() {
        Loaded loaded = fixture.load(TIMEOUTS + """
                global
                    resetenv KEEP
                backend be
                .if defined(DROP)
                    description dropped-is-still-there
                .elif defined(KEEP)
                    description "kept ${KEEP}"
                .endif
                    server s 127.0.0.1:1
                """, Map.of("KEEP", "1", "DROP", "2"));
        assertEquals("kept 1", loaded.proxy("be").description());
        assertTrue(loaded.variables().isDefined("KEEP"));
        assertTrue(!loaded.variables().isDefined("DROP") && !loaded.variables().isDefined("HAPROXY_LOCALPEER"));
    }

    @Test
    void setenvChecksItsArguments() {
        Loaded loaded = fixture.load("global\n    setenv ONLY_NAME\n");
        assertEquals(loaded.at(2) + "'setenv' expects exactly 2 arguments.", loaded.alerts().getFirst());
    }

    @Test
    void cfgfilesListsEveryFileInOrder() {
        Path first = fixture.write("one.cfg", TIMEOUTS);
        Path second = fixture.write("two.cfg", describedBackend("be", "\"${HAPROXY_CFGFILES}\""));
        Loaded loaded = fixture.load(List.of(first, second), Variables.of(Map.of()), second);
        assertEquals(first + ";" + second, loaded.proxy("be").description());
    }

    @Test
    void localPeerDefaultsToTheHostNameAndKeepsAPresetValue() {
        Path file = fixture.write("peer.cfg", TIMEOUTS + describedBackend("be", "\"${HAPROXY_LOCALPEER}\""));
        Loaded byDefault = fixture.load(List.of(file), Variables.of(Map.of()), file);
        Loaded preset = fixture.load(List.of(file), Variables.of(Map.of("HAPROXY_LOCALPEER", "from-L")), file);
        assertEquals(Hostname.get(), byDefault.proxy("be").description());
        assertEquals("from-L", preset.proxy("be").description());
    }

    @Test
    void localpeerKeywordSetsTheVariableForLaterLines() {
        Loaded loaded = fixture.load("global\n    localpeer peer1\n" + TIMEOUTS
                + describedBackend("be", "\"${HAPROXY_LOCALPEER}\""), Map.of("HAPROXY_LOCALPEER", "from-L"));
        assertEquals("peer1", loaded.proxy("be").description());
    }

    @Test
    void fileLineAndSectionVariablesDescribeTheCurrentLine() {
        Loaded loaded = fixture.load("""
                global
                    setenv WHERE "${.FILE}:${.LINE} in ${.SECTION}"
                """ + TIMEOUTS + describedBackend("be", "\"${WHERE} then ${.LINE}\""));
        assertEquals(loaded.file() + ":2 in global then 8", loaded.proxy("be").description());
    }

    @Test
    void sectionVariableNamesTheProxy() {
        Loaded loaded = fixture.load(TIMEOUTS + describedBackend("be", "\"${.SECTION}\""));
        assertEquals("be", loaded.proxy("be").description());
    }

    @Test
    void aDirectoryArgumentReadsItsCfgFilesInLexicalOrder() throws Exception {
        Path dir = directory.resolve("conf.d");
        fixture.write("conf.d/0-defaults.cfg", TIMEOUTS + "    retries 8\n");
        fixture.write("conf.d/2.cfg", describedBackend("two", "\"${HAPROXY_CFGFILES}\""));
        fixture.write("conf.d/10.cfg", describedBackend("ten", "x"));
        fixture.write("conf.d/notes.txt", "this is not configuration\n");
        fixture.write("conf.d/sub/3.cfg", describedBackend("nested", "x"));
        Loaded loaded = fixture.load(List.of(dir), Variables.of(Map.of()), dir);
        assertEquals(List.of(), loaded.messages());
        assertEquals(List.of("ten", "two"), loaded.config().proxies().stream().map(ProxyConfig::name).toList());
        assertEquals(8, loaded.proxy("two").retries(), "defaults carry over from one file to the next");
        assertEquals(dir.resolve("0-defaults.cfg") + ";" + dir.resolve("10.cfg") + ";" + dir.resolve("2.cfg"),
                loaded.proxy("two").description());
    }

    @Test
    void cfgfilesListsOnlyRegularFiles() throws Exception {
        Path dir = directory.resolve("conf.d");
        fixture.write("conf.d/a.cfg", describedBackend("a", "\"${HAPROXY_CFGFILES}\""));
        Files.createDirectories(dir.resolve("b.cfg"));
        Loaded loaded = fixture.load(List.of(dir), Variables.of(new HashMap<>()), dir);
        assertEquals(dir.resolve("a.cfg").toString(), loaded.proxy("a").description());
    }

    @Test
    void aMissingFileIsAnAlert() {
        Path missing = directory.resolve("missing.cfg");
        Loaded loaded = fixture.load(List.of(missing), Variables.of(Map.of()), missing);
        assertEquals(List.of("Could not open configuration file " + missing + " : No such file or directory"),
                loaded.alerts());
        assertTrue(loaded.configuration().isEmpty());
    }
}
