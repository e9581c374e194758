package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.BalanceParameters;
import dev.shuttle.config.HashType;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.lb.KeyHash;
import dev.shuttle.lb.LoadBalancer;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each hashing algorithm takes from a request (HAProxy's backend.c, get_server_*()). */
class BalanceKeyTest {
    private static final HashType SDBM = HashType.DEFAULT;

    private static long hashOf(String key) {
        return KeyHash.of(SDBM, key.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static BalanceParameters uri(int length, int depth, boolean whole, boolean pathOnly) {
        return new BalanceParameters("", length, depth, whole, pathOnly, false, false, 2, Optional.empty(), SDBM, 0, true);
    }

    private static BalanceParameters named(String name, boolean domainOnly) {
        return new BalanceParameters(name, 0, 0, false, false, domainOnly, false, 2, Optional.empty(), SDBM, 0, true);
    }

    @Test
    void uriStopsAtTheQueryUnlessWhole() {
        assertEquals(hashOf("/a/b"), BalanceKey.uri("/a/b?x=1", uri(0, 0, false, false)));
        assertEquals(hashOf("/a/b?x=1"), BalanceKey.uri("/a/b?x=1", uri(0, 0, true, false)));
    }

    @Test
    void uriLengthAndDepth() {
        assertEquals(hashOf("/abc"), BalanceKey.uri("/abcdef", uri(4, 0, false, false)));
        assertEquals(hashOf("/a/b"), BalanceKey.uri("/a/b/c/d", uri(0, 2, false, false)), "two directories");
        assertEquals(hashOf("/a/b/c"), BalanceKey.uri("/a/b/c/d", uri(6, 3, false, false)), "len applies first");
    }

    @Test
    void uriPathOnlyDropsSchemeAndAuthority() {
        assertEquals(hashOf("/p/q"), BalanceKey.uri("http://example.org/p/q?x", uri(0, 0, false, true)));
        assertEquals(hashOf("/p/q?x"), BalanceKey.uri("http://example.org/p/q?x", uri(0, 0, true, true)));
        assertEquals(hashOf(""), BalanceKey.uri("http://example.org", uri(0, 0, false, true)));
        assertEquals(hashOf("http://example.org/p"), BalanceKey.uri("http://example.org/p", uri(0, 0, false, false)));
    }

    private static SampleContext context(RequestHead request, byte[] body) {
        SampleContext context = new SampleContext(null, new InetSocketAddress("192.0.2.1", 1234),
                new InetSocketAddress("192.0.2.2", 80), "test", VariableStore.shared());
        context.beginExchange(request);
        if (body != null) {
            context.requestBody(body);
        }
        return context;
    }

    private static RequestHead request(String method, String target) {
        return new RequestHead(method, target, HttpVersion.HTTP_1_1, new HeaderList());
    }

    @Test
    void urlParameterTakesTheFirstOfThatName() {
        RequestHead get = request("GET", "/s?ida=1&id=42&id=43");
        assertEquals(hashOf("42"), BalanceKey.urlParameter(get, context(get, null), named("id", false)));
        RequestHead none = request("GET", "/s?x=1&Id=42");
        assertEquals(LoadBalancer.NO_KEY, BalanceKey.urlParameter(none, context(none, null), named("id", false)),
                "the name's case counts");
        RequestHead empty = request("GET", "/s?id=");
        assertEquals(hashOf(""), BalanceKey.urlParameter(empty, context(empty, null), named("id", false)));
    }

    @Test
    void urlParameterOfABufferedPostBody() {
        RequestHead post = request("POST", "/form");
        byte[] body = "a=1&id=abc&b=2".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(hashOf("abc"), BalanceKey.urlParameter(post, context(post, body), named("id", false)));
        byte[] binary = "id=ab\u0001c".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(LoadBalancer.NO_KEY, BalanceKey.urlParameter(post, context(post, binary), named("id", false)),
                "not URL-encoded: no parameter");
        byte[] line = "id=abc\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(hashOf("abc"), BalanceKey.urlParameter(post, context(post, line), named("id", false)));
        assertEquals(LoadBalancer.NO_KEY, BalanceKey.urlParameter(post, context(post, null), named("id", false)),
                "a body not buffered is not read");
        RequestHead put = request("PUT", "/form");
        assertEquals(LoadBalancer.NO_KEY, BalanceKey.urlParameter(put, context(put, body), named("id", false)));
    }

    @Test
    void headerTakesTheFirstValue() {
        HeaderList headers = new HeaderList();
        headers.add("X-Key", " first , second");
        headers.add("x-key", "third");
        assertEquals(hashOf("first"), BalanceKey.header(headers, named("x-key", false)));
        assertEquals(LoadBalancer.NO_KEY, BalanceKey.header(headers, named("x-other", false)));
        HeaderList empty = new HeaderList();
        empty.add("x-key", "");
        assertEquals(LoadBalancer.NO_KEY, BalanceKey.header(empty, named("x-key", false)), "empty: no key");
    }

    @Test
    void useDomainOnlyHashesTheLabelBeforeTheTopLevelDomain() {
        HeaderList headers = new HeaderList();
        headers.add("host", "www.example.com");
        assertEquals(hashOf("example"), BalanceKey.header(headers, named("host", true)));
        HeaderList deep = new HeaderList();
        deep.add("host", "a.b.example.co");
        assertEquals(hashOf("example"), BalanceKey.header(deep, named("host", true)));
        HeaderList bare = new HeaderList();
        bare.add("host", "localhost");
        assertEquals(hashOf("localhost"), BalanceKey.header(bare, named("host", true)), "no dot: all of it");
    }

    @Test
    void sourceXorsTheAddressWords() {
        assertEquals(0xc0000201L, BalanceKey.source(new InetSocketAddress("192.0.2.1", 1), SDBM));
        assertEquals(KeyHash.avalanche(0xc0000201L), BalanceKey.source(new InetSocketAddress("192.0.2.1", 1),
                new HashType(true, HashType.Function.SDBM, true)));
        // 2001:0db8:0000:0000:0000:0000:0000:0007: 0x20010db8 ^ 0 ^ 0 ^ 7
        assertEquals(0x20010dbfL, BalanceKey.source(new InetSocketAddress("2001:db8::7", 1), SDBM));
    }
}
