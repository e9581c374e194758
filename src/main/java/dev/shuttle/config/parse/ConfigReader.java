package dev.shuttle.config.parse;

import dev.shuttle.config.ProxyKind;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads configuration files line by line and hands each line to the parser of its section.
 *
 * <p>It owns what is common to every section: tokenizing ({@link LineTokenizer}), the conditional
 * blocks ({@code .if}...{@code .endif}) and the message directives ({@code .notice} ...), section
 * headers and {@code defaults} inheritance, and the {@code no} prefix. Errors are reported with
 * {@code file:line} and reading carries on, so one run shows every mistake (configuration.txt §2).
 */
public final class ConfigReader {
    /** The global keywords that take {@code no} or {@code default} before them, as in 3.5. */
    private static final Set<String> NEGATABLE_GLOBAL_KEYWORDS = Set.of("log", "busy-polling", "set-dumpable",
            "strict-limits", "insecure-fork-wanted", "numa-cpu-mapping");
    private static final Set<String> UNSUPPORTED_SECTIONS = Set.of(
            "userlist", "peers", "resolvers", "mailers", "program", "cache",
            "traces", "fcgi-app", "dynamic-update", "acme");

    private final KeywordRegistry registry;
    private final LoadState state;
    private Section current = Section.None.INSTANCE;
    private ProxySection lastDefaults;

    /** The section lines are currently read into. */
    private sealed interface Section {
        enum None implements Section { INSTANCE }

        enum Global implements Section { INSTANCE }

        record Proxy(ProxySection proxy) implements Section {}

        record Unsupported(String keyword) implements Section {}

        /** After a header that was refused: its lines are skipped, the header's alert said enough. */
        enum Refused implements Section { INSTANCE }

        record HttpErrors(HttpErrorsSections.Section section) implements Section {}

        record CrtStore(CrtStoreSection store) implements Section {}

        record Ring(RingSection ring) implements Section {}

        record LogForward(LogForwardSection section) implements Section {}

        record LogProfile(LogProfileSection profile) implements Section {}
    }

    public ConfigReader(KeywordRegistry registry, LoadState state) {
        this.registry = registry;
        this.state = state;
    }

    /** Reads one {@code -f} argument: a file, or a directory whose {@code *.cfg} files are read in lexical order. */
    public void read(Path fileOrDirectory) {
        if (Files.isDirectory(fileOrDirectory)) {
            try (Stream<Path> entries = Files.list(fileOrDirectory)) {
                List<Path> files = entries.filter(p -> p.getFileName().toString().endsWith(".cfg"))
                        .filter(Files::isRegularFile).sorted().toList();
                files.forEach(this::readFile);
            } catch (IOException e) {
                state.diagnostics().emit(Diagnostics.Level.ALERT,
                        "Could not open configuration directory " + fileOrDirectory + " : " + reason(e));
            }
        } else {
            readFile(fileOrDirectory);
        }
    }

