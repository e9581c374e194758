package dev.shuttle.check;

import dev.shuttle.config.HttpCheckExpect;
import dev.shuttle.config.TcpCheckRule;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.sample.Casts;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleType;
import dev.shuttle.sample.VariableStore;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Decides whether an HTTP check's response passes (configuration.txt §4, "option httpchk",
 * "http-check expect", "http-check disable-on-404"), as HAProxy 3.5's tcpcheck_eval_expect_http().
 * Without {@code expect} rules a 2xx or 3xx status passes; with them, every rule must pass, in
 * order, and the first that fails gives the result: its {@code error-status} (else {@code L7STS}
 * for status and header rules, {@code L7RSP} for body rules), its {@code on-error} description
 * (else the reason phrase, or HAProxy's words for a body), its {@code comment}, and its
 * {@code status-code} (else the response's status). A check whose rules all passed takes the
 * last rule's {@code ok-status}, {@code on-success} and {@code status-code}. With
 * {@code disable-on-404}, a 404 is a conditional pass before any rule is looked at.
 */
public final class HttpExpectations {
    /** The rules, their fixed regular expressions and status ranges compiled once. */
    private final List<Rule> rules;
    private final boolean disableOn404;
    private final Supplier<SampleContext> samples;

    /** One {@code expect} rule, what it matches compiled once (null where it is made at each check). */
    private record Rule(HttpCheckExpect expect, Pattern regex, int[][] ranges, Pattern nameRegex, Pattern valueRegex) {}

    public HttpExpectations(List<HttpCheckExpect> expects, boolean disableOn404) {
        this(expects, disableOn404, () -> new SampleContext(null, null, null, "", VariableStore.local()));
    }

    /** @param samples the context the log-format patterns and messages are made in, one per check */
    public HttpExpectations(List<HttpCheckExpect> expects, boolean disableOn404, Supplier<SampleContext> samples) {
        this.rules = expects.stream().map(HttpExpectations::compile).toList();
        this.disableOn404 = disableOn404;
        this.samples = samples;
    }

    private static Rule compile(HttpCheckExpect expect) {
        boolean fixed = expect.format().isEmpty();
        Optional<HttpCheckExpect.HeaderPattern> header = expect.header();
        Pattern name = header.filter(h -> h.nameMethod() == HttpCheckExpect.Method.REG)
                .map(h -> Pattern.compile(h.name())).orElse(null);
        Pattern value = header.filter(h -> h.valueMethod().orElse(null) == HttpCheckExpect.Method.REG)
                .map(h -> Pattern.compile(h.value())).orElse(null);
        return switch (expect.match()) {
            case RSTATUS, RSTRING -> new Rule(expect, fixed ? Pattern.compile(expect.pattern()) : null, null, null, null);
            case STATUS -> new Rule(expect, null, statusRanges(expect.pattern()), null, null);
            case STRING -> new Rule(expect, null, null, null, null);
            case HDR, FHDR -> new Rule(expect, null, null, name, value);
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

    /**
     * The status of a check whose response did not come in time: the first rule's
     * {@code tout-status} (the rule waiting for it), else {@code L7TOUT}.
     */
    public CheckStatus timeoutStatus() {
        return rules.isEmpty() ? CheckStatus.L7TOUT : rules.getFirst().expect().options().toutStatus()
                .map(CheckStatus::valueOf).orElse(CheckStatus.L7TOUT);
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
        ResponseSamples context = new ResponseSamples(response);
        try {
            return judge(rules, response, context);
        } finally {
            context.restore();
        }
    }

    /**
     * The check's sample context, made only when a rule needs one (a log-format pattern or message,
     * a {@code status-code} expression): most checks ({@code expect status 200}) judge without it,
     * and making it reads the whole backend's counters.
     */
    private final class ResponseSamples implements Supplier<SampleContext> {
        private final HttpCheckResponse response;
        private SampleContext made;
        private Phase before;

        ResponseSamples(HttpCheckResponse response) {
            this.response = response;
        }

        @Override
        public SampleContext get() {
            if (made == null) {
                made = samples.get();
                made.response(head(response));
                // The rules' expressions read the response as http-response rules do (status, res.hdr...).
                before = made.phase();
                made.phase(Phase.HTTP_RESPONSE);
            }
            return made;
        }

        void restore() {
            if (made != null) {
                made.phase(before);
            }
        }
    }

    private CheckOutcome judge(List<Rule> rules, HttpCheckResponse response, Supplier<SampleContext> context) {
        int status = response.status();
        for (int step = 1; step <= rules.size(); step++) {
            Rule rule = rules.get(step - 1);
            HttpCheckExpect expect = rule.expect();
            TcpCheckRule.ExpectOptions options = expect.options();
            boolean matched;
            CheckStatus failure;
            String description;
            switch (expect.match()) {
                case STATUS, RSTATUS -> {
                    matched = expect.match() == HttpCheckExpect.Match.STATUS ? inRanges(status, rule.ranges())
                            : rule.regex().matcher(Integer.toString(status)).find();
                    failure = CheckStatus.L7STS;
                    description = statusDescription(response, expect.match() == HttpCheckExpect.Match.STATUS
                            ? "(status codes)" : " (regex)", step);
                }
                case HDR, FHDR -> {
                    Optional<Boolean> found = headerMatches(rule, response, context);
                    if (found.isEmpty()) {
                        return failed(CheckStatus.L7RSP, status, "log-format string evaluated to an empty string",
                                options, context);
                    }
                    matched = found.get();
                    failure = CheckStatus.L7STS;
                    description = statusDescription(response, "", step);
                }
                default -> {
                    if (response.body().length == 0) {
                        return failed(options.errorStatus().map(CheckStatus::valueOf).orElse(CheckStatus.L7RSP),
                                status, options.onError().isPresent() ? ""
                                        : "HTTP content check could not find a response body", options, context);
                    }
                    String body = response.bodyText();
                    if (expect.format().isPresent()) {
                        String made = expect.format().get().render(context.get());
                        if (made.isEmpty()) {
                            return failed(CheckStatus.L7RSP, status, "log-format string evaluated to an empty string",
                                    options, context);
                        }
                        matched = body.contains(made);
                    } else {
                        matched = expect.match() == HttpCheckExpect.Match.STRING ? body.contains(expect.pattern())
                                : rule.regex().matcher(body).find();
                    }
                    failure = CheckStatus.L7RSP;
                    description = expect.negated() ? "HTTP check matched unwanted content"
                            : "HTTP content check did not match";
                }
            }
            if (matched == expect.negated()) {
                return failed(options.errorStatus().map(CheckStatus::valueOf).orElse(failure), status,
                        options.onError().isPresent() ? "" : description, options, context);
            }
        }
        TcpCheckRule.ExpectOptions last = rules.getLast().expect().options();
        CheckStatus passed = last.okStatus().map(CheckStatus::valueOf).orElse(CheckStatus.L7OK);
        return outcome(passed, code(last, status, context), last.onSuccess().map(f -> f.render(context.get())).orElse(""));
    }

    /**
     * The text of a status or header mismatch: the response's reason phrase, as HAProxy 3.5's
     * tcpcheck.c takes it; when it has none (always over HTTP/2), HAProxy's generic tcp-check text,
     * "TCPCHK did not match content(status codes) at step 1", the step counting the expect rules.
     */
    private static String statusDescription(HttpCheckResponse response, String kind, int step) {
        if (!response.reason().isEmpty()) {
            return response.reason();
        }
        return "TCPCHK did not match content" + kind + " at step " + step;
    }

    /** The response as the sample fetches read it ({@code status}, {@code res.hdr}...). */
    private static ResponseHead head(HttpCheckResponse response) {
        HeaderList headers = new HeaderList();
        for (String[] field : response.headers()) {
            headers.add(field[0], field[1]);
        }
        return new ResponseHead(HttpVersion.HTTP_1_1, response.status(), response.reason(), headers);
    }

    /** HAProxy 3.5's tcpcheck_expect_onerror_message(): the description, else on-error, then the comment. */
    private static CheckOutcome failed(CheckStatus status, int code, String description,
                                       TcpCheckRule.ExpectOptions options, Supplier<SampleContext> context) {
        String text = !description.isEmpty() ? description
                : options.onError().map(format -> format.render(context.get())).orElse("");
        return outcome(status, code(options, code, context), text + options.comment().map(c -> " comment: " + c)
                .orElse(""));
    }

    /** A result with the code HAProxy shows for its status, and a description as HAProxy keeps it (127 chars). */
    private static CheckOutcome outcome(CheckStatus status, int code, String info) {
        int end = info.indexOf('\0');
        String kept = end >= 0 ? info.substring(0, end) : info;
        return CheckOutcome.of(status, status.hasCode() ? code : CheckOutcome.NO_CODE,
                kept.length() > 127 ? kept.substring(0, 127) : kept);
    }

    /** The rule's {@code status-code} expression cast to an integer, else {@code status}. */
    private static int code(TcpCheckRule.ExpectOptions options, int status, Supplier<SampleContext> context) {
        return options.statusCode().flatMap(expression -> expression.evaluate(context.get()))
                .flatMap(sample -> Casts.cast(sample, SampleType.STR))
                .flatMap(sample -> Casts.cast(sample, SampleType.SINT))
                .map(sample -> (int) sample.asLong()).orElse(status);
    }

    /**
     * Whether a header matches a {@code hdr}/{@code fhdr} rule: a field whose name matches (names
     * compare without case) and, when the rule has a value pattern, one of its values ({@code hdr}:
     * each comma-separated value; {@code fhdr}: the whole line). Empty when a log-format pattern
     * renders empty.
     */
    private static Optional<Boolean> headerMatches(Rule rule, HttpCheckResponse response,
                                                   Supplier<SampleContext> context) {
        HttpCheckExpect.HeaderPattern pattern = rule.expect().header().orElseThrow();
        String name = pattern.nameFormat().map(format -> format.render(context.get())).orElse(pattern.name());
        String value = pattern.valueFormat().map(format -> format.render(context.get())).orElse(pattern.value());
        if (name.isEmpty() || (pattern.valueFormat().isPresent() && value.isEmpty())) {
            return Optional.empty();
        }
        boolean full = rule.expect().match() == HttpCheckExpect.Match.FHDR || pattern.valueMethod().isEmpty();
        for (String[] field : response.headers()) {
            if (!matches(pattern.nameMethod(), rule.nameRegex(), field[0], name, true)) {
                continue;
            }
            if (pattern.valueMethod().isEmpty()) {
                return Optional.of(true);
            }
            for (String one : full ? new String[] {field[1]} : field[1].split(",")) {
                if (matches(pattern.valueMethod().get(), rule.valueRegex(), one.trim(), value, false)) {
                    return Optional.of(true);
                }
            }
        }
        return Optional.of(false);
    }

    private static boolean matches(HttpCheckExpect.Method method, Pattern regex, String text, String pattern,
                                   boolean ignoreCase) {
        String subject = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        String wanted = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        return switch (method) {
            case STR -> subject.equals(wanted);
            case BEG -> subject.startsWith(wanted);
            case END -> subject.endsWith(wanted);
            case SUB -> subject.contains(wanted);
            case REG -> regex.matcher(text).find();
        };
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
