package dev.shuttle.config.parse;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.tls.SniEntry;
import dev.shuttle.tls.TlsOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code crt-list} file (configuration.txt §5.1, "crt-list"): one certificate per line,
 *
 * <pre>
 *   &lt;crtfile&gt; [\[&lt;sslbindconf&gt; ...\]] [[!]&lt;snifilter&gt; ...]
 * </pre>
 *
 * where the bracketed options override the listener's for that certificate, the filters replace
 * the certificate's own names for SNI ({@code *} makes it a default certificate, {@code !name}
 * excludes a name from the line's wildcards), and lines starting with {@code #} are comments.
 */
final class CrtListFile {
    /** The crt-store "load" options a crt-list line may also carry. */
    private static final List<String> LOAD_OPTIONS = List.of("crt", "key", "ocsp", "issuer", "sctl", "ocsp-update");

    /** One line, split: the certificate, its bracketed options, its filters. */
    record Line(String certificate, List<String> options, List<String> filters) {}

    private CrtListFile() {}

    static List<SniEntry> load(KeywordContext line, TlsGlobalSection global, String written, String context)
            throws ConfigException {
        Path file = Path.of(global.certificatePath(written));
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new ConfigException("cannot open file '" + written + "' : No such file or directory");
        } catch (IOException e) {
            throw new ConfigException("cannot open file '" + written + "' : " + e.getMessage());
        }
        List<SniEntry> entries = new ArrayList<>();
        for (int number = 1; number <= lines.size(); number++) {
            String text = lines.get(number - 1).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String where = file + ":" + number;
            try {
                entries.addAll(entries(line, global, split(text), where, context));
            } catch (ConfigException e) {
                throw new ConfigException("'" + where + "' : " + e.getMessage());
            }
        }
        return entries;
    }

    /** Splits a line into its certificate, its {@code [...]} options and its filters. */
    static Line split(String text) throws ConfigException {
        String[] first = text.split("\\s+", 2);
        String certificate = first[0];
        String rest = first.length > 1 ? first[1].strip() : "";
        List<String> options = List.of();
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new ConfigException("missing ']' in the ssl options of '" + text + "'");
            }
            String inside = rest.substring(1, close).strip();
            options = inside.isEmpty() ? List.of() : List.of(inside.split("\\s+"));
            rest = rest.substring(close + 1).strip();
        }
        List<String> filters = rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
        return new Line(certificate, options, filters);
    }

    private static List<SniEntry> entries(KeywordContext line, TlsGlobalSection global, Line parsed, String where,
                                          String context) throws ConfigException {
        TlsOptions.Builder options = new TlsOptions.Builder();
        Optional<Path> keyFile = Optional.empty();
        List<String> words = parsed.options();
        for (int i = 0; i < words.size(); i++) {
            String option = words.get(i);
            String value = i + 1 < words.size() ? words.get(i + 1) : "";
            if (LOAD_OPTIONS.contains(option)) {
                if (value.isEmpty()) {
                    throw new ConfigException("'" + option + "' expects an argument");
                }
                keyFile = loadOption(line, global, option, value, keyFile, where);
                i++;
                continue;
            }
            if (!TlsBindOptions.CRT_LIST_OPTIONS.contains(option)) {
                throw new ConfigException("unknown ssl keyword '" + option + "'");
            }
            if (option.equals("no-alpn")) {
                options.alpn = Optional.of(List.of());
                continue;
            }
            if (option.equals("no-ca-names")) {
                options.noCaNames = Optional.of(true);
                continue;
            }
            if (option.equals("allow-0rtt")) {
                line.warning(context + " : " + where + " : 'allow-0rtt' has no effect: JSSE does not accept TLS 1.3 "
                        + "early data.");
                continue;
            }
            if (value.isEmpty()) {
                throw new ConfigException("'" + option + "' expects an argument");
            }
            TlsBindOptions.common(line, global, option, value, options, context);
            i++;
        }
        List<String> positive = new ArrayList<>();
        List<String> negative = new ArrayList<>();
        for (String filter : parsed.filters()) {
            String lower = filter.toLowerCase(Locale.ROOT);
            if (lower.startsWith("!")) {
                negative.add(lower.substring(1));
            } else {
                positive.add(lower);
            }
        }
        List<String> names;
        if (keyFile.isPresent()) {
            String path = global.certificatePath(parsed.certificate());
            names = List.of(TlsCertificates.load(line, global, Path.of(path), path, keyFile, context));
        } else {
            names = TlsCertificates.names(line, global, parsed.certificate(), context);
        }
        TlsOptions built = options.build();
        List<SniEntry> entries = new ArrayList<>();
        for (String name : names) {
            entries.add(new SniEntry(name, built, positive, negative, positive.contains("*"), where));
        }
        return entries;
    }

    /** A crt-store load option on a crt-list line; returns the key file, which only {@code key} sets. */
    private static Optional<Path> loadOption(KeywordContext line, TlsGlobalSection global, String option, String value,
                                             Optional<Path> keyFile, String where) throws ConfigException {
        switch (option) {
            case "key" -> {
                return Optional.of(Path.of(TlsGlobalSection.under(global.keyBase, value)));
            }
            case "ocsp-update" -> {
                if (value.equals("on")) {
                    throw new ConfigException("'ocsp-update on' is not supported by Shuttle: JSSE cannot staple an "
                            + "OCSP response it fetched itself per certificate.");
                }
                if (!value.equals("off")) {
                    throw new ConfigException("'ocsp-update' expects 'on' or 'off'");
                }
            }
            case "ocsp", "issuer", "sctl" -> line.warning(where + " : '" + option + " " + value + "' has no effect: "
                    + "Shuttle does not staple OCSP responses nor send signed certificate timestamps.");
            default -> throw new ConfigException("'" + option + "' cannot be used here");
        }
        return keyFile;
    }
}
