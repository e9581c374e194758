package dev.shuttle.pattern;

import dev.shuttle.lang.SourceLocation;
import dev.shuttle.sample.MapLoader;
import dev.shuttle.sample.SampleCompileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pattern and map files of one configuration load, each read once however many ACLs and
 * converters name it (HAProxy identifies a file by its name), and every {@link PatternReference}
 * of the load, numbered as {@code show map} and {@code show acl} list them. It is the
 * {@link MapLoader} the sample compiler calls for {@code map*} arguments.
 *
 * <p>Formats (configuration.txt §7.1 "-f" and §7.3.1 "map"): a line whose first character is
 * {@code #} is a comment, empty lines are skipped, leading spaces and tabs are stripped. A pattern
 * file's line is one pattern, trailing spaces kept; a map line is a key (up to the first space or
 * tab) and a value (the rest, trailing spaces and tabs removed; possibly empty). Line ends may be
 * LF or CRLF. All checked against haproxy 2.6.
 */
public final class PatternFiles implements MapLoader {
    /** One useful line of a file: its 1-based number, its key (or pattern), and a map's value. */
    public record Line(int number, String key, String value) {}

    private static final Map<Object, PatternFiles> BY_LOAD = new WeakHashMap<>();

    private final Path baseDirectory;
    /** Pattern files ({@code -f}), by name. */
    private final Map<String, PatternReference> patternFiles = new ConcurrentHashMap<>();
    private final Map<String, MapFile> mapFiles = new ConcurrentHashMap<>();
    private final ReentrantLock referencesLock = new ReentrantLock();
    // Guarded by: referencesLock
    private final List<PatternReference> references = new ArrayList<>();
    /** The configuration line being read ("file 'h.cfg' line 12"), set by the reader; null outside a load. */
    private volatile String parsingAt;

    /** @param baseDirectory where relative names are resolved; null for the working directory */
    public PatternFiles(Path baseDirectory) {
        this.baseDirectory = baseDirectory;
    }

    /** The files of one configuration load, identified by any object that lives as long as the load. */
    public static PatternFiles of(Object load) {
        synchronized (BY_LOAD) {
            return BY_LOAD.computeIfAbsent(load, key -> new PatternFiles(null));
        }
    }

    /** Tells which configuration line is being read, for the references' lists of users. */
    public void parsingAt(SourceLocation where) {
        parsingAt = "file '" + where.file() + "' line " + where.line();
    }

    /** Every reference of the load (files and ACL lines), in the order they were made: their ids. */
    public List<PatternReference> references() {
        referencesLock.lock();
        try {
            return List.copyOf(references);
        } finally {
            referencesLock.unlock();
        }
    }

    /**
     * The reference an ACL's {@code -f} names, read once: a pattern file, or with {@code -M} a map
     * file whose keys are the patterns. Each call is one more user of it.
     */
    public PatternReference patterns(String name, boolean asMap) throws AclException {
        PatternReference reference;
        if (asMap) {
            reference = mapFile(name).reference();
        } else {
            reference = patternFiles.get(name);
            if (reference == null) {
                reference = newReference(name, "", parse(read(name), false));
                patternFiles.put(name, reference);
            }
        }
        reference.addUse(PatternReference.Kind.ACL, parsingAt);
        return reference;
    }

    /**
     * The reference of the values written on one {@code acl} line, with the patterns they made:
     * "{@code acl 'path_beg' file 'h.cfg' line 12}" in {@code show acl}.
     */
    public PatternReference aclLine(String keyword, List<PatternReference.Entry> values) {
        String origin = "acl '" + keyword + "' " + (parsingAt == null ? "file '' line 0" : parsingAt);
        PatternReference reference = newReference("", origin, List.of());
        reference.load(values);
        reference.addUse(PatternReference.Kind.ACL, null);
        return reference;
    }

    /**
     * The reference of a file some ACL or map loaded, by the name they gave (a map file first),
     * for {@code set-map}, {@code add-acl} and their kin; empty when none loaded it.
     */
    public Optional<PatternReference> find(String name) {
        MapFile map = mapFiles.get(name);
        return map != null ? Optional.of(map.reference()) : Optional.ofNullable(patternFiles.get(name));
    }

    /** A map file, read once. */
    public MapFile mapFile(String name) throws AclException {
        MapFile file = mapFiles.get(name);
        if (file == null) {
            file = new MapFile(name, newReference(name, "", parse(read(name), true)), () -> parsingAt);
            mapFiles.put(name, file);
        }
        return file;
    }

    private PatternReference newReference(String file, String origin, List<Line> lines) {
        PatternReference reference;
        referencesLock.lock();
        try {
            reference = new PatternReference(references.size(), file, origin);
            references.add(reference);
        } finally {
            referencesLock.unlock();
        }
        if (!lines.isEmpty()) {
            reference.load(lines.stream()
                    .map(line -> new PatternReference.Entry(0, line.key(), line.value(), 0, line.number(), null))
                    .toList());
        }
        return reference;
    }

    @Override
    public Object load(String path) throws SampleCompileException {
        try {
            return mapFile(path);
        } catch (AclException e) {
            throw new SampleCompileException(e.getMessage());
        }
    }

    private String read(String name) throws AclException {
        try {
            Path path = baseDirectory == null || name.isEmpty() ? Path.of(name) : baseDirectory.resolve(name);
            if (name.isEmpty() || Files.isDirectory(path)) {
                throw new IOException("not a file");
            }
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException | InvalidPathException e) {
            throw new AclException("failed to open pattern file <" + name + ">");
        }
    }

    static List<Line> parse(String content, boolean asMap) {
        List<Line> lines = new ArrayList<>();
        String[] raw = content.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].endsWith("\r") ? raw[i].substring(0, raw[i].length() - 1) : raw[i];
            if (line.startsWith("#")) {
                continue;
            }
            line = stripLeading(line);
            if (line.isEmpty()) {
                continue;
            }
            if (!asMap) {
                lines.add(new Line(i + 1, line, null));
                continue;
            }
            int keyEnd = 0;
            while (keyEnd < line.length() && !isBlank(line.charAt(keyEnd))) {
                keyEnd++;
            }
            lines.add(new Line(i + 1, line.substring(0, keyEnd), stripTrailing(stripLeading(line.substring(keyEnd)))));
        }
        return List.copyOf(lines);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String stripLeading(String text) {
        int start = 0;
        while (start < text.length() && isBlank(text.charAt(start))) {
            start++;
        }
        return text.substring(start);
    }

    private static String stripTrailing(String text) {
        int end = text.length();
        while (end > 0 && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
