package dev.shuttle.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The URI normalizers of {@code http-request normalize-uri} (configuration.txt §4.3,
 * "normalize-uri"), as pure functions of the request-target. Each works on the part of the target
 * the manual names: the path (after any scheme and authority, before {@code ?} or {@code #}), the
 * query, or the whole target. The asterisk form ({@code OPTIONS *}) is never changed.
 */
public enum UriNormalizer {
    /** {@code fragment-encode}: every {@code #} becomes {@code %23}. */
    FRAGMENT_ENCODE("fragment-encode"),
    /** {@code fragment-strip}: the fragment, from the first {@code #}, is removed (RFC 3986 §3.5). */
    FRAGMENT_STRIP("fragment-strip"),
    /** {@code path-merge-slashes}: runs of {@code /} in the path become one. */
    PATH_MERGE_SLASHES("path-merge-slashes"),
    /** {@code path-strip-dot}: {@code .} segments of the path are removed (RFC 3986 §6.2.2.3). */
    PATH_STRIP_DOT("path-strip-dot"),
    /** {@code path-strip-dotdot [full]}: {@code ..} segments are merged with the segment before them. */
    PATH_STRIP_DOTDOT("path-strip-dotdot"),
    /** {@code percent-decode-unreserved [strict]}: {@code %XX} of a letter, digit, '-', '.', '_', '~' is decoded (RFC 3986 §6.2.2.2). */
    PERCENT_DECODE_UNRESERVED("percent-decode-unreserved"),
    /** {@code percent-to-uppercase [strict]}: the hex digits of {@code %xx} sequences are upper-cased (RFC 3986 §6.2.2.1). */
    PERCENT_TO_UPPERCASE("percent-to-uppercase"),
    /** {@code query-sort-by-name}: the {@code &}-separated query parameters are sorted by name, stably. */
    QUERY_SORT_BY_NAME("query-sort-by-name");

    private final String keyword;

    UriNormalizer(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /** The option word a normalizer accepts after its name ({@code full}, {@code strict}), or null. */
    public String option() {
        return switch (this) {
            case PATH_STRIP_DOTDOT -> "full";
            case PERCENT_DECODE_UNRESERVED, PERCENT_TO_UPPERCASE -> "strict";
            default -> null;
        };
    }

    public static Optional<UriNormalizer> fromKeyword(String word) {
        for (UriNormalizer normalizer : values()) {
            if (normalizer.keyword.equals(word)) {
                return Optional.of(normalizer);
            }
        }
        return Optional.empty();
    }

    /** A {@code strict} normalizer met an invalid percent sequence: the request is refused with a 400. */
    public static final class InvalidUriException extends Exception {
        InvalidUriException(String message) {
            super(message);
        }
    }

    /**
     * Normalizes a request-target.
     *
     * @param option whether the option word ({@code full} or {@code strict}) was given
     */
    public String apply(String target, boolean option) throws InvalidUriException {
        if (target.equals("*")) {
            return target;
        }
        return switch (this) {
            case FRAGMENT_ENCODE -> target.replace("#", "%23");
            case FRAGMENT_STRIP -> {
                int hash = target.indexOf('#');
                yield hash < 0 ? target : target.substring(0, hash);
            }
            case PERCENT_DECODE_UNRESERVED -> decodeUnreserved(target, option);
            case PERCENT_TO_UPPERCASE -> upperCasePercents(target, option);
            case PATH_MERGE_SLASHES, PATH_STRIP_DOT, PATH_STRIP_DOTDOT -> {
                Parts parts = Parts.of(target);
                String path = switch (this) {
                    case PATH_MERGE_SLASHES -> parts.path().replaceAll("/{2,}", "/");
                    case PATH_STRIP_DOT -> stripDots(parts.path(), false, false);
                    default -> stripDots(parts.path(), true, option);
                };
                yield parts.prefix() + path + parts.rest();
            }
            case QUERY_SORT_BY_NAME -> {
                Parts parts = Parts.of(target);
                yield parts.prefix() + parts.path() + sortQuery(parts.rest());
            }
        };
    }

    /**
     * A target cut into {@code prefix} (scheme and authority of the absolute form), {@code path}
     * and {@code rest} (from the {@code ?} or {@code #} on).
     */
    private record Parts(String prefix, String path, String rest) {
        static Parts of(String target) {
            int pathStart = 0;
            int schemeEnd = target.indexOf("://");
            if (!target.startsWith("/") && schemeEnd > 0) {
                int slash = target.indexOf('/', schemeEnd + 3);
                pathStart = slash >= 0 ? slash : target.length();
            }
            int end = pathStart;
            while (end < target.length() && target.charAt(end) != '?' && target.charAt(end) != '#') {
                end++;
            }
            return new Parts(target.substring(0, pathStart), target.substring(pathStart, end), target.substring(end));
        }
    }

    /**
     * Removes {@code .} segments, or merges {@code ..} ones with the segment before them. Empty
     * segments ({@code //}) count as segments, as the manual says. Without {@code full}, a
     * {@code ..} with nothing before it stays; with it, it goes. A path ending in a dot segment
     * keeps its trailing slash ({@code /a/.} → {@code /a/}).
     */
    static String stripDots(String path, boolean dotdot, boolean full) {
        if (!path.startsWith("/")) {
            return path;
        }
        String[] segments = path.substring(1).split("/", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            String target = dotdot ? ".." : ".";
            if (!segment.equals(target)) {
                kept.add(segment);
                continue;
            }
            if (dotdot) {
                if (!kept.isEmpty() && !kept.getLast().equals("..")) {
                    kept.removeLast();
                } else if (!full) {
                    kept.add(segment);
                    continue;
                }
            }
            if (last) {
                kept.add("");
            }
        }
        return "/" + String.join("/", kept);
    }

    /** Stable sort of the {@code &}-separated parameters by name (the bytes before {@code =}). */
    static String sortQuery(String rest) {
        if (!rest.startsWith("?") || rest.length() == 1) {
            return rest;
        }
        int hash = rest.indexOf('#');
        String query = hash < 0 ? rest.substring(1) : rest.substring(1, hash);
        String fragment = hash < 0 ? "" : rest.substring(hash);
        List<String> parameters = new ArrayList<>(List.of(query.split("&", -1)));
        parameters.sort(Comparator.comparing(UriNormalizer::parameterName));
        return "?" + String.join("&", parameters) + fragment;
    }

    private static String parameterName(String parameter) {
        int equals = parameter.indexOf('=');
        return equals < 0 ? parameter : parameter.substring(0, equals);
    }

    private static String decodeUnreserved(String target, boolean strict) throws InvalidUriException {
        return rewritePercents(target, strict, (out, high, low) -> {
            char decoded = (char) Integer.parseInt("" + high + low, 16);
            if (isUnreserved(decoded)) {
                out.append(decoded);
            } else {
                out.append('%').append(high).append(low);
            }
        });
    }

    private static String upperCasePercents(String target, boolean strict) throws InvalidUriException {
        return rewritePercents(target, strict, (out, high, low) ->
                out.append('%').append(Character.toUpperCase(high)).append(Character.toUpperCase(low)));
    }

    /** What becomes of one valid {@code %XY} sequence. */
    private interface PercentRewrite {
        void write(StringBuilder out, char high, char low);
    }

    /**
     * Copies {@code target}, handing each valid {@code %XY} to {@code rewrite}; an invalid one is
     * copied as is, or refused when {@code strict}.
     */
    private static String rewritePercents(String target, boolean strict, PercentRewrite rewrite)
            throws InvalidUriException {
        StringBuilder out = new StringBuilder(target.length());
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (!validPercent(target, i)) {
                if (strict) {
                    throw new InvalidUriException("invalid percent sequence at offset " + i);
                }
                out.append(c);
                continue;
            }
            rewrite.write(out, target.charAt(i + 1), target.charAt(i + 2));
            i += 2;
        }
        return out.toString();
    }

    private static boolean validPercent(String text, int at) {
        return at + 2 < text.length() && isHex(text.charAt(at + 1)) && isHex(text.charAt(at + 2));
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** RFC 3986 §2.3: ALPHA / DIGIT / "-" / "." / "_" / "~". */
    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
