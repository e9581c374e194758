package dev.shuttle.h1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the verdict tables of {@code src/test/resources/h1/}: one case a line,
 * {@code name | settings | verdict | message}, '#' lines are comments. Messages use
 * {@code \r \n \t \\ \xHH} escapes ({@code \x7c} for '|').
 */
final class Corpus {
    /** One row of a table. */
    record Case(String name, String settings, String verdict, byte[] message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Corpus() {}

    static List<Case> load(String resource) {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = Corpus.class.getResourceAsStream(resource);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|", 4);
                if (parts.length != 4) {
                    throw new IllegalArgumentException("bad corpus line: " + line);
                }
                cases.add(new Case(parts[0].trim(), parts[1].trim(), parts[2].trim(), unescape(parts[3].startsWith(" ") ? parts[3].substring(1) : parts[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    static byte[] unescape(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + next + " in " + text);
            }
        }
        return out.toByteArray();
    }
}
