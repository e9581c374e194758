package dev.shuttle.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shuttle.hpack.HeaderField;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Responses in (RFC 9113 §8.3.2), and neutral heads out as header blocks (§8.3). */
class ResponseAndHeadFieldsTest {
    @Test
    void aResponseGetsItsUsualReason() throws H2Exception {
        H2Response response = ResponseFields.toResponse(1, List.of(new HeaderField(":status", "404"),
                new HeaderField("content-length", "9"), new HeaderField("server", "origin")));
        assertEquals(404, response.head().status());
        assertEquals("Not Found", response.head().reason());
        assertEquals(HttpVersion.HTTP_2, response.head().version());
        assertEquals(9, response.contentLength());
        assertEquals("origin", response.head().headers().first("server"));
    }

    @Test
    void badResponsesAreStreamErrors() {
        for (List<HeaderField> fields : List.of(
                List.of(new HeaderField("server", "x")),
                List.of(new HeaderField(":status", "20")),
                List.of(new HeaderField(":status", "abc")),
                List.of(new HeaderField(":status", "200"), new HeaderField(":status", "200")),
                List.of(new HeaderField(":status", "200"), new HeaderField(":path", "/")),
                List.of(new HeaderField("server", "x"), new HeaderField(":status", "200")),
                List.of(new HeaderField(":status", "200"), new HeaderField("transfer-encoding", "chunked")),
                List.of(new HeaderField(":status", "200"), new HeaderField("Server", "x")))) {
            H2Exception error = assertThrows(H2Exception.class, () -> ResponseFields.toResponse(5, fields),
                    fields.toString());
            assertEquals(5, error.streamId());
        }
    }

    @Test
    void anOriginFormRequestKeepsItsHostField() {
        HeaderList headers = new HeaderList();
        headers.add("Host", "example.com");
        headers.add("Connection", "keep-alive");
        headers.add("TE", "gzip, trailers;q=1");
        headers.add("X-Trace", "1");
        List<HeaderField> fields = HeadFields.ofRequest(
                new RequestHead("GET", "/index.html", HttpVersion.HTTP_1_1, headers), "http");
        assertEquals(List.of(new HeaderField(":method", "GET"), new HeaderField(":scheme", "http"),
                new HeaderField(":path", "/index.html"), new HeaderField("host", "example.com"),
                new HeaderField("te", "trailers"), new HeaderField("x-trace", "1")), fields);
    }

    @Test
    void anAbsoluteTargetGivesTheAuthorityAndDropsHost() {
        HeaderList headers = new HeaderList();
        headers.add("host", "example.com");
        headers.add("te", "gzip");
        List<HeaderField> fields = HeadFields.ofRequest(
                new RequestHead("OPTIONS", "https://user@example.com:8443", HttpVersion.HTTP_1_1, headers), "http");
        assertEquals(List.of(new HeaderField(":method", "OPTIONS"), new HeaderField(":scheme", "https"),
                new HeaderField(":authority", "example.com:8443"), new HeaderField(":path", "*")), fields);
    }

    @Test
    void connectSendsItsAuthorityOnly() {
        List<HeaderField> fields = HeadFields.ofRequest(
                new RequestHead("CONNECT", "db.example:5432", HttpVersion.HTTP_1_1, new HeaderList()), "http");
        assertEquals(List.of(new HeaderField(":method", "CONNECT"), new HeaderField(":authority", "db.example:5432")),
                fields);
    }

    @Test
    void aRequestSurvivesTheRoundTrip() throws H2Exception {
        HeaderList headers = new HeaderList();
        headers.add("host", "example.com");
        headers.add("accept", "*/*");
        RequestHead head = new RequestHead("GET", "https://example.com/x", HttpVersion.HTTP_2, headers);
        H2Request back = RequestFields.toRequest(1, HeadFields.ofRequest(head, "http"), false);
        assertEquals("https://example.com/x", back.head().target());
        assertEquals(List.of("example.com"), back.head().headers().all("host"));
        assertEquals("*/*", back.head().headers().first("accept"));
    }

    @Test
    void aResponseLeavesWithoutConnectionFields() {
        HeaderList headers = new HeaderList();
        headers.add("Content-Type", "text/plain");
        headers.add("Connection", "close");
        headers.add("Transfer-Encoding", "chunked");
        List<HeaderField> fields = HeadFields.ofResponse(new ResponseHead(HttpVersion.HTTP_1_1, 200, "OK", headers));
        assertEquals(List.of(new HeaderField(":status", "200"), new HeaderField("content-type", "text/plain")), fields);
    }
}
