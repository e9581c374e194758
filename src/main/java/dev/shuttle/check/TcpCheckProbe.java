package dev.shuttle.check;

import dev.shuttle.config.CheckConnect;
import dev.shuttle.config.TcpCheckRule;
import dev.shuttle.sample.Casts;
import dev.shuttle.sample.SampleType;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code option tcp-check} and the protocol checks: runs the rules in order, each a numbered step
 * (configuration.txt §4, "tcp-check connect|send|expect|set-var|unset-var|comment"). A ruleset
 * whose first rule (comments and variables aside) is not a {@code connect} connects first, with the
 * server's check settings; each connect is made as {@link CheckConnections} says (TLS, PROXY header,
 * address, SOCKS4 proxy). An
 * {@code expect} waits for data as HAProxy 3.5's does: for its {@code min-recv} bytes, or, without
 * it, until its pattern is found, the server closes or the buffer is full; the received data is
 * forgotten at each {@code send} and {@code connect}. The rules of one check share one sample
 * context: their {@code check.} variables, and {@code res.payload} reading the bytes received.
 * Results are worded as HAProxy 3.5 words them ("TCPCHK did not match content '+PONG' at step 2");
 * a protocol check's failures carry only the descriptions its rules give. A ruleset that ran to its
 * end is judged by its last step: an expect by its options ({@code L7OK} "(tcp-check)" by default),
 * a written connect {@code L4OK} (over TLS {@code L6OK}) "(tcp-check)", no step at all {@code L4OK}
 * ({@code L6OK}) without a description.
 */
public final class TcpCheckProbe implements Probe {
    private final List<TcpCheckRule> rules;
    /** The compiled pattern of each {@code rstring}/{@code rbinary} rule, by index (null elsewhere). */
    private final Pattern[] regexes;
    private final CheckConnections connections;
    private final Supplier<SampleContext> samples;
    /** A protocol check ({@code option redis-check}...): no generic tcp-check descriptions. */
    private final boolean protocol;
    /** The step number of each rule, as HAProxy counts them: from 1, preset variables left out. */
    private final int[] steps;

    public TcpCheckProbe(List<TcpCheckRule> rules) {
        this(rules, CheckPreamble.NONE, () -> new SampleContext(null, null, null, "", VariableStore.local()), false);
    }

    public TcpCheckProbe(List<TcpCheckRule> rules, CheckPreamble preamble, Supplier<SampleContext> samples) {
        this(rules, preamble, samples, false);
    }

    /** @param preamble what a connection with the server's check settings sends first (a PROXY header) */
    public TcpCheckProbe(List<TcpCheckRule> rules, CheckPreamble preamble, Supplier<SampleContext> samples,
                         boolean protocol) {
        this(rules, CheckConnections.plain(preamble), samples, protocol);
    }

    /**
     * @param connections the server's check settings the implicit connect and {@code connect default}
     *                    take (TLS, SNI, ALPN, PROXY header, SOCKS4 proxy)
     */
    public TcpCheckProbe(List<TcpCheckRule> rules, CheckConnections connections, Supplier<SampleContext> samples) {
        this(rules, connections, samples, false);
    }

