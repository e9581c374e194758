package dev.shuttle.statspage;

/**
 * The options a page request carries after the {@code stats uri} prefix (configuration.txt, "stats
 * uri" and management.txt §9.1): {@code ;csv}, {@code ;json}, {@code ;up} (hide servers that are not
 * UP), {@code ;norefresh}, {@code ;st=<status>} (the outcome of an admin action, shown once) and
 * {@code scope=<text>} (only the proxies whose name contains it).
 */
record PageRequest(Format format, boolean upOnly, boolean noRefresh, String actionStatus, String scope) {
    enum Format { HTML, CSV, JSON }

    /** The options in {@code target}, the part of the request-target after the prefix. */
    static PageRequest parse(String afterPrefix) {
        Format format = Format.HTML;
        if (afterPrefix.contains(";csv")) {
            format = Format.CSV;
        } else if (afterPrefix.contains(";json")) {
            format = Format.JSON;
        }
        return new PageRequest(format, afterPrefix.contains(";up"), afterPrefix.contains(";norefresh"),
                value(afterPrefix, ";st="), value(afterPrefix, "scope="));
    }

    /** The text after {@code key} up to the next ';', '&' or '#', or "" when absent. */
    private static String value(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return "";
        }
        int start = at + key.length();
        int end = start;
        while (end < text.length() && ";&#".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return text.substring(start, end);
    }
}
