package dev.shuttle.lang;

/** Where a configuration line came from: a file name as given on the command line, and a 1-based line number. */
public record SourceLocation(String file, int line) {
    /** Renders as HAProxy does in its messages: {@code file:line}. */
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
