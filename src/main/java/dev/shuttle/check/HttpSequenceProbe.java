package dev.shuttle.check;

import dev.shuttle.config.HttpCheckExpect;
import dev.shuttle.config.HttpCheckRule;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An HTTP check sequence (configuration.txt §4, "http-check connect"): the rules run in order; each
 * {@code connect} opens a new connection as its options say ({@link CheckConnections}), each {@code send}
 * sends its request and reads the whole response, and the {@code expect} rules that follow judge
 * that response. A request that no {@code expect} follows must answer 2xx or 3xx, as a lone
 * {@code option httpchk} request. The first failure ends the check.
 */
public final class HttpSequenceProbe implements Probe {
    private final List<HttpCheckRule> rules;
    private final BiFunction<HttpCheckRule.Send, SampleContext, byte[]> requestBytes;
    private final boolean disableOn404;
    private final Supplier<SampleContext> samples;
    private final CheckConnections connections;

    /** @param requestBytes the bytes of a send rule's request, made anew for each check (the state header changes) */
    public HttpSequenceProbe(List<HttpCheckRule> rules, Function<HttpCheckRule.Send, byte[]> requestBytes,
                             boolean disableOn404) {
        this(rules, requestBytes, disableOn404, CheckPreamble.NONE);
    }

    /** @param preamble what a connection to the check's own address sends first (a PROXY header) */
    public HttpSequenceProbe(List<HttpCheckRule> rules, Function<HttpCheckRule.Send, byte[]> requestBytes,
                             boolean disableOn404, CheckPreamble preamble) {
        this(rules, requestBytes, disableOn404, preamble,
                () -> new SampleContext(null, null, null, "", VariableStore.local()));
    }

    /** @param samples the context the expectations' log-format patterns are made in */
    public HttpSequenceProbe(List<HttpCheckRule> rules, Function<HttpCheckRule.Send, byte[]> requestBytes,
                             boolean disableOn404, CheckPreamble preamble, Supplier<SampleContext> samples) {
        this(rules, (send, context) -> requestBytes.apply(send), disableOn404, CheckConnections.plain(preamble),
                samples);
    }

    /** @param connections the server's check settings a {@code connect default} takes (TLS, PROXY header) */
    public HttpSequenceProbe(List<HttpCheckRule> rules, Function<HttpCheckRule.Send, byte[]> requestBytes,
                             boolean disableOn404, CheckConnections connections, Supplier<SampleContext> samples) {
        this(rules, (send, context) -> requestBytes.apply(send), disableOn404, connections, samples);
    }

    /**
     * @param requestBytes the bytes of a send rule's request, made in the check's sample context
     *                     (one per check: its {@code check.} variables are the rules')
     * @param connections  the server's check settings a {@code connect default} takes (TLS, PROXY
     *                     header, SOCKS4 proxy)
     */
    public HttpSequenceProbe(List<HttpCheckRule> rules, BiFunction<HttpCheckRule.Send, SampleContext, byte[]> requestBytes,
                             boolean disableOn404, CheckConnections connections, Supplier<SampleContext> samples) {
        this.samples = samples;
        this.connections = connections;
        this.rules = List.copyOf(rules);
        this.requestBytes = requestBytes;
        this.disableOn404 = disableOn404;
    }

