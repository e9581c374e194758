package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.HttpCheckRequest;
import dev.shuttle.config.HttpCheckRequest.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request bytes, compared with what HAProxy 3.5 sent for the same configuration lines. */
class HttpCheckRequestWriterTest {
    private static String write(HttpCheckRequest request, Optional<String> state) {
        return new String(HttpCheckRequestWriter.write(request, state), StandardCharsets.UTF_8);
    }

    @Test
    void bareOptionHttpchkSendsOptionsSlashHttp10() {
        assertEquals("OPTIONS / HTTP/1.0\r\n\r\n", write(HttpCheckRequest.DEFAULT, Optional.empty()));
    }

    @Test
    void http11GetsTheHostOfTheOptionTheStateHeaderAndConnectionClose() {
        // option httpchk GET /health HTTP/1.1 www.example.com + http-check send-state
        HttpCheckRequest request = new HttpCheckRequest("GET", "/health", "HTTP/1.1", Optional.of("www.example.com"),
                List.of(), "");
        assertEquals("GET /health HTTP/1.1\r\nhost: www.example.com\r\nx-haproxy-server-state: UP; name=b/s\r\n"
                + "connection: close\r\n\r\n", write(request, Optional.of("UP; name=b/s")));
    }

    @Test
    void sendHeadersAndBodyGetLowerCaseNamesAndAContentLength() {
        // option httpchk HEAD /x + http-check send hdr X-A foo hdr Host h.example body "hello"
        HttpCheckRequest request = new HttpCheckRequest("HEAD", "/x", "HTTP/1.0", Optional.empty(),
                List.of(new Header("X-A", "foo"), new Header("Host", "h.example")), "hello");
        assertEquals("HEAD /x HTTP/1.0\r\nx-a: foo\r\nhost: h.example\r\ncontent-length: 5\r\n\r\nhello",
                write(request, Optional.empty()));
    }

    @Test
    void aBodyOnHttp11ComesWithItsLengthBeforeConnectionClose() {
        HttpCheckRequest request = new HttpCheckRequest("GET", "/six", "HTTP/1.1", Optional.empty(),
                List.of(new Header("X-B", "bar")), "{}");
        assertEquals("GET /six HTTP/1.1\r\nx-b: bar\r\nx-haproxy-server-state: UP 0/3\r\ncontent-length: 2\r\n"
                + "connection: close\r\n\r\n{}", write(request, Optional.of("UP 0/3")));
    }
}
