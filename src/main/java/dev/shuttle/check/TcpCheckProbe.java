package dev.shuttle.check;

import dev.shuttle.config.CheckConnect;
import dev.shuttle.config.TcpCheckRule;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code option tcp-check}: runs the backend's {@code tcp-check} rules in order, each a numbered
 * step (configuration.txt §4, "tcp-check connect|send|send-binary|expect|comment"). A ruleset that
 * does not start with {@code connect} (comments aside) connects first, with the server's check
 * settings; each connect is made as {@link CheckConnections} says (TLS, PROXY header, address). An
 * {@code expect} reads until its pattern is found, the server closes, or the buffer is full, as
 * HAProxy waits for more data on a mismatch;
 * the received data is forgotten at each {@code send} and {@code connect}. Failures are reported in
 * HAProxy 3.5's words ("TCPCHK did not match content '+PONG' at step 2"); a whole ruleset passed is
 * {@code L7OK} with code 0 and "(tcp-check)", one ending with a connect {@code L4OK} (over TLS
 * {@code L6OK}) "(tcp-check)", a ruleset with no rule {@code L4OK} ({@code L6OK}).
 */
public final class TcpCheckProbe implements Probe {
    private final List<TcpCheckRule> rules;
    /** The compiled pattern of each {@code rstring} rule, by index (null elsewhere). */
    private final Pattern[] regexes;

    private final CheckConnections connections;
    private final Supplier<SampleContext> samples;

    public TcpCheckProbe(List<TcpCheckRule> rules) {
        this(rules, CheckPreamble.NONE, () -> new SampleContext(null, null, null, "", VariableStore.local()));
    }

    /**
     * @param preamble what a connection to the check's own address sends first (a PROXY header)
     * @param samples  the context {@code send-lf} strings are made in, one per check
     */
    public TcpCheckProbe(List<TcpCheckRule> rules, CheckPreamble preamble, Supplier<SampleContext> samples) {
        this(rules, CheckConnections.plain(preamble), samples);
    }

