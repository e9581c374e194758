package dev.shuttle.check;

import dev.shuttle.config.HttpCheckExpect;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decides whether an HTTP check's response passes (configuration.txt §4, "option httpchk",
 * "http-check expect", "http-check disable-on-404"). Without {@code expect} rules a 2xx or 3xx
 * status passes; with them, every rule must pass, in order, and the first that fails gives the
 * result. With {@code disable-on-404}, a 404 is a conditional pass before any rule is looked at.
 */
public final class HttpExpectations {
    private final List<Rule> rules;
    private final boolean disableOn404;

    /** One {@code expect} rule, its regular expression compiled once. */
    private record Rule(HttpCheckExpect expect, Pattern regex, int[][] ranges) {}

    public HttpExpectations(List<HttpCheckExpect> expects, boolean disableOn404) {
        this.rules = expects.stream().map(HttpExpectations::compile).toList();
        this.disableOn404 = disableOn404;
    }

    private static Rule compile(HttpCheckExpect expect) {
        return switch (expect.match()) {
            case RSTATUS, RSTRING -> new Rule(expect, Pattern.compile(expect.pattern()), null);
            case STATUS -> new Rule(expect, null, statusRanges(expect.pattern()));
            case STRING -> new Rule(expect, null, null);
        };
    }

    /** "200", "200,301-399": each code or range as {low, high}. */
    private static int[][] statusRanges(String pattern) {
        String[] parts = pattern.split(",");
        int[][] ranges = new int[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            int dash = parts[i].indexOf('-');
            int low = Integer.parseInt(dash < 0 ? parts[i] : parts[i].substring(0, dash));
            int high = dash < 0 ? low : Integer.parseInt(parts[i].substring(dash + 1));
            ranges[i] = new int[] {low, high};
        }
        return ranges;
    }

    public CheckOutcome evaluate(HttpCheckResponse response) {
        int status = response.status();
        if (disableOn404 && status == 404) {
            return CheckOutcome.of(CheckStatus.L7OKC, status, "");
        }
        if (rules.isEmpty()) {
            return status >= 200 && status < 400 ? CheckOutcome.of(CheckStatus.L7OK, status, "")
                    : CheckOutcome.of(CheckStatus.L7STS, status, response.reason());
        }
        for (Rule rule : rules) {
            HttpCheckExpect expect = rule.expect();
            boolean statusRule = expect.match() == HttpCheckExpect.Match.STATUS
                    || expect.match() == HttpCheckExpect.Match.RSTATUS;
            if (!statusRule && !expect.negated() && response.body().length == 0) {
                return CheckOutcome.of(CheckStatus.L7RSP, "HTTP content check could not find a response body");
            }
            boolean matched = switch (expect.match()) {
                case STATUS -> inRanges(status, rule.ranges());
                case RSTATUS -> rule.regex().matcher(Integer.toString(status)).find();
                case STRING -> response.bodyText().contains(expect.pattern());
                case RSTRING -> rule.regex().matcher(response.bodyText()).find();
            };
            if (matched == expect.negated()) {
                if (statusRule) {
                    return CheckOutcome.of(CheckStatus.L7STS, status, response.reason());
                }
                // HAProxy 3.5 reports no code for a content failure ("Layer7 invalid response, info: ...").
                return CheckOutcome.of(CheckStatus.L7RSP, expect.negated()
                        ? "HTTP check matched unwanted content" : "HTTP content check did not match");
            }
        }
        return CheckOutcome.of(CheckStatus.L7OK, status, "");
    }

    private static boolean inRanges(int status, int[][] ranges) {
        for (int[] range : ranges) {
            if (status >= range[0] && status <= range[1]) {
                return true;
            }
        }
        return false;
    }
}
