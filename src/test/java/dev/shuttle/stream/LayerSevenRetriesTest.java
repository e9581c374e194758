package dev.shuttle.stream;

import static dev.shuttle.stream.ExchangeFixture.get;
import static dev.shuttle.stream.ExchangeFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.RetryOn;
import dev.shuttle.mux.IncomingRequest;
import dev.shuttle.mux.ResponseArrival;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the server's answer lets a request go again (configuration.txt §4.2, "retry-on"), and when not. */
class LayerSevenRetriesTest {
    @TempDir
    Path directory;

    private ProxyConfig backend(String lines) {
        return ExchangeFixture.world(directory, "backend be\n    mode http\n" + lines + "    server s 127.0.0.1:1\n")
                .backend("be").config();
    }

    private static SampleContext context(ProxyConfig proxy) {
        return new SampleContext(proxy, ExchangeFixture.CLIENT, ExchangeFixture.FRONTEND, "", VariableStore.local());
    }

    private static final IncomingRequest GET = request(get("/"));

    @Test
    void statusesAndMissingAnswersAsRetryOnNamesThem() {
        ProxyConfig be = backend("    retry-on 503 404 empty-response response-timeout junk-response\n");
        LayerSevenRetries retries = LayerSevenRetries.of(be, GET, false, context(be), false, 0, 3);
        assertEquals(Optional.of(RetryOn.STATUS_503), retries.onStatus(503));
        assertEquals(Optional.of(RetryOn.STATUS_404), retries.onStatus(404));
        assertEquals(Optional.empty(), retries.onStatus(500));
        assertEquals(Optional.empty(), retries.onStatus(200));
        assertEquals(Optional.of(RetryOn.EMPTY_RESPONSE), retries.onMissingAnswer(new ResponseArrival.Absent(false, false)));
        assertEquals(Optional.of(RetryOn.EMPTY_RESPONSE),
                retries.onMissingAnswer(new ResponseArrival.Absent(false, false, new IOException("reset"))));
        assertEquals(Optional.of(RetryOn.RESPONSE_TIMEOUT), retries.onMissingAnswer(new ResponseArrival.Absent(true, false)));
        assertEquals(Optional.of(RetryOn.JUNK_RESPONSE), retries.onMissingAnswer(new ResponseArrival.Absent(false, true)));
        assertEquals(Optional.of(RetryOn.JUNK_RESPONSE), retries.onMissingAnswer(new ResponseArrival.Malformed()));
    }

    @Test
    void noRetryWhereHaproxyAllowsNone() {
        ProxyConfig be = backend("    retry-on 503\n");
        assertEquals(Optional.empty(), LayerSevenRetries.of(be, GET, false, context(be), false, 3, 3).onStatus(503),
                "no retry left");
        assertEquals(Optional.empty(), LayerSevenRetries.of(be, GET, false, context(be), true, 0, 3).onStatus(503),
                "an interim response went to the client");
        IncomingRequest post = new IncomingRequest(get("/"), "POST / HTTP/1.1", true, false, false, false);
        assertEquals(Optional.empty(), LayerSevenRetries.of(be, post, false, context(be), false, 0, 3).onStatus(503),
                "a body that was not whole in memory when first sent");
        assertEquals(Optional.of(RetryOn.STATUS_503),
                LayerSevenRetries.of(be, post, true, context(be), false, 0, 3).onStatus(503),
                "a body held whole is replayed");
        SampleContext disabled = context(be);
        disabled.settings().disableLayer7Retry();
        assertEquals(Optional.empty(), LayerSevenRetries.of(be, GET, false, disabled, false, 0, 3).onStatus(503),
                "http-request disable-l7-retry");
        ProxyConfig connectionsOnly = backend("");
        assertEquals(Optional.empty(), LayerSevenRetries.of(connectionsOnly, GET, false, context(connectionsOnly), false, 0, 3)
                .onMissingAnswer(new ResponseArrival.Absent(false, false)), "retry-on conn-failure only");
        ProxyConfig tcp = ExchangeFixture.world(directory, "backend be\n    mode tcp\n    retry-on 503\n"
                + "    server s 127.0.0.1:1\n").backend("be").config();
        assertEquals(Optional.empty(), LayerSevenRetries.of(tcp, GET, false, context(tcp), false, 0, 3).onStatus(503),
                "TCP mode");
    }
}
