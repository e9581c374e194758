package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.ForwardedOption;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The elements HAProxy 3.5 wrote for the same options (rules difftest fwd-*, and by hand for IPv6). */
class ForwardedHeaderTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.7", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("::1", 8080);

    private static RequestHead request(String... fields) {
        HeaderList headers = new HeaderList();
        headers.add("Host", "example.com");
        for (int i = 0; i < fields.length; i += 2) {
            headers.add(fields[i], fields[i + 1]);
        }
        return new RequestHead("GET", "/", HttpVersion.HTTP_1_1, headers);
    }

    private static ForwardedOption option(boolean proto, boolean host, boolean by, boolean byPort, boolean forNode,
                                          boolean forPort) {
        Optional<ForwardedOption.Source> yes = Optional.of(ForwardedOption.IMPLICIT);
        return new ForwardedOption(proto, host ? yes : Optional.empty(), by ? yes : Optional.empty(),
                byPort ? yes : Optional.empty(), forNode ? yes : Optional.empty(), forPort ? yes : Optional.empty());
    }

    @Test
    void defaultIsProtoAndFor() {
        assertEquals("proto=http;for=192.0.2.7", ForwardedHeader.element(ForwardedOption.DEFAULT, request(), CLIENT,
                LOCAL, false, null));
        assertEquals("proto=https;for=192.0.2.7", ForwardedHeader.element(ForwardedOption.DEFAULT, request(), CLIENT,
                LOCAL, true, null));
    }

    @Test
    void everyParameterInOrderWithQuotesWhereNeeded() {
        assertEquals("proto=http;host=\"example.com\";by=\"[::1]:8080\";for=\"192.0.2.7:40000\"",
                ForwardedHeader.element(option(true, true, true, true, true, true), request(), CLIENT, LOCAL, false, null));
        assertEquals("by=\"[::1]\"", ForwardedHeader.element(option(false, false, true, false, false, false), request(),
                CLIENT, LOCAL, false, null));
    }

    @Test
    void aPortAloneIsIgnored() {
        assertEquals("", ForwardedHeader.element(option(false, false, false, true, false, true), request(), CLIENT,
                LOCAL, false, null));
    }

    @Test
    void appendsToTheLastWellFormedField() {
        RequestHead head = request("Forwarded", "for=1.2.3.4", "X-B", "1", "Forwarded", "for=_x");
        ForwardedHeader.add(ForwardedOption.DEFAULT, head, CLIENT, LOCAL, false, null);
        assertEquals("for=_x,proto=http;for=192.0.2.7", head.headers().all("Forwarded").get(1));
        assertEquals(2, head.headers().count("Forwarded"));
    }

    @Test
    void startsItsOwnFieldAfterAMalformedOne() {
        RequestHead head = request("Forwarded", "secret=x");
        ForwardedHeader.add(ForwardedOption.DEFAULT, head, CLIENT, LOCAL, false, null);
        assertEquals("secret=x", head.headers().all("Forwarded").get(0));
        assertEquals("proto=http;for=192.0.2.7", head.headers().all("Forwarded").get(1));
    }
}
