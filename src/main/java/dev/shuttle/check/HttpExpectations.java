package dev.shuttle.check;

import dev.shuttle.config.HttpCheckExpect;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Decides whether an HTTP check's response passes (configuration.txt §4, "option httpchk",
 * "http-check expect", "http-check disable-on-404"). Without {@code expect} rules a 2xx or 3xx
 * status passes; with them, every rule must pass, in order, and the first that fails gives the
 * result. With {@code disable-on-404}, a 404 is a conditional pass before any rule is looked at.
 */
public final class HttpExpectations {
    /** The compiled rules when no pattern is a log-format string; null when they are made at each check. */
    private final List<Rule> rules;
    private final List<HttpCheckExpect> expects;
    private final boolean disableOn404;
    private final Supplier<SampleContext> samples;

    /** One {@code expect} rule, its regular expression compiled once. */
    private record Rule(HttpCheckExpect expect, Pattern regex, int[][] ranges) {}

    public HttpExpectations(List<HttpCheckExpect> expects, boolean disableOn404) {
        this(expects, disableOn404, () -> new SampleContext(null, null, null, "", VariableStore.local()));
    }

    /** @param samples the context the {@code string-lf} patterns are made in, one per check */
    public HttpExpectations(List<HttpCheckExpect> expects, boolean disableOn404, Supplier<SampleContext> samples) {
        this.rules = expects.stream().filter(expect -> expect.format().isEmpty()).count() == expects.size()
                ? expects.stream().map(HttpExpectations::compile).toList() : null;
        this.expects = List.copyOf(expects);
        this.disableOn404 = disableOn404;
        this.samples = samples;
    }

    /** The rules with their log-format patterns made now. */
    private List<Rule> rules() {
        if (rules != null) {
            return rules;
        }
        SampleContext context = samples.get();
        List<Rule> made = new ArrayList<>(expects.size());
        for (HttpCheckExpect expect : expects) {
            made.add(compile(expect.format().map(format -> new HttpCheckExpect(expect.match(), expect.negated(),
                    format.render(context))).orElse(expect)));
        }
        return made;
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
        List<Rule> rules = rules();
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
