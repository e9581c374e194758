package dev.shuttle.config.parse;

import java.util.List;

/**
 * The order in which a proxy's rule sets run, whatever the order of their lines: a line placed
 * after one of a later set still runs first, which HAProxy reports with a warning
 * (configuration.txt §4: "a 'tcp-request content' rule placed after an 'http-request' rule will
 * still be processed before"). Only the section's own lines count, not those it inherits.
 */
final class RuleOrder {
    /** The request side, in the order its rules run. */
    private static final List<String> REQUEST = List.of("tcp-request connection", "tcp-request session",
            "tcp-request content", "monitor fail", "http-request", "redirect", "use_backend", "use-server");

    private RuleOrder() {}

    /** Notes a line of {@code category} in {@code proxy}, warning when a set that runs later came before it. */
    static void placed(KeywordContext line, ProxySection proxy, String category) {
        int index = REQUEST.indexOf(category);
        if (index >= 0) {
            for (String later : REQUEST.subList(index + 1, REQUEST.size())) {
                if (proxy.ruleCategories.contains(later)) {
                    warn(line, category, later);
                    break;
                }
            }
        } else if (category.equals("tcp-response content") && proxy.ruleCategories.contains("http-response")) {
            warn(line, category, "http-response");
        }
        proxy.ruleCategories.add(category);
    }

    private static void warn(KeywordContext line, String category, String later) {
        String article = later.startsWith("http") ? "an" : "a";
        line.warning("a '" + category + "' rule placed after " + article + " '" + later
                + "' rule will still be processed before.");
    }
}
