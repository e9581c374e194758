package dev.shuttle.config.parse;

import dev.shuttle.config.ProxyKind;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.pattern.PatternFiles;
import java.util.List;
import java.util.Set;

/**
 * Dispatches one line of a proxy section to its keyword parser, after checking that the keyword
 * fits the section: HAProxy ignores with a warning what a proxy cannot use, and refuses what
 * would silently change the meaning of the configuration.
 */
final class ProxyLineParser {
    /** The keywords besides options that take {@code no}: {@code no log} (configuration.txt, "no log"). */
    private static final java.util.Set<String> NEGATABLE = java.util.Set.of("log");

    /**
     * The keywords whose whole line 3.5 parses in one function that names the line itself: their
     * refusals read {@code [file:line] : 'server b/s' : reason}, without "parsing" (3.5's
     * parse_server() sets the alert's context), a refused capability even with the usual
     * {@code parsing [file:line] :} after it.
     */
    private static final Set<String> SERVER_KEYWORDS = Set.of("server", "default-server", "server-template");

    private static final String DEFAULT_SERVER_CONTEXT = "'default-server' : ";

    private ProxyLineParser() {}

    static void parse(KeywordRegistry registry, List<String> words, SourceLocation where, LoadState state,
                      ProxySection proxy) throws ConfigException {
        if (!SERVER_KEYWORDS.contains(words.getFirst())) {
            parseLine(registry, words, where, state, proxy);
            return;
        }
        try {
            parseLine(registry, words, where, state, proxy);
        } catch (ConfigException e) {
            if (e.place() == ConfigException.Place.CONTEXT) {
                throw e;
            }
            // 3.5 names no server on a default-server line (it has no name): the bare reason.
            String text = e.getMessage();
            if (words.getFirst().equals("default-server") && text.startsWith(DEFAULT_SERVER_CONTEXT)) {
                text = text.substring(DEFAULT_SERVER_CONTEXT.length());
            }
            throw new ConfigException(text, ConfigException.Place.CONTEXT);
        }
    }

    private static void parseLine(KeywordRegistry registry, List<String> words, SourceLocation where, LoadState state,
                                  ProxySection proxy) throws ConfigException {
        PatternFiles.of(state).parsingAt(where); // the users 'show map' and 'show acl' name
        boolean negated = words.getFirst().equals("no") || words.getFirst().equals("default");
        List<String> line = negated ? words.subList(1, words.size()) : words;
        if (line.isEmpty()) {
            throw new ConfigException("'" + words.getFirst() + "' expects a keyword after it.");
        }
        String keyword = line.getFirst();
        if (proxy.logBackend != null && !negated && proxy.logBackend.parse(line, proxy, state)) {
            return;
        }
        if (proxy.logBackend != null && !LogBackendSection.COMMON_KEYWORDS.contains(keyword)) {
            throw new ConfigException("'" + String.join(" ", line.subList(0, Math.min(2, line.size())))
                    + "' is not supported by Shuttle in a 'mode log' backend.");
        }
        if (keyword.equals("option")) {
            parseOption(registry, line, negated, where, state, proxy);
            return;
        }
        parseKeyword(registry, line, negated, where, state, proxy, keyword);
    }

    private static void parseKeyword(KeywordRegistry registry, List<String> line, boolean negated,
                                     SourceLocation where, LoadState state, ProxySection proxy, String keyword)
            throws ConfigException {
        KeywordRegistry.ProxyEntry entry = registry.proxyKeyword(keyword).orElseThrow(() -> new ConfigException(
                "unknown keyword '" + keyword + "' in '" + proxy.kind.keyword() + "' section"));
        if (negated && !NEGATABLE.contains(keyword)) {
            throw new ConfigException("'no " + keyword + "' is not supported; only options may be negated.");
        }
        if (proxy.kind == ProxyKind.DEFAULTS && !entry.inDefaults()) {
            throw new ConfigException("'" + keyword + "' not allowed in 'defaults' section.");
        }
        if (fits(entry.need(), proxy, keyword, entry.strict(), where, state)) {
            entry.parser().parse(new KeywordContext(line, negated, where, state), proxy);
        } else if (VALIDATED_WHEN_IGNORED.contains(keyword)) {
            // HAProxy still parses these where it ignores them: a bad argument is an error all the same.
            entry.parser().parse(new KeywordContext(line, false, where, state), scratch(proxy));
        }
    }

    /**
     * The keywords HAProxy 3.x checks even in a section where it ignores them (it warns, then fails on
     * a bad argument); the others it ignores unread, and so does Shuttle.
     */
    private static final Set<String> VALIDATED_WHEN_IGNORED = Set.of("balance", "default_backend", "http-reuse",
            "monitor-uri");

    /** A section with both capabilities that nothing reads, for arguments checked and dropped. */
    private static ProxySection scratch(ProxySection proxy) {
        ProxySection scratch = new ProxySection(proxy.name, ProxyKind.LISTEN, proxy.where);
        scratch.mode = proxy.mode;
        return scratch;
    }

    private static void parseOption(KeywordRegistry registry, List<String> line, boolean negated, SourceLocation where,
                                    LoadState state, ProxySection proxy) throws ConfigException {
        if (line.size() < 2) {
            throw new ConfigException("'option' expects an option name.");
        }
        String name = line.get(1);
        KeywordRegistry.ProxyEntry entry = registry.optionKeyword(name).orElseThrow(() -> new ConfigException(
                "unknown option '" + name + "'."));
        if (fits(entry.need(), proxy, "option " + name, false, where, state)) {
            entry.parser().parse(new KeywordContext(line.subList(1, line.size()), negated, where, state), proxy);
        }
    }

    private static boolean fits(KeywordRegistry.Need need, ProxySection proxy, String keyword, boolean strict,
                                SourceLocation where, LoadState state) throws ConfigException {
        boolean fits = switch (need) {
            case ANY -> true;
            case FRONTEND -> proxy.kind.hasFrontendCapability();
            case BACKEND -> proxy.kind.hasBackendCapability();
        };
        if (fits) {
            return true;
        }
        String missing = need == KeywordRegistry.Need.FRONTEND ? "frontend" : "backend";
        if (strict && SERVER_KEYWORDS.contains(keyword)) {
            throw new ConfigException("parsing [" + where + "] : '" + keyword + "' not allowed because "
                    + proxy.describe() + " has no " + missing + " capability.", ConfigException.Place.CONTEXT);
        }
        if (strict) {
            throw new ConfigException("'" + keyword + "' not allowed because " + proxy.describe()
                    + " has no " + missing + " capability.");
        }
        state.diagnostics().warning(where, "'" + keyword + "' ignored because " + proxy.describe()
                + " has no " + missing + " capability.");
        return false;
    }
}
