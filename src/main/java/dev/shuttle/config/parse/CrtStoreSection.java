package dev.shuttle.config.parse;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One {@code crt-store [<name>]} section (configuration.txt §12.7): certificates loaded ahead of
 * the listeners and servers that name them. {@code load crt <file> [key <file>] [alias <name>]}
 * loads one; a listener then names it {@code @/<alias>} (unnamed store) or {@code @<store>/<alias>},
 * or by its file for a store with a name ({@code @<store>/<file>}) or without one ({@code <file>}).
 * The section's {@code crt-base} and {@code key-base} replace the global ones.
 */
final class CrtStoreSection {
    private final String name;
    private final TlsGlobalSection global;
    private Optional<String> crtBase = Optional.empty();
    private Optional<String> keyBase = Optional.empty();

    CrtStoreSection(String name, TlsGlobalSection global) {
        this.name = name;
        this.global = global;
    }

    /** Opens {@code crt-store [name]}. */
    static CrtStoreSection open(List<String> words, LoadState state) throws ConfigException {
        if (words.size() > 2) {
            throw new ConfigException("'crt-store' expects at most one argument, its name.");
        }
        return new CrtStoreSection(words.size() > 1 ? words.get(1) : "", state.global().tls);
    }

    void parse(List<String> words, SourceLocation where, LoadState state) throws ConfigException {
        KeywordContext line = new KeywordContext(words, false, where, state);
        switch (line.keyword()) {
            case "crt-base" -> crtBase = Optional.of(single(line));
            case "key-base" -> keyBase = Optional.of(single(line));
            case "load" -> load(line);
            default -> throw new ConfigException("unknown keyword '" + line.keyword() + "' in 'crt-store' section");
        }
    }

    private static String single(KeywordContext line) throws ConfigException {
        if (line.argCount() != 1) {
            throw new ConfigException("'" + line.keyword() + "' in section 'crt-store': expects a directory path as an argument.");
        }
        return line.arg(1);
    }

    private void load(KeywordContext line) throws ConfigException {
        String crt = null;
        String key = null;
        String alias = null;
        for (int i = 1; i < line.words().size(); i += 2) {
            String option = line.arg(i);
            String value = line.arg(i + 1);
            if (value.isEmpty()) {
                throw new ConfigException("'load' : '" + option + "' expects an argument.");
            }
            switch (option) {
                case "crt" -> crt = value;
                case "key" -> key = value;
                case "alias" -> alias = value;
                case "ocsp", "issuer", "sctl" -> line.warning("'load' : '" + option + " " + value + "' has no effect: "
                        + "Shuttle does not staple OCSP responses nor send signed certificate timestamps.");
                case "ocsp-update" -> {
                    if (value.equals("on")) {
                        throw new ConfigException("'load' : 'ocsp-update on' is not supported by Shuttle: JSSE cannot "
                                + "staple an OCSP response it fetched itself per certificate.");
                    }
                }
                case "acme", "domains", "ips" -> throw new ConfigException("'load' : '" + option
                        + "' is not supported by Shuttle (no ACME client).");
                default -> throw new ConfigException("'load' : unknown keyword '" + option + "'.");
            }
        }
        if (crt == null) {
            throw new ConfigException("'load' : 'crt' is mandatory.");
        }
        Optional<String> base = crtBase.isPresent() || !name.isEmpty() ? crtBase : global.crtBase;
        String path = TlsGlobalSection.under(base, crt);
        Optional<Path> keyFile = Optional.ofNullable(key)
                .map(k -> Path.of(TlsGlobalSection.under(keyBase.isPresent() ? keyBase : global.keyBase, k)));
        String storeName = alias != null ? "@" + name + "/" + alias : name.isEmpty() ? path : "@" + name + "/" + crt;
        if (global.files.hasCertificate(storeName)) {
            throw new ConfigException("'load' : certificate '" + storeName + "' is already in a crt-store.");
        }
        TlsCertificates.load(line, global, Path.of(path), storeName, keyFile, "'load'");
        global.storeReferences.put(storeName, storeName);
        if (alias == null && !name.isEmpty()) {
            global.storeReferences.put("@" + name + "/" + crt, storeName);
        }
    }
}
