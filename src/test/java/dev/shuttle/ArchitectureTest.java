package dev.shuttle;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph (DESIGN.md §2 and §4.11): packages sit on floors, bottom to top, and import
 * only what sits below them; no cycle; codecs stay pure; the expression language's layers import
 * each other one way. Checked on the compiled classes (ArchUnit) and on the source's import lines,
 * which also show what the bytecode cannot (a constant the compiler inlined).
 */
class ArchitectureTest {
    /**
     * The floors, bottom to top, and what each package may import besides itself: only packages
     * listed above it, and of those only the ones named. {@code *} is every package above;
     * {@code -} nothing. docs/architecture.md shows the same table.
     */
    private static final String FLOORS = """
            floor  package       may import
            1      io            -
            1      http          -
            1      stats         -
            1      lang          -
            1      version       -
            1      net           io
            1      tls           -
            1      proxyproto    -
            1      hpack         -
            2      h1            http
            2      h2            hpack http
            3      sample        lang http tls proxyproto
            3      pattern       sample lang
            3      acl           pattern sample lang
            3      rules         acl pattern sample http lang
            4      config        rules acl pattern sample lang version net http stats io tls
            4      config.parse  config rules acl pattern sample h1 lang version net http stats io tls
            5      listener      sample config net stats io
            6      session       listener rules sample config net stats io tls proxyproto
            7      mux           session listener sample h1 h2 hpack http config io
            7      server        sample config net stats tls
            7      lb            server sample config net
            7      backend       lb server sample config lang net stats io tls proxyproto
            8      stream        backend lb server mux session listener config rules acl pattern sample lang http net stats io tls
            8      check         backend server config sample lang net http h2 hpack tls
            8      stats.proxy   backend server listener config net stats
            9      log           stream session backend lb server listener config sample lang net stats io tls
            9      cli           stats.proxy backend server listener config pattern sample version lang net stats io tls
            9      logfwd        log listener config lang net
            9      statspage     stream stats.proxy backend server listener config rules sample version http stats
            10     main          *
            -      demo          -
            """;

    /** The codecs: bytes in, records out, never a socket or a channel. */
    private static final String[] CODECS = {"dev.shuttle.h1", "dev.shuttle.http", "dev.shuttle.hpack",
        "dev.shuttle.h2", "dev.shuttle.proxyproto"};

    private static final String BASE = "dev.shuttle.";
    private static final Map<String, Set<String>> MAY_IMPORT = parse(FLOORS);
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.shuttle");

    @Test
    void theClassesAreReallyAnalysed() {
        assertTrue(CLASSES.contain("dev.shuttle.main.Main"), "ArchUnit did not read the compiled classes");
        assertTrue(CLASSES.size() > 300, "only " + CLASSES.size() + " classes read");
    }

    @Test
    void everyPackageIsOnAFloor() {
        Set<String> unknown = new TreeSet<>();
        CLASSES.forEach(c -> {
            if (!MAY_IMPORT.containsKey(shortName(c.getPackageName()))) {
                unknown.add(c.getPackageName());
            }
        });
        assertEquals(Set.of(), unknown, "packages missing from the floor table");
    }

    @Test
    void noPackageCycle() {
        slices().matching("dev.shuttle.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void classesImportOnlyBelowTheirFloor() {
        classes().that().resideInAPackage("dev.shuttle..").should(stayOnTheirFloor()).check(CLASSES);
    }

    @Test
    void sourceImportsStayBelowTheirFloor() throws IOException {
        Pattern packageLine = Pattern.compile("(?m)^package dev\\.shuttle\\.([\\w.]+);");
        Pattern importLine = Pattern.compile("(?m)^import (?:static )?dev\\.shuttle\\.([a-z0-9_.]+?)\\.[A-Z]");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/shuttle"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher declared = packageLine.matcher(text);
                if (!declared.find()) {
                    continue;
                }
                String from = declared.group(1);
                Matcher imported = importLine.matcher(text);
                while (imported.find()) {
                    String to = imported.group(1);
                    if (!allowed(from, to)) {
                        violations.add(file + " imports " + to + " (" + from + " may import "
                                + MAY_IMPORT.get(from) + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void codecsTouchNoSocket() {
        noClasses().that().resideInAnyPackage(CODECS)
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..")
                .check(CLASSES);
    }

    @Test
    void theExpressionLanguageImportsOneWay() {
        noClasses().that().resideInAPackage("dev.shuttle.sample")
                .should().dependOnClassesThat().resideInAnyPackage("dev.shuttle.acl", "dev.shuttle.pattern")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.shuttle.pattern")
                .should().dependOnClassesThat().resideInAPackage("dev.shuttle.acl")
                .check(CLASSES);
    }

    private static ArchCondition<JavaClass> stayOnTheirFloor() {
        return new ArchCondition<>("import only the packages below their floor that the table names") {
            @Override
            public void check(JavaClass source, ConditionEvents events) {
                String from = shortName(source.getPackageName());
                for (Dependency dependency : source.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getBaseComponentType().getPackageName();
                    if (!target.startsWith(BASE)) {
                        continue;
                    }
                    String to = shortName(target);
                    if (!allowed(from, to)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + " (" + from + " may import " + MAY_IMPORT.get(from) + ")"));
                    }
                }
            }
        };
    }

    private static boolean allowed(String from, String to) {
        Set<String> mayImport = MAY_IMPORT.get(from);
        return to.equals(from) || (mayImport != null && mayImport.contains(to));
    }

    private static String shortName(String packageName) {
        return packageName.startsWith(BASE) ? packageName.substring(BASE.length()) : packageName;
    }

    /** The table as package → what it may import, checking that each names only packages above it. */
    private static Map<String, Set<String>> parse(String table) {
        Map<String, Set<String>> floors = new LinkedHashMap<>();
        Map<String, Integer> floorOf = new LinkedHashMap<>();
        for (String row : table.lines().skip(1).toList()) {
            String[] cells = row.trim().split("\\s+");
            String name = cells[1];
            int floor = cells[0].equals("-") ? Integer.MAX_VALUE : Integer.parseInt(cells[0]);
            Set<String> mayImport = new TreeSet<>();
            for (int i = 2; i < cells.length; i++) {
                switch (cells[i]) {
                    case "-" -> { }
                    case "*" -> mayImport.addAll(floors.keySet());
                    default -> {
                        if (!floors.containsKey(cells[i]) || floorOf.get(cells[i]) > floor) {
                            throw new IllegalStateException(
                                    name + " may import only packages above it, not " + cells[i]);
                        }
                        mayImport.add(cells[i]);
                    }
                }
            }
            floors.put(name, Set.copyOf(mayImport));
            floorOf.put(name, floor);
        }
        return floors;
    }
}
