package dev.shuttle.statspage;

/** How the page writes numbers, durations and text in its cells, as HAProxy's page shows them. */
final class HtmlCells {
    private HtmlCells() {}

    /** HTML-escapes {@code text} for a cell or an attribute. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A number with its thousands set apart: each group but the last in a {@code rls} span (letter
     * spacing), so that 9985 reads "9 985" while copying as "9985".
     */
    static String number(long value) {
        String digits = Long.toString(value);
        int sign = digits.startsWith("-") ? 1 : 0;
        if (digits.length() - sign <= 3) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits.substring(0, sign));
        int first = (digits.length() - sign) % 3 == 0 ? 3 : (digits.length() - sign) % 3;
        int at = sign;
        int groupEnd = sign + first;
        while (groupEnd < digits.length()) {
            out.append("<span class=\"rls\">").append(digits, at, groupEnd).append("</span>");
            at = groupEnd;
            groupEnd += 3;
        }
        return out.append(digits, at, digits.length()).toString();
    }

    /** A duration in seconds as "1d2h", "3h4m", "5m6s" or "7s": the two largest units. */
    static String duration(long seconds) {
        if (seconds < 0) {
            return "?";
        }
        long days = seconds / 86400;
        long hours = seconds / 3600 % 24;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + "d" + hours + "h";
        }
        if (hours > 0) {
            return hours + "h" + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m" + secs + "s";
        }
        return secs + "s";
    }

    /** An uptime as HAProxy's header writes it: "0d 0h00m01s". */
    static String uptime(long seconds) {
        return String.format("%dd %dh%02dm%02ds", seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60,
                seconds % 60);
    }
}