    /**
     * @param connections the server's check settings the implicit connect and {@code connect default}
     *                    take (TLS, SNI, ALPN, PROXY header, SOCKS4 proxy)
     * @param samples     the context the rules' expressions are evaluated in, one per check
     * @param protocol    the rules are a protocol check's
     */
    public TcpCheckProbe(List<TcpCheckRule> rules, CheckConnections connections, Supplier<SampleContext> samples,
                         boolean protocol) {
        this.connections = connections;
        this.samples = samples;
        this.protocol = protocol;
        this.rules = List.copyOf(rules);
        this.regexes = new Pattern[rules.size()];
        this.steps = new int[rules.size()];
        int step = 0;
        for (int i = 0; i < rules.size(); i++) {
            if (!(rules.get(i) instanceof TcpCheckRule.Preset)) {
                step++;
            }
            steps[i] = step;
        }
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof TcpCheckRule.Expect expect && expect.format().isEmpty()
                    && (expect.match() == TcpCheckRule.Expect.Match.RSTRING
                    || expect.match() == TcpCheckRule.Expect.Match.RBINARY)) {
                regexes[i] = Pattern.compile(expect.pattern());
            }
        }
    }

    @Override
    public CheckOutcome run(InetSocketAddress target, CheckTimeouts timeouts) throws InterruptedException {
        Run run = new Run(target, timeouts, samples.get());
        try {
            return run.all();
        } catch (ConnectFailed failed) {
            return failed.outcome;
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("check stopped");
            }
            return CheckOutcome.of(CheckStatus.SOCKERR, "");
        } finally {
            run.close();
        }
    }

    /** HAProxy keeps at most this much of a description ({@code HCHK_DESC_LEN} less its NUL). */
    private static final int MAX_INFO = 127;

    /**
     * A result; the code only where HAProxy shows one, the description as HAProxy keeps it: up to
     * its first NUL byte and 127 characters.
     */
    private static CheckOutcome outcome(CheckStatus status, int code, String info) {
        int end = info.indexOf('\0');
        String kept = end >= 0 ? info.substring(0, end) : info;
        return CheckOutcome.of(status, status.hasCode() ? code : CheckOutcome.NO_CODE,
                kept.length() > MAX_INFO ? kept.substring(0, MAX_INFO) : kept);
    }

    /** One check: its connection, what it received, its variables. */
    private final class Run {
        private static final int NO_STEP = -2;
        private static final int IMPLICIT_CONNECT = -1;

        private final InetSocketAddress target;
        private final CheckTimeouts timeouts;
        private final SampleContext context;
        private final long start = System.nanoTime();
        private Socket socket;
        /** The connection speaks TLS. */
        private boolean tls;
        /** The connection is closed with a FIN ({@code linger}), not reset. */
        private boolean linger;
        private ReceivedBytes received = new ReceivedBytes();
        /** The last connect, send or expect rule run (HAProxy's current step). */
        private int current = NO_STEP;

        Run(InetSocketAddress target, CheckTimeouts timeouts, SampleContext context) {
            this.target = target;
            this.timeouts = timeouts;
            this.context = context;
            context.responseContent(received);
        }

        CheckOutcome all() throws IOException, ConnectFailed, InterruptedException {
            if (!(firstAction() instanceof TcpCheckRule.Connect)) {
                connect(connections.route(CheckConnect.IMPLICIT, target), " at initial connection step of tcp-check");
                current = IMPLICIT_CONNECT;
            }
            for (int i = 0; i < rules.size(); i++) {
                int step = steps[i];
                int index = i;
                CheckOutcome failure = switch (rules.get(i)) {
                    case TcpCheckRule.Connect connect -> {
                        current = i;
                        close();
                        connect(connections.route(connect.options(), target), " at step " + step
                                + " of tcp-check (connect" + (connect.port() > 0 ? " port " + connect.port() : "") + ")");
                        yield null;
                    }
                    case TcpCheckRule.Send send -> {
                        current = i;
                        write(send.data().getBytes(StandardCharsets.ISO_8859_1));
                        yield null;
                    }
                    case TcpCheckRule.SendFormat send -> {
                        current = i;
                        byte[] data = bytes(send);
                        if (data == null) {
                            yield outcome(CheckStatus.L7RSP, 0,
                                    "tcp-check send : failed to build log-format string at step " + step);
                        }
                        write(data);
                        yield null;
                    }
                    case TcpCheckRule.Expect expect -> {
                        current = i;
                        yield awaitVerdict(i, expect.options(), () -> judge(index, expect, regexes[index], step));
                    }
                    case TcpCheckRule.ExpectReply reply -> {
                        current = i;
                        yield awaitVerdict(i, reply.options(), () -> judge(index, reply, step));
                    }
                    case TcpCheckRule.SetVar setVar -> {
                        CheckVariables.apply(setVar, context);
                        yield null;
                    }
                    case TcpCheckRule.UnsetVar unsetVar -> {
                        CheckVariables.apply(unsetVar, context);
                        yield null;
                    }
                    case TcpCheckRule.Preset preset -> {
                        CheckVariables.apply(preset, context);
                        yield null;
                    }
                    case TcpCheckRule.Comment comment -> null;
                };
                if (failure != null) {
                    return failure;
                }
            }
            return success();
        }

        /** The first rule that is not a comment nor a variable's, or null. */
        private TcpCheckRule firstAction() {
            for (TcpCheckRule rule : rules) {
                if (!(rule instanceof TcpCheckRule.Comment || rule instanceof TcpCheckRule.SetVar
                        || rule instanceof TcpCheckRule.UnsetVar || rule instanceof TcpCheckRule.Preset)) {
                    return rule;
                }
            }
            return null;
        }

        /** The result of a check whose every rule passed, from the last step run (HAProxy's tcpcheck_main()). */
        private CheckOutcome success() {
            // A connect's result is layer 6 when the connection speaks TLS.
            CheckStatus connected = tls ? CheckStatus.L6OK : CheckStatus.L4OK;
            if (current < 0) {
                return outcome(connected, 0, "");
            }
            return switch (rules.get(current)) {
                case TcpCheckRule.Connect connect -> outcome(connected, 0, "(tcp-check)");
                case TcpCheckRule.Expect expect -> passed(expect.options(), protocol ? "" : "(tcp-check)");
                // HAProxy 3.5 ends a check on a reply rule as on any expect: the description its
                // reply gave ("Success", the MySQL version) is replaced by the rule's on-success, or none.
                case TcpCheckRule.ExpectReply reply -> passed(reply.options(), "");
                default -> outcome(CheckStatus.L7OK, 0, "(tcp-check)");
            };
        }

        private CheckOutcome passed(TcpCheckRule.ExpectOptions options, String fallback) {
            CheckStatus status = options.okStatus().map(CheckStatus::valueOf).orElse(CheckStatus.L7OK);
            String info = options.onSuccess().map(format -> format.render(context)).orElse(fallback);
            return outcome(status, code(options, 0), info);
        }

        /** The check's code: the rule's {@code status-code} expression's value, else {@code otherwise}. */
        private int code(TcpCheckRule.ExpectOptions options, int otherwise) {
            if (options.statusCode().isEmpty()) {
                return otherwise;
            }
            // As HAProxy: the value cast to an integer (a string's leading digits), else no change.
            return options.statusCode().get().evaluate(context)
                    .flatMap(sample -> Casts.cast(sample, SampleType.STR))
                    .flatMap(sample -> Casts.cast(sample, SampleType.SINT))
                    .map(sample -> (int) sample.asLong()).orElse(otherwise);
        }

        /** Reads until the rule decides; a failure, or null when it passed. */
        private CheckOutcome awaitVerdict(int index, TcpCheckRule.ExpectOptions options, Judge judge)
                throws IOException {
            if (socket == null) {
                return outcome(CheckStatus.SOCKERR, 0, "");
            }
            long budget = timeouts.readBudget((System.nanoTime() - start) / 1_000_000);
            long deadline = System.nanoTime() + budget * 1_000_000;
            while (true) {
                Verdict verdict = judge.now();
                if (!(verdict instanceof Verdict.Wait)) {
                    return verdict instanceof Verdict.Failed failed ? failed.outcome : null;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                try {
                    if (left <= 0) {
                        throw new SocketTimeoutException();
                    }
                    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                    received.readFrom(socket.getInputStream());
                } catch (SocketTimeoutException e) {
                    CheckStatus status = options.toutStatus().map(CheckStatus::valueOf).orElse(CheckStatus.L7TOUT);
                    return outcome(status, 0, protocol ? "" : " at step " + steps[index] + " of tcp-check ("
                            + TcpCheckTexts.describe(rules.get(index)) + ")" + options.comment().map(c -> " comment: '" + c + "'")
                            .orElse(""));
                }
            }
        }

        private boolean lastRead() {
            return received.closed() || received.full();
        }

        /** HAProxy 3.5's tcpcheck_eval_expect(). */
        private Verdict judge(int index, TcpCheckRule.Expect expect, Pattern regex, int step) {
            boolean lastRead = lastRead();
            TcpCheckRule.ExpectOptions options = expect.options();
            boolean fixed = expect.format().isEmpty();
            int length = received.length();
            if (!lastRead) {
                if (fixed && (expect.match() == TcpCheckRule.Expect.Match.STRING
                        || expect.match() == TcpCheckRule.Expect.Match.BINARY) && length < expect.pattern().length()) {
                    return Verdict.WAIT;
                }
                if (options.minRecv() > 0 && length < options.minRecv()) {
                    return Verdict.WAIT;
                }
            }
            boolean matched;
            String text = new String(received.bytes(), StandardCharsets.ISO_8859_1);
            if (fixed) {
                matched = switch (expect.match()) {
                    case STRING, BINARY -> text.contains(expect.pattern());
                    case RSTRING -> regex.matcher(text).find();
                    case RBINARY -> regex.matcher(HexFormat.of().formatHex(received.bytes())
                            .toUpperCase(Locale.ROOT)).find();
                };
            } else {
                String made = expect.format().get().render(context);
                if (made.isEmpty()) {
                    return failed(index, CheckStatus.L7RSP, options, step, false,
                            "log-format string evaluated to an empty string");
                }
                if (expect.match() == TcpCheckRule.Expect.Match.BINARY) {
                    try {
                        made = new String(HexFormat.of().parseHex(made), StandardCharsets.ISO_8859_1);
                    } catch (IllegalArgumentException e) {
                        return failed(index, CheckStatus.L7RSP, options, step, false,
                                "Failed to parse hexastring resulting of eval of a log-format string");
                    }
                }
                if (length < made.length() && !lastRead) {
                    return Verdict.WAIT;
                }
                matched = length >= made.length() && text.contains(made);
            }
            // Without min-recv a mismatch waits for more; with it, the bytes received are conclusive.
            if (!matched && !lastRead && options.minRecv() == -1) {
                return Verdict.WAIT;
            }
            if (matched != expect.negated()) {
                return Verdict.PASSED;
            }
            CheckStatus status = options.errorStatus().map(CheckStatus::valueOf).orElse(CheckStatus.L7RSP);
            return failed(index, status, options, step, matched, "");
        }

        /** A protocol's own reply (HAProxy's "custom" expect rules). */
        private Verdict judge(int index, TcpCheckRule.ExpectReply reply, int step) {
            boolean lastRead = lastRead();
            if (received.length() == 0) {
                // HAProxy judges no empty reply: it waits, or fails once nothing more will come.
                return lastRead ? failed(index, reply.options().errorStatus().map(CheckStatus::valueOf)
                        .orElse(CheckStatus.L7RSP), reply.options(), step, false, "") : Verdict.WAIT;
            }
            return switch (ProtocolReplies.judge(reply.reply(), received.bytes(), lastRead)) {
                case ProtocolReplies.Judgement.Wait wait -> Verdict.WAIT;
                case ProtocolReplies.Judgement.Pass pass -> Verdict.PASSED;
                case ProtocolReplies.Judgement.Fail fail -> new Verdict.Failed(outcome(fail.status(), fail.code(),
                        errorInfo(reply.options(), step, false, fail.info(), null)));
            };
        }

        /** A failed expect rule: its status, HAProxy's description and the rule's code. */
        private Verdict failed(int index, CheckStatus status, TcpCheckRule.ExpectOptions options, int step,
                               boolean matched, String description) {
            TcpCheckRule rule = rules.get(index);
            return new Verdict.Failed(outcome(status, code(options, 0),
                    errorInfo(options, step, matched, description, rule instanceof TcpCheckRule.Expect e ? e : null)));
        }

        /** HAProxy 3.5's tcpcheck_expect_onerror_message(). */
        private String errorInfo(TcpCheckRule.ExpectOptions options, int step, boolean matched, String description,
                                 TcpCheckRule.Expect expect) {
            String text;
            if (!description.isEmpty()) {
                text = description;
            } else if (options.onError().isPresent()) {
                text = options.onError().get().render(context);
            } else if (received.length() == 0) {
                text = "TCPCHK got an empty response at step " + step;
            } else if (protocol || expect == null) {
                text = "";
            } else {
                text = (matched ? "TCPCHK matched unwanted content" : "TCPCHK did not match content")
                        + TcpCheckTexts.shown(expect) + " at step " + step;
            }
            return text + options.comment().map(c -> " comment: " + c).orElse("");
        }

        /**
         * A {@code send-lf} string made now; {@code send-binary-lf}'s text is hexadecimal digits, sent
         * as their bytes (null when they are not: the check fails, as HAProxy's does).
         */
        private byte[] bytes(TcpCheckRule.SendFormat send) {
            String text = send.format().render(context);
            if (!send.binary()) {
                return text.getBytes(StandardCharsets.ISO_8859_1);
            }
            try {
                return HexFormat.of().parseHex(text);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private void write(byte[] data) throws IOException {
            if (socket == null) {
                throw new IOException("no connection");
            }
            received.reset();
            socket.getOutputStream().write(data);
        }

        private void connect(CheckRoute route, String where) throws ConnectFailed, InterruptedException {
            try {
                socket = TcpConnectProbe.open(route, timeouts, true);
                tls = route.tls().isPresent();
                linger = route.linger();
                received = new ReceivedBytes();
                context.responseContent(received);
            } catch (TcpConnectProbe.ConnectFailure failure) {
                CheckOutcome outcome = failure.outcome;
                throw new ConnectFailed(new CheckOutcome(outcome.status(), outcome.code(),
                        outcome.info() + (protocol ? "" : where), -1));
            }
        }

        void close() {
            if (socket != null) {
                TcpConnectProbe.close(socket, linger);
                socket = null;
            }
        }
    }

    /** What an expect rule makes of the bytes received so far. */
    private sealed interface Verdict {
        Verdict WAIT = new Wait();
        Verdict PASSED = new Passed();

        record Wait() implements Verdict {}

        record Passed() implements Verdict {}

        record Failed(CheckOutcome outcome) implements Verdict {}
    }

    @FunctionalInterface
    private interface Judge {
        Verdict now();
    }

    /** A connect step failed; {@code outcome} says how and where. */
    private static final class ConnectFailed extends Exception {
        final transient CheckOutcome outcome;

        ConnectFailed(CheckOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }
}
