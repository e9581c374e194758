package dev.shuttle.check;

import dev.shuttle.backend.Backend;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.StreamlessFacts;
import dev.shuttle.sample.VariableStore;
import dev.shuttle.server.Server;

/**
 * The sample context a check's log-format strings are made in ({@code tcp-check send-lf},
 * {@code http-check send uri-lf|body-lf|hdr}): as in HAProxy, a check has no stream and no client;
 * its proxy is the backend, and its server the one checked ({@code be_name}, {@code srv_name},
 * {@code %b}, {@code %s} answer, a request's fetches find nothing). Fetches are evaluated as at the
 * end of a stream (what needs a request or a response finds nothing).
 */
final class CheckSamples {
    private CheckSamples() {}

    static SampleContext of(Backend backend, Server server) {
        SampleContext context = new SampleContext(backend.config(), null, null, "", VariableStore.local());
        context.backend(backend);
        context.server(server);
        context.phase(Phase.LOG);
        // What a check's aliases print: the backend and server names, nothing of a stream.
        context.logFacts(new StreamlessFacts(System.currentTimeMillis(), 0, -1, 0, "--", backend.name(), server.name(),
                0, backend.currentConnections(), server.currentConnections(), 0, "unspec", 0));
        return context;
    }
}
