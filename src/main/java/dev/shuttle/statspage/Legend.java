package dev.shuttle.statspage;

/** The colour legend of the page's header: what each row colour says of a server. */
final class Legend {
    private Legend() {}

    private static final String[][] ENTRIES = {
        {"active_up", "active UP", "backup_up", "backup UP"},
        {"active_going_down", "active UP, going down", "backup_going_down", "backup UP, going down"},
        {"active_going_up", "active DOWN, going up", "backup_going_up", "backup DOWN, going up"},
        {"active_down", "active or backup DOWN", "active_no_check", "not checked"},
    };

    static void append(StringBuilder out) {
        out.append("<table class=\"lgd\">\n");
        for (String[] entry : ENTRIES) {
            out.append("<tr><td class=\"").append(entry[0]).append("\">&nbsp;</td><td class=\"noborder\">")
                    .append(entry[1]).append(" </td><td class=\"").append(entry[2])
                    .append("\">&nbsp;</td><td class=\"noborder\">").append(entry[3]).append(" </td></tr>\n");
        }
        out.append("<tr><td class=\"maintain\">&nbsp;</td><td class=\"noborder\" colspan=\"3\">")
                .append("active or backup DOWN for maintenance (MAINT)</td></tr>\n")
                .append("<tr><td class=\"active_draining\">&nbsp;</td><td class=\"noborder\" colspan=\"3\">")
                .append("active or backup SOFT STOPPED for maintenance</td></tr></table>\n")
                .append("Note: \"NOLB\"/\"DRAIN\" = UP with load-balancing disabled.");
    }
}
