package dev.shuttle.sample;

import java.util.Optional;

/**
 * The parts of a request line as received that the {@code %HM %HP %HPO %HQ %HU %HV} aliases
 * print (configuration.txt §8.2.6): the method, the target with and without its query, the
 * query alone (with its {@code ?}), the version ({@code HTTP/0.9} when the line has none), or
 * {@code <BADREQ>} when no request line arrived or it has no target.
 */
final class RequestLineParts {
    private static final String BAD_REQUEST = "<BADREQ>";

    private RequestLineParts() {}

    static String part(LogAlias alias, Optional<String> received) {
        if (received.isEmpty()) {
            return BAD_REQUEST;
        }
        String line = received.get();
        int end = line.length();
        int methodEnd = skipToken(line, 0);
        int targetStart = skipBlanks(line, methodEnd);
        boolean hasTarget = targetStart > methodEnd;
        int targetEnd = skipToken(line, targetStart);
        return switch (alias) {
            case METHOD -> methodEnd == end ? BAD_REQUEST : line.substring(0, methodEnd);
            case URI -> hasTarget ? line.substring(targetStart, targetEnd) : BAD_REQUEST;
            case PATH -> {
                if (!hasTarget) {
                    yield BAD_REQUEST;
                }
                int stop = targetStart;
                while (stop < end && line.charAt(stop) != '?' && !isBlank(line.charAt(stop))) {
                    stop++;
                }
                yield line.substring(targetStart, stop);
            }
            case PATH_ONLY -> hasTarget ? pathOnly(line.substring(targetStart, targetEnd)) : BAD_REQUEST;
            case QUERY -> {
                int mark = line.indexOf('?');
                if (mark < 0) {
                    yield "";
                }
                yield line.substring(mark, skipToken(line, mark));
            }
            case VERSION -> {
                if (!hasTarget) {
                    yield BAD_REQUEST;
                }
                int versionStart = skipBlanks(line, targetEnd);
                yield versionStart == end ? "HTTP/0.9" : line.substring(versionStart);
            }
            default -> throw new IllegalArgumentException(alias.name());
        };
    }

    /** The path of a target without its scheme, authority and query ({@code http://h/p?q} gives {@code /p}). */
    static String pathOnly(String target) {
        String path = target;
        int scheme = target.indexOf("://");
        if (!target.startsWith("/") && scheme > 0) {
            int slash = target.indexOf('/', scheme + 3);
            path = slash < 0 ? "" : target.substring(slash);
        } else if (!target.startsWith("/")) {
            path = target.equals("*") ? target : "";
        }
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static int skipToken(String line, int from) {
        int i = from;
        while (i < line.length() && !isBlank(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipBlanks(String line, int from) {
        int i = from;
        while (i < line.length() && isBlank(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