    private void readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            state.diagnostics().emit(Diagnostics.Level.ALERT,
                    "Could not open configuration file " + file + " : " + reason(e));
            return;
        }
        int alertsBefore = state.diagnostics().count(Diagnostics.Level.ALERT);
        ConditionalBlocks blocks = new ConditionalBlocks();
        String name = file.toString();
        for (int i = 0; i < lines.size(); i++) {
            readLine(lines.get(i), new SourceLocation(name, i + 1), blocks);
        }
        try {
            blocks.checkClosed();
        } catch (ConditionException e) {
            state.diagnostics().alert(new SourceLocation(name, lines.size()), e.getMessage());
        }
        current = Section.None.INSTANCE;
        if (state.diagnostics().count(Diagnostics.Level.ALERT) > alertsBefore) {
            state.diagnostics().emit(Diagnostics.Level.ALERT, "config : Error(s) found in configuration file : " + name);
        }
    }

    private void readLine(String line, SourceLocation where, ConditionalBlocks blocks) {
        List<String> words;
        state.variables().set(".FILE", where.file());
        state.variables().set(".LINE", Integer.toString(where.line()));
        try {
            words = LineTokenizer.tokenize(line, state.variables());
        } catch (TokenizeException e) {
            // HAProxy reports a broken line even inside a block that is skipped.
            state.diagnostics().emit(Diagnostics.Level.ALERT, "config : parsing [" + where + "]: " + e.getMessage());
            return;
        }
        if (words.isEmpty()) {
            return;
        }
        try {
            if (words.getFirst().startsWith(".")) {
                Directives.apply(words, where, blocks, state);
            } else if (blocks.isActive()) {
                dispatch(words, where);
            }
        } catch (ConfigException e) {
            state.diagnostics().alert(where, e);
        } catch (ConditionException e) {
            state.diagnostics().alert(where, e.getMessage());
        }
    }

    private void dispatch(List<String> words, SourceLocation where) throws ConfigException {
        String first = words.getFirst();
        switch (first) {
            case "global" -> {
                current = Section.Global.INSTANCE;
                setSectionVariable(words);
            }
            case "defaults", "frontend", "backend", "listen" -> {
                setSectionVariable(words);
                // Until the header is accepted, its lines must not fall into the previous section.
                current = Section.Refused.INSTANCE;
                current = new Section.Proxy(openProxy(words, where));
            }
            case "crt-store" -> {
                setSectionVariable(words);
                current = Section.Refused.INSTANCE;
                current = new Section.CrtStore(CrtStoreSection.open(words, state));
            }
            case "ring" -> {
                setSectionVariable(words);
                current = Section.Refused.INSTANCE;
                current = new Section.Ring(RingSection.open(words, where, state));
            }
            case "log-forward" -> {
                setSectionVariable(words);
                current = Section.Refused.INSTANCE;
                current = new Section.LogForward(LogForwardSection.open(words, where, state));
            }
            case "log-profile" -> {
                setSectionVariable(words);
                current = Section.Refused.INSTANCE;
                current = new Section.LogProfile(LogProfileSection.open(words, where, state.logProfiles));
            }
            case "http-errors" -> {
                setSectionVariable(words);
                current = HttpErrorsSections.of(state).open(words, where, state.diagnostics())
                        .<Section>map(Section.HttpErrors::new).orElse(Section.Refused.INSTANCE);
            }
            default -> {
                if (UNSUPPORTED_SECTIONS.contains(first)) {
                    setSectionVariable(words);
                    current = new Section.Unsupported(first);
                    throw new ConfigException("'" + first + "' sections are not supported by Shuttle; the section is skipped.");
                }
                parseInSection(words, where);
            }
        }
    }

    /** {@code ${.SECTION}}: like HAProxy, the section's first argument (its name), else its keyword. */
    private void setSectionVariable(List<String> words) {
        state.variables().set(".SECTION", words.size() > 1 ? words.get(1) : words.getFirst());
    }

    private void parseInSection(List<String> words, SourceLocation where) throws ConfigException {
        switch (current) {
            // 3.5 writes this one with no space before its colon ("[file:line]: ").
            case Section.None none -> throw new ConfigException("unknown keyword '" + words.getFirst()
                    + "' out of section.", ConfigException.Place.TIGHT);
            case Section.Global global -> parseGlobal(words, where);
            case Section.Proxy proxy -> ProxyLineParser.parse(registry, words, where, state, proxy.proxy());
            case Section.Unsupported skipped -> { }
            case Section.Refused refused -> { }
            case Section.HttpErrors errors -> errors.section().parse(words, state);
            case Section.CrtStore store -> store.store().parse(words, where, state);
            case Section.Ring ring -> ring.ring().parse(words, where, state.diagnostics());
            case Section.LogForward forward -> forward.section().parse(words, where, state);
            case Section.LogProfile profile -> profile.profile().parse(words);
        }
    }

    /**
     * A global line. configuration.txt §3: {@code no} (or {@code default}) goes before a few global
     * keywords only, which 3.5 lists in its alert; {@code default} is their plain form there.
     */
    private void parseGlobal(List<String> words, SourceLocation where) throws ConfigException {
        String first = words.getFirst();
        boolean modifier = first.equals("no") || first.equals("default");
        List<String> line = modifier ? words.subList(1, words.size()) : words;
        if (modifier && (line.isEmpty() || !NEGATABLE_GLOBAL_KEYWORDS.contains(line.getFirst()))) {
            // 3.5 writes this one's place without a space before the colon.
            throw new ConfigException("negation/default currently supported only for options, log, busy-polling,"
                    + " set-dumpable, strict-limits, insecure-fork-wanted and numa-cpu-mapping.", ConfigException.Place.TIGHT);
        }
        KeywordRegistry.GlobalKeyword parser = registry.globalKeyword(line.getFirst())
                .orElseThrow(() -> new ConfigException("unknown keyword '" + line.getFirst() + "' in 'global' section"));
        parser.parse(new KeywordContext(line, first.equals("no"), where, state), state.global);
    }

    /** Opens {@code <kind> <name> [from <defaults>]}, inheriting the right defaults section. */
    private ProxySection openProxy(List<String> words, SourceLocation where) throws ConfigException {
        ProxyKind kind = ProxyKind.valueOf(words.getFirst().toUpperCase(Locale.ROOT));
        String name = words.size() > 1 && !words.get(1).equals("from") ? words.get(1) : "";
        int fromIndex = name.isEmpty() ? 1 : 2;
        if (name.isEmpty() && kind != ProxyKind.DEFAULTS) {
            throw new ConfigException("'" + kind.keyword() + "' expects <name> as an argument.");
        }
        ProxyNames.checkValid(kind, name);
        // configuration.txt §4: defaults "are reset by the next defaults section"; a proxy takes the last one.
        ProxySection parent = kind == ProxyKind.DEFAULTS ? null : lastDefaults;
        if (words.size() > fromIndex) {
            if (!words.get(fromIndex).equals("from") || words.size() != fromIndex + 2) {
                throw new ConfigException("'" + kind.keyword() + "' expects a name and optionally 'from <defaults>'.");
            }
            String parentName = words.get(fromIndex + 1);
            parent = state.namedDefaults.get(parentName);
            if (parent == null) {
                throw new ConfigException("defaults section '" + parentName + "' not found for "
                        + kind.keyword() + " '" + name + "'.");
            }
        }
        ProxySection section = new ProxySection(name, kind, where);
        if (parent != null) {
            DefaultsWithRules.checkInheritance(parent, section);
            section.inheritFrom(parent);
        }
        if (kind == ProxyKind.DEFAULTS) {
            lastDefaults = section;
            if (!name.isEmpty()) {
                state.namedDefaults.put(name, section);
            }
        } else {
            ProxyNames.checkUnique(kind, name, where, state.proxies);
            state.proxies.add(section);
        }
        return section;
    }

    private static String reason(IOException e) {
        return e instanceof NoSuchFileException ? "No such file or directory"
                : e instanceof AccessDeniedException ? "Permission denied"
                : String.valueOf(e.getMessage());
    }

    /** Collects the files of every {@code -f} argument, for {@code HAPROXY_CFGFILES}. */
    public static List<String> listFiles(List<Path> arguments) {
        List<String> names = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                try (Stream<Path> entries = Files.list(argument)) {
                    entries.filter(p -> p.getFileName().toString().endsWith(".cfg"))
                            .filter(Files::isRegularFile).sorted()
                            .forEach(p -> names.add(p.toString()));
                } catch (IOException ignored) {
                    // reported when the directory is read
                }
            } else {
                names.add(argument.toString());
            }
        }
        return names;
    }
}
