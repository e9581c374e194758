package dev.shuttle.stream;

import dev.shuttle.listener.Frontend;
import dev.shuttle.net.SocketAddresses;
import dev.shuttle.rules.RuleKind;
import dev.shuttle.rules.Verdict;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.ProcessInfo;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Creates a connection's {@link SampleContext} and runs the rules that apply to every connection
 * before any protocol work: {@code tcp-request connection}, then {@code tcp-request session}.
 */
final class StreamContexts {
    private StreamContexts() {}

    /**
     * The context of a connection from {@code clientAddress} to {@code frontendAddress}: read once
     * per connection by its session ({@link SocketAddresses}; the local one is a system call).
     */
    static SampleContext create(SocketAddress clientAddress, SocketAddress frontendAddress, Frontend frontend,
                                String listenerName, ProcessInfo process, VariableStore processVariables) {
        InetSocketAddress source = clientAddress instanceof InetSocketAddress inet ? inet : null;
        InetSocketAddress destination = frontendAddress instanceof InetSocketAddress inet ? inet : null;
        return new SampleContext(frontend.config(), source, destination, listenerName, process, processVariables);
    }

    /** Runs the connection and session rules; true when the connection may go on. */
    static boolean admit(SampleContext context, Frontend frontend) {
        context.phase(Phase.CONNECTION);
        Verdict connection = frontend.config().rules().of(RuleKind.TCP_REQUEST_CONNECTION).evaluate(context);
        if (connection instanceof Verdict.Reject) {
            frontend.counters().connectionDenied();
            return false;
        }
        context.phase(Phase.SESSION);
        Verdict session = frontend.config().rules().of(RuleKind.TCP_REQUEST_SESSION).evaluate(context);
        if (session instanceof Verdict.Reject) {
            frontend.counters().connectionDenied();
            return false;
        }
        return true;
    }
}
