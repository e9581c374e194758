package dev.shuttle.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * A server state file read as HAProxy 3.5 reads it (management.txt §9.3, "show servers state";
 * configuration.txt, "load-server-state-from-file"): a first line holding the format version (1,
 * the only one), then one server per line, its fields separated by blanks, blank lines and
 * {@code #} comments skipped. Pure: text in, a {@link Parsed} out.
 *
 * <pre>
 * 1
 * # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight ...
 * 3 be 1 s1 127.0.0.1 2 1 1 1 120 6 3 4 6 0 0 0 - 8080 - 0 0 - - 0
 * </pre>
 *
 * A version-1 line has 20 to 25 fields; more are ignored. A line with fewer, or a last line without
 * its newline (a file cut short), makes the file corrupted: nothing in it is applied.
 */
final class ServerStateFile {
    /** The fields a version-1 line has at least and at most (the 25 columns of {@code show servers state}). */
    static final int MIN_FIELDS = 20;
    static final int MAX_FIELDS = 25;

    private ServerStateFile() {}

    /** What reading the file found. */
    sealed interface Parsed {}

    /** An empty file. */
    record Empty() implements Parsed {}

    /** A first line that is not a version this reader knows. */
    record NoVersion() implements Parsed {}

    /**
     * A line that cannot be a server's (too few fields, or cut short).
     *
     * @param lineNumber counted from 1 after the version line, as HAProxy counts it
     */
    record Corrupted(int lineNumber) implements Parsed {}

    /** The servers' lines, in file order, each as its fields. */
    record Lines(List<List<String>> lines) implements Parsed {
        Lines {
            lines = List.copyOf(lines);
        }
    }

    static Parsed parse(String text) {
        if (text.isEmpty()) {
            return new Empty();
        }
        int end = text.indexOf('\n');
        if (end < 0 || !isVersionOne(text.substring(0, end))) {
            return new NoVersion();
        }
        List<List<String>> lines = new ArrayList<>();
        int lineNumber = 0;
        int start = end + 1;
        while (start < text.length()) {
            lineNumber++;
            end = text.indexOf('\n', start);
            if (end < 0) {
                return new Corrupted(lineNumber); // the last line lost its end
            }
            String line = text.substring(start, end);
            start = end + 1;
            String trimmed = line.stripLeading();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(trimmed);
            if (fields.size() < MIN_FIELDS) {
                return new Corrupted(lineNumber);
            }
            lines.add(fields);
        }
        return new Lines(lines);
    }

    /** The version line: a number, read as strtol() reads it, and nothing after it but the newline. */
    private static boolean isVersionOne(String line) {
        String number = line.stripLeading();
        if (number.startsWith("+")) {
            number = number.substring(1);
        }
        return !number.isEmpty() && number.chars().allMatch(Character::isDigit) && number.replaceFirst("^0+", "")
                .equals("1");
    }

    /** The blank-separated fields, at most {@link #MAX_FIELDS}. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>(MAX_FIELDS);
        for (String field : line.split("[ \t]+")) {
            if (!field.isEmpty() && fields.size() < MAX_FIELDS) {
                fields.add(field);
            }
        }
        return fields;
    }
}
