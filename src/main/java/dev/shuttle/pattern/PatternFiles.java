package dev.shuttle.pattern;

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
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pattern and map files of one configuration load, each read once however many ACLs and
 * converters name it (HAProxy identifies a file by its name). It is the {@link MapLoader} the
 * sample compiler calls for {@code map*} arguments.
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
    private final Map<String, List<Line>> patternFiles = new ConcurrentHashMap<>();
    private final Map<String, MapFile> mapFiles = new ConcurrentHashMap<>();

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

    /** A pattern file's lines (each line whole: {@code -f} patterns, or map lines for {@code -M}). */
    public List<Line> patterns(String name, boolean asMap) throws AclException {
        if (asMap) {
            return mapFile(name).lines();
        }
        List<Line> lines = patternFiles.get(name);
        if (lines == null) {
            lines = parse(read(name), false);
            patternFiles.put(name, lines);
        }
        return lines;
    }

    /** A map file, read once. */
    public MapFile mapFile(String name) throws AclException {
        MapFile file = mapFiles.get(name);
        if (file == null) {
            file = new MapFile(name, parse(read(name), true));
            mapFiles.put(name, file);
        }
        return file;
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