    @Override
    public CheckOutcome run(InetSocketAddress target, CheckTimeouts timeouts) throws InterruptedException {
        long start = System.nanoTime();
        SampleContext context = samples.get();
        Socket socket = null;
        boolean linger = false;
        CheckOutcome last = CheckOutcome.of(CheckStatus.L4OK, "");
        try {
            for (int i = 0; i < rules.size(); i++) {
                switch (rules.get(i)) {
                    case HttpCheckRule.Connect connect -> {
                        close(socket, linger);
                        socket = null;
                        CheckRoute route = connections.route(connect.options(), target);
                        linger = route.linger();
                        socket = TcpConnectProbe.open(route, timeouts, true);
                    }
                    case HttpCheckRule.Send send -> {
                        List<HttpCheckRule> judges = judgesAfter(i);
                        last = exchange(socket, send, judges, start, timeouts, context);
                        if (last.verdict() == CheckStatus.Verdict.FAILED) {
                            return last;
                        }
                        i += judges.size();
                    }
                    case HttpCheckRule.Expect expect -> {
                        // An expect with no request before it on this connection: nothing to judge.
                        return CheckOutcome.of(CheckStatus.L7RSP, "");
                    }
                    case HttpCheckRule.Variable variable -> CheckVariables.apply(variable.action(), context);
                    case HttpCheckRule.Comment comment -> { }
                }
            }
            return last;
        } catch (TcpConnectProbe.ConnectFailure failure) {
            return failure.outcome;
        } catch (SocketTimeoutException e) {
            return CheckOutcome.of(CheckStatus.L7TOUT, "");
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("check stopped");
            }
            return CheckOutcome.of(CheckStatus.SOCKERR, "");
        } finally {
            close(socket, linger);
        }
    }

    /**
     * The rules that judge the response to the send at {@code index}: the expect rules after it,
     * with the variable rules and comments among them.
     */
    private List<HttpCheckRule> judgesAfter(int index) {
        List<HttpCheckRule> judges = new ArrayList<>();
        for (int j = index + 1; j < rules.size() && (rules.get(j) instanceof HttpCheckRule.Expect
                || rules.get(j) instanceof HttpCheckRule.Variable || rules.get(j) instanceof HttpCheckRule.Comment); j++) {
            judges.add(rules.get(j));
        }
        // Trailing variables and comments are not the response's: they run in their place.
        while (!judges.isEmpty() && !(judges.getLast() instanceof HttpCheckRule.Expect)) {
            judges.removeLast();
        }
        return judges;
    }

    /**
     * Sends the request, reads the response, and runs the rules that judge it in order: each
     * expect on its own (the first failure ends the check; the last one's options give the
     * success), each variable rule in its place. No expect: a 2xx or 3xx passes.
     */
    private CheckOutcome exchange(Socket socket, HttpCheckRule.Send send, List<HttpCheckRule> judges, long start,
                                  CheckTimeouts timeouts, SampleContext context) throws IOException {
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        long deadline = System.nanoTime() + timeouts.readBudget(elapsed) * 1_000_000;
        socket.getOutputStream().write(requestBytes.apply(send, context));
        socket.getOutputStream().flush();
        List<HttpCheckExpect> expects = judges.stream().filter(r -> r instanceof HttpCheckRule.Expect)
                .map(r -> ((HttpCheckRule.Expect) r).expect()).toList();
        Optional<HttpCheckResponse> response;
        try {
            response = HttpProbe.readResponse(socket, deadline);
        } catch (SocketTimeoutException e) {
            return CheckOutcome.of(new HttpExpectations(expects, disableOn404, () -> context).timeoutStatus(), "");
        }
        if (response.isEmpty()) {
            return CheckOutcome.of(CheckStatus.L7RSP, "");
        }
        if (expects.isEmpty()) {
            return new HttpExpectations(List.of(), disableOn404, () -> context).evaluate(response.get());
        }
        CheckOutcome outcome = null;
        for (HttpCheckRule judge : judges) {
            switch (judge) {
                case HttpCheckRule.Expect expect -> {
                    outcome = new HttpExpectations(List.of(expect.expect()), disableOn404, () -> context)
                            .evaluate(response.get());
                    if (outcome.verdict() == CheckStatus.Verdict.FAILED) {
                        return outcome;
                    }
                }
                case HttpCheckRule.Variable variable -> CheckVariables.apply(variable.action(), context);
                default -> { }
            }
        }
        return outcome;
    }

    private static void close(Socket socket, boolean linger) {
        if (socket != null) {
            TcpConnectProbe.close(socket, linger);
        }
    }
}