    /**
     * @param connections the server's check settings the implicit connect and {@code connect default}
     *                    take (TLS, SNI, ALPN, PROXY header)
     */
    public TcpCheckProbe(List<TcpCheckRule> rules, CheckConnections connections, Supplier<SampleContext> samples) {
        this.connections = connections;
        this.samples = samples;
        this.rules = List.copyOf(rules);
        this.regexes = new Pattern[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof TcpCheckRule.Expect expect && expect.match() == TcpCheckRule.Expect.Match.RSTRING) {
                regexes[i] = Pattern.compile(expect.pattern());
            }
        }
    }

    @Override
    public CheckOutcome run(InetSocketAddress target, CheckTimeouts timeouts) throws InterruptedException {
        long start = System.nanoTime();
        Connection connection = null;
        try {
            if (!startsWithConnect()) {
                connection = connect(connections.route(CheckConnect.IMPLICIT, target), timeouts,
                        " at initial connection step of tcp-check");
            }
            for (int i = 0; i < rules.size(); i++) {
                int step = i + 1;
                switch (rules.get(i)) {
                    case TcpCheckRule.Connect connect -> {
                        close(connection);
                        connection = connect(connections.route(connect.options(), target), timeouts, " at step "
                                + step + " of tcp-check (connect" + (connect.port() > 0 ? " port " + connect.port() : "")
                                + ")");
                    }
                    case TcpCheckRule.Send send -> {
                        connection.received.reset();
                        connection.socket.getOutputStream().write(send.data().getBytes(StandardCharsets.ISO_8859_1));
                    }
                    case TcpCheckRule.SendFormat send -> {
                        byte[] data = bytes(send, samples.get());
                        if (data == null) {
                            return CheckOutcome.of(CheckStatus.L7RSP,
                                    "tcp-check send : failed to build log-format string at step " + step);
                        }
                        connection.received.reset();
                        connection.socket.getOutputStream().write(data);
                    }
                    case TcpCheckRule.Expect expect -> {
                        TcpCheckRule.Expect made = made(expect, samples);
                        if (made == null) {
                            return CheckOutcome.of(CheckStatus.L7RSP,
                                    "tcp-check expect : failed to build log-format string at step " + step);
                        }
                        CheckOutcome failure = expect(connection, made, regexes[i], step, start, timeouts);
                        if (failure != null) {
                            return failure;
                        }
                    }
                    case TcpCheckRule.Comment comment -> { }
                }
            }
            return passed(connection);
        } catch (ConnectFailed failed) {
            return failed.outcome;
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("check stopped");
            }
            return CheckOutcome.of(CheckStatus.SOCKERR, "");
        } finally {
            close(connection);
        }
    }

    /** Whether the first rule but comments is a {@code connect}: else the check connects first (an implicit connect). */
    private boolean startsWithConnect() {
        for (TcpCheckRule rule : rules) {
            if (!(rule instanceof TcpCheckRule.Comment)) {
                return rule instanceof TcpCheckRule.Connect;
            }
        }
        return false;
    }

    /**
     * The result of a ruleset that ran to its end, judged by its last step as HAProxy 3.5 does: a
     * {@code connect} is {@code L4OK} ({@code L6OK} over TLS), "(tcp-check)" when it was written, none
     * for the implicit one of an empty ruleset; anything else is {@code L7OK} code 0 "(tcp-check)".
     */
    private CheckOutcome passed(Connection connection) {
        TcpCheckRule last = null;
        for (TcpCheckRule rule : rules) {
            if (!(rule instanceof TcpCheckRule.Comment)) {
                last = rule;
            }
        }
        if (last == null || last instanceof TcpCheckRule.Connect) {
            CheckStatus status = connection != null && connection.tls ? CheckStatus.L6OK : CheckStatus.L4OK;
            return CheckOutcome.of(status, last == null ? "" : "(tcp-check)");
        }
        return CheckOutcome.of(CheckStatus.L7OK, 0, "(tcp-check)");
    }

    /** Null when the expectation is met; else the failure. */
    private static CheckOutcome expect(Connection connection, TcpCheckRule.Expect expect, Pattern regex, int step,
                                       long start, CheckTimeouts timeouts) throws IOException {
        long budget = timeouts.readBudget((System.nanoTime() - start) / 1_000_000);
        long deadline = System.nanoTime() + budget * 1_000_000;
        while (true) {
            boolean found = matches(connection.received.bytes(), expect, regex);
            if (found && expect.negated()) {
                return CheckOutcome.of(CheckStatus.L7RSP, "TCPCHK matched unwanted content " + shown(expect)
                        + " at step " + step);
            }
            if (found) {
                return null;
            }
            if (connection.closed || connection.received.full()) {
                return expect.negated() ? null : CheckOutcome.of(CheckStatus.L7RSP, "TCPCHK did not match content "
                        + shown(expect) + " at step " + step);
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            try {
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                connection.socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                connection.closed = !connection.received.readFrom(connection.socket.getInputStream());
            } catch (SocketTimeoutException e) {
                return CheckOutcome.of(CheckStatus.L7TOUT, " at step " + step + " of tcp-check (expect "
                        + describe(expect) + ")");
            }
        }
    }

    private static boolean matches(byte[] data, TcpCheckRule.Expect expect, Pattern regex) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        return switch (expect.match()) {
            case STRING, BINARY -> text.contains(expect.pattern());
            case RSTRING -> regex.matcher(text).find();
        };
    }

    /** "'+PONG'", "(regex)" or "'2B504F4E47'": the pattern as HAProxy names it in a failure. */
    private static String shown(TcpCheckRule.Expect expect) {
        return switch (expect.match()) {
            case STRING -> "'" + expect.pattern() + "'";
            case RSTRING -> "(regex)";
            case BINARY -> "'" + hex(expect.pattern()) + "'";
        };
    }

    /** "string '+PONG'", "regex", "binary '2B504F4E47'": the rule as a timeout names it. */
    private static String describe(TcpCheckRule.Expect expect) {
        return switch (expect.match()) {
            case STRING -> "string '" + expect.pattern() + "'";
            case RSTRING -> "regex";
            case BINARY -> "binary '" + hex(expect.pattern()) + "'";
        };
    }

    private static String hex(String bytes) {
        return HexFormat.of().formatHex(bytes.getBytes(StandardCharsets.ISO_8859_1)).toUpperCase(Locale.ROOT);
    }

    private static Connection connect(CheckRoute route, CheckTimeouts timeouts, String where)
            throws ConnectFailed, InterruptedException {
        try {
            return new Connection(TcpConnectProbe.open(route, timeouts, true), route.tls().isPresent(),
                    route.linger());
        } catch (TcpConnectProbe.ConnectFailure failure) {
            CheckOutcome outcome = failure.outcome;
            throw new ConnectFailed(new CheckOutcome(outcome.status(), outcome.code(), outcome.info() + where, -1));
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            TcpConnectProbe.close(connection.socket, connection.linger);
        }
    }

    /** One connection of the check and what it received since the last send. */
    private static final class Connection {
        final Socket socket;
        /** The connection speaks TLS. */
        final boolean tls;
        /** Closed with a FIN ({@code linger}), not reset. */
        final boolean linger;
        final Received received = new Received();
        boolean closed;

        Connection(Socket socket, boolean tls, boolean linger) {
            this.socket = socket;
            this.tls = tls;
            this.linger = linger;
        }
    }

    /** The bytes received, up to {@link HttpProbe#MAX_RESPONSE}. */
    private static final class Received {
        private byte[] data = new byte[1024];
        private int length;

        byte[] bytes() {
            return Arrays.copyOf(data, length);
        }

        boolean full() {
            return length == HttpProbe.MAX_RESPONSE;
        }

        void reset() {
            length = 0;
        }

        /** Reads once; false at the end of the stream. */
        boolean readFrom(InputStream in) throws IOException {
            if (length == data.length) {
                data = Arrays.copyOf(data, Math.min(data.length * 2, HttpProbe.MAX_RESPONSE));
            }
            int read = in.read(data, length, data.length - length);
            if (read < 0) {
                return false;
            }
            length += read;
            return true;
        }
    }

    /** A connect step failed; {@code outcome} says how and where. */
    private static final class ConnectFailed extends Exception {
        final transient CheckOutcome outcome;

        ConnectFailed(CheckOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    /**
     * The expectation with its {@code -lf} pattern made now ({@code binary-lf}: hexadecimal digits,
     * matched as the bytes they spell); null when a {@code binary-lf} one is not hexadecimal.
     */
    private static TcpCheckRule.Expect made(TcpCheckRule.Expect expect, Supplier<SampleContext> samples) {
        if (expect.format().isEmpty()) {
            return expect;
        }
        String text = expect.format().get().render(samples.get());
        if (expect.match() == TcpCheckRule.Expect.Match.BINARY) {
            try {
                text = new String(HexFormat.of().parseHex(text), StandardCharsets.ISO_8859_1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return new TcpCheckRule.Expect(expect.match(), expect.negated(), text);
    }

    /**
     * A {@code send-lf} string made now; {@code send-binary-lf}'s text is hexadecimal digits, sent as
     * their bytes (null when they are not: the check fails, as HAProxy's does).
     */
    private static byte[] bytes(TcpCheckRule.SendFormat send, SampleContext context) {
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
}
