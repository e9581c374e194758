package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * The {@code rfc7239_*} converters (configuration.txt §7.3.1): the manual's examples, and odd
 * input answered as HAProxy 3.5-dev5 answers it (difftest case conv-rfc7239-*).
 */
class Rfc7239ConvertersTest {
    private final SampleConvertersTest.Harness h = new SampleConvertersTest.Harness(Rfc7239Converters::register,
            StringConverters::register);

    private String valid(String header) {
        return h.text("rfc7239_is_valid", Sample.str(header));
    }

    @Test
    void isValidFollowsTheManualsExamples() {
        assertEquals("1", valid("for=127.0.0.1;proto=http"));
        assertEquals("0", valid("proto=custom"));
        assertEquals("1", valid("for=\"[::1]:_8888\";host=\"haproxy.org\";proto=http"));
    }

    @Test
    void isValidRefusesWhatHaproxyDoesNotTrust() {
        assertEquals("0", valid(""));
        assertEquals("0", valid("for=1.2.3.4:80"), "a port only when quoted");
        assertEquals("0", valid("for=[::1]"), "an IPv6 address only when quoted");
        assertEquals("0", valid("for=1.2.3.4;for=5.6.7.8"), "each parameter once");
        assertEquals("0", valid("For=1.2.3.4"), "names in lower case");
        assertEquals("0", valid("for=1.2.3.4, for=5.6.7.8"), "one element");
        assertEquals("0", valid("host=\"my-host\""), "HAProxy's host is letters, digits and dots");
        assertEquals("0", valid("for=\"1.2.3.4:0\""), "port 0");
        assertEquals("0", valid("for=\"1.2.3.4:65536\""));
        assertEquals("0", valid("for=01.2.3.4"), "inet_pton refuses leading zeros");
        assertEquals("0", valid("proto=\"http\""), "proto is never quoted");
        assertEquals("1", valid("for=unknown;by=_hidden"));
        assertEquals("1", valid("host=example.com"));
        assertEquals("0", valid("host=example.com:80"), "a host's port only when quoted");
        assertEquals("1", valid("for=_a;by=_b;host=h;proto=https;anything"), "nothing is read after the four");
    }

    @Test
    void fieldExtractsOneParameterUnquoted() {
        assertEquals("haproxy.org:80", h.text("rfc7239_field", Sample.str("proto=https;host=\"haproxy.org:80\""),
                "host"));
        assertEquals("127.0.0.1:9999", h.text("rfc7239_field",
                Sample.str("proto=https;host=\"haproxy.org:80\";for=\"127.0.0.1:9999\""), "for"));
        assertEquals("https", h.text("rfc7239_field", Sample.str("proto=https;for=1.2.3.4"), "proto"));
        assertEquals("[::1]:8080", h.text("rfc7239_field", Sample.str("by=\"[::1]:8080\""), "by"));
        assertEquals("<none>", h.text("rfc7239_field", Sample.str("proto=https"), "host"));
        assertEquals("<none>", h.text("rfc7239_field", Sample.str("proto=custom;host=a"), "host"));
        assertEquals("<none>", h.text("rfc7239_field", Sample.str("proto=https"), "other"));
    }

    @Test
    void nodeNameAndPortAreTyped() throws Exception {
        assertEquals(Sample.address(InetAddress.getByName("127.0.0.1")),
                h.run("rfc7239_n2nn", Sample.str("127.0.0.1:9999")).orElseThrow());
        Sample six = h.run("rfc7239_n2nn", Sample.str("[ab:cd:ff:ff:ff:ff:ff:ff]:9998")).orElseThrow();
        assertEquals(SampleType.IPV6, six.type());
        assertEquals("ab:cd:ff:ff:ff:ff:ff:ff", six.toText());
        assertEquals("_name", h.text("rfc7239_n2nn", Sample.str("_name:_port")));
        assertEquals("unknown", h.text("rfc7239_n2nn", Sample.str("unknown")));
        assertEquals("<none>", h.text("rfc7239_n2nn", Sample.str("host.example")));
        assertEquals(Sample.sint(9999), h.run("rfc7239_n2np", Sample.str("127.0.0.1:9999")).orElseThrow());
        assertEquals(Sample.sint(9998), h.run("rfc7239_n2np", Sample.str("[ab:cd:ff:ff:ff:ff:ff:ff]:9998"))
                .orElseThrow());
        assertEquals("_port", h.text("rfc7239_n2np", Sample.str("_name:_port")));
        assertEquals("<none>", h.text("rfc7239_n2np", Sample.str("127.0.0.1")), "no port");
    }

    @Test
    void nodeNameAndPortAreWritten() throws Exception {
        assertEquals("[ab:cd:ff:ff:ff:ff:ff:ff]", h.text("rfc7239_nn",
                Sample.address(InetAddress.getByName("ab:cd:ff:ff:ff:ff:ff:ff"))));
        assertEquals("[::1]", h.text("rfc7239_nn", Sample.address(InetAddress.getByName("::1"))));
        assertEquals("10.0.0.1", h.text("rfc7239_nn", Sample.address(InetAddress.getByName("10.0.0.1"))));
        assertEquals("_test", h.text("rfc7239_nn", Sample.str("test")));
        assertEquals("unknown", h.text("rfc7239_nn", Sample.str("")));
        assertEquals("<none>", h.text("rfc7239_nn", Sample.str("a b")));
        assertEquals("12", h.text("rfc7239_np", Sample.sint(12)));
        assertEquals("_test", h.text("rfc7239_np", Sample.str("test")));
        assertEquals("_8888", h.text("rfc7239_np", Sample.str("8888")));
        assertEquals("<none>", h.text("rfc7239_np", Sample.str("")));
        assertEquals("4294967295", h.text("rfc7239_np", Sample.sint(-1)), "printed as an unsigned 32-bit number");
    }
}
