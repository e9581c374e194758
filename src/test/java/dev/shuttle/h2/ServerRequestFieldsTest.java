package dev.shuttle.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.hpack.HeaderField;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An HTTP/1.1 upgrade as the extended CONNECT of an HTTP/2 server stream (RFC 8441 §4, §5), as 3.5 sends it. */
class ServerRequestFieldsTest {
    private static RequestHead upgrade(String target, String upgrade) {
        HeaderList headers = new HeaderList();
        headers.add("Host", "example.com");
        headers.add("Connection", "keep-alive, Upgrade");
        headers.add("Upgrade", upgrade);
        headers.add("Sec-WebSocket-Version", "13");
        return new RequestHead("GET", target, HttpVersion.HTTP_1_1, headers);
    }

    @Test
    void theHostIsTheAuthorityAndTheFirstUpgradeProtocolTheProtocol() {
        assertEquals(List.of(new HeaderField(":method", "CONNECT"), new HeaderField(":scheme", "https"),
                        new HeaderField(":authority", "example.com"), new HeaderField(":path", "/chat?room=1"),
                        new HeaderField(":protocol", "websocket"), new HeaderField("sec-websocket-version", "13")),
                ServerRequestFields.extendedConnect(upgrade("/chat?room=1", "websocket, h2c"), "https"));
    }

    @Test
    void anAbsoluteTargetGivesTheSchemeAndTheHostStillTheAuthority() {
        List<HeaderField> fields = ServerRequestFields.extendedConnect(
                upgrade("http://other.example/ws", "websocket"), "https");
        assertEquals(List.of(new HeaderField(":method", "CONNECT"), new HeaderField(":scheme", "http"),
                new HeaderField(":authority", "example.com"), new HeaderField(":path", "/ws"),
                new HeaderField(":protocol", "websocket"), new HeaderField("sec-websocket-version", "13")), fields);
    }

    @Test
    void aKeyShuttleMadeUpForAnHttp2ClientIsNotSentButTheClientsOwnIs() {
        RequestHead made = upgrade("/", "websocket");
        made.headers().add("sec-websocket-key", "AAAAAAAAAAAAAAAAAAAAAA==");
        made.markGeneratedWebSocketKey("AAAAAAAAAAAAAAAAAAAAAA==");
        assertEquals(List.of(), ServerRequestFields.extendedConnect(made, "https").stream()
                .filter(field -> field.name().equals("sec-websocket-key")).toList());
        RequestHead own = upgrade("/", "websocket");
        own.headers().add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        assertEquals(List.of(new HeaderField("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")),
                ServerRequestFields.extendedConnect(own, "https").stream()
                        .filter(field -> field.name().equals("sec-websocket-key")).toList());
    }
}
