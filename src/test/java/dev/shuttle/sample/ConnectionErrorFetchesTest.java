package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code fc_err*}, {@code bc_err*} and {@code term_events} as HAProxy 3.5 answers them. */
class ConnectionErrorFetchesTest {
    private final SampleRegistry registry = SampleRegistry.withStandardFamilies();
    private SampleContext context;

    @BeforeEach
    void context() {
        context = new SampleContext(null, null, null, "test", VariableStore.shared());
        context.beginExchange(null);
        context.phase(Phase.HTTP_AFTER_RESPONSE);
    }

    private String fetch(String expression) throws Exception {
        return SampleCompiler.compile(expression, registry, CompileScope.STANDALONE).evaluate(context)
                .map(Sample::toText).orElse("<none>");
    }

    @Test
    void aClientConnectionWithoutErrorSaysSuccess() throws Exception {
        assertEquals("0", fetch("fc_err"));
        assertEquals("", fetch("fc_err_name"));
        assertEquals("Success", fetch("fc_err_str"));
    }

    @Test
    void aFailedClientConnectionNamesItsError() throws Exception {
        context.frontError(ConnectionError.PRX_TIMEOUT, 0, "");
        assertEquals("13", fetch("fc_err"));
        assertEquals("PRX_TIMEOUT", fetch("fc_err_name"));
        assertEquals("Timeout while waiting for PROXY protocol header", fetch("fc_err_str"));
    }

    @Test
    void theServerErrorsNeedAServerConnection() throws Exception {
        assertEquals("<none>", fetch("bc_err"));
        assertEquals("<none>", fetch("bc_err_name"));
        assertEquals("<none>", fetch("bc_err_str"));
        context.backConnection(null);
        assertEquals("0", fetch("bc_err"));
        assertEquals("", fetch("bc_err_name"));
        assertEquals("Success", fetch("bc_err_str"));
    }

    @Test
    void aRefusedConnectAsHaproxy35SaysIt() throws Exception {
        context.backConnection(ConnectionError.EREFUSED);
        assertEquals("47", fetch("bc_err"));
        assertEquals("EREFUSED", fetch("bc_err_name"));
        assertEquals("ECONNREFUSED returned by OS", fetch("bc_err_str"));
    }

    @Test
    void theFirstErrorOfAConnectionIsKept() throws Exception {
        context.backConnection(null);
        context.backFailed(ConnectionError.ERESET);
        context.backFailed(ConnectionError.EPIPE);
        assertEquals("ERESET", fetch("bc_err_name"));
        context.beginExchange(null);
        assertEquals("<none>", fetch("bc_err"));
    }

    @Test
    void anErrorWithoutANameFindsNoName() throws Exception {
        context.backConnection(ConnectionError.QMUX);
        assertEquals("44", fetch("bc_err"));
        assertEquals("<none>", fetch("bc_err_name"));
    }

    @Test
    void termEventsPrintsTheSevenLogs() throws Exception {
        assertEquals("{,,,,,-,-}", fetch("term_events"));
        context.terminationEvents().backConnectionOpened();
        context.terminationEvents().backConnection(TerminationEvent.FD_CONNECT_ERR);
        context.terminationEvents().stream(TerminationEvent.STRM_SHUTW, true);
        assertEquals("{,,,S1,,,F7}", fetch("term_events"));
    }
}
