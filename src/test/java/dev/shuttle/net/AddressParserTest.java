package dev.shuttle.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.net.Address.Family;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Address syntax of bind and server lines; error texts as printed by haproxy 2.6 {@code -c}. */
class AddressParserTest {

    private static Address bindOne(String text) throws AddressException {
        List<Address> all = AddressParser.parseBind(text);
        assertEquals(1, all.size(), "addresses in " + text);
        return all.get(0);
    }

    private static String bindError(String text) {
        return assertThrows(AddressException.class, () -> AddressParser.parseBind(text)).getMessage();
    }

    private static String serverError(String text) {
        return assertThrows(AddressException.class, () -> AddressParser.parseServer(text)).getMessage();
    }

    @Test
    void bindIpv4AndWildcards() throws Exception {
        assertEquals(new Address.Inet("127.0.0.1", 8080, Family.ANY), bindOne("127.0.0.1:8080"));
        assertEquals(new Address.Inet("", 80, Family.ANY), bindOne(":80"));
        assertEquals(new Address.Inet("", 80, Family.ANY), bindOne("*:80"));
        assertEquals(new Address.Inet("0.0.0.0", 80, Family.ANY), bindOne("0.0.0.0:80"));
        assertEquals(new Address.Inet("localhost", 80, Family.ANY), bindOne("localhost:80"));
    }

    @Test
    void bindIpv6TakesThePortAfterTheLastColon() throws Exception {
        assertEquals(new Address.Inet("::1", 80, Family.ANY), bindOne("[::1]:80"));
        assertEquals(new Address.Inet("::1", 80, Family.ANY), bindOne("::1:80"));
        assertEquals(new Address.Inet("::", 80, Family.ANY), bindOne(":::80"));
        assertEquals(new Address.Inet("::1", 80, 81, Family.ANY, false), bindOne("[::1]:80-81"));
    }

    @Test
    void familyPrefixes() throws Exception {
        assertEquals(new Address.Inet("", 80, Family.IPV4), bindOne("ipv4@:80"));
        assertEquals(new Address.Inet("", 80, Family.IPV6), bindOne("ipv6@:80"));
        assertEquals(new Address.Inet("::1", 80, Family.IPV6), bindOne("tcp6@::1:80"));
        assertEquals(new Address.Inet("127.0.0.1", 80, Family.IPV4), bindOne("stream+ipv4@127.0.0.1:80"));
        assertEquals(new Address.Inet("", 80, Family.ANY), bindOne("ip@:80"));
        assertEquals(new Address.UnixPath(Path.of("/run/x.sock")), bindOne("/run/x.sock"));
        assertEquals(new Address.UnixPath(Path.of("rel.sock")), bindOne("unix@rel.sock"));
        assertEquals(new Address.UnixPath(Path.of("/tmp/s")), bindOne("uxst@/tmp/s"));
        assertEquals(new Address.AbstractName("foo", false), bindOne("abns@foo"));
        assertEquals(new Address.AbstractName("foo", true), bindOne("abnsz@foo"));
        assertEquals(new Address.InheritedFd(7), bindOne("fd@7"));
    }

    @Test
    void commaSeparatedListWithRanges() throws Exception {
        assertEquals(List.of(
                        new Address.Inet("", 80, Family.ANY),
                        new Address.Inet("", 8000, 8010, Family.ANY, false),
                        new Address.UnixPath(Path.of("/tmp/a"))),
                AddressParser.parseBind(":80,:8000-8010,/tmp/a,"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.2.3.4.5:80       | invalid address: '1.2.3.4.5' in '1.2.3.4.5:80'",
        "1.2.3.4:80:90      | invalid address: '1.2.3.4:80' in '1.2.3.4:80:90'",
        "[::1:80            | invalid address: '[::1' in '[::1:80'",
        "ipv6@1.2.3.4:80    | invalid address: '1.2.3.4' in 'ipv6@1.2.3.4:80'",
        "ipv4@::1:80        | invalid address: '::1' in 'ipv4@::1:80'",
        "foo@1.2.3.4:80     | invalid address: 'foo@1.2.3.4' in 'foo@1.2.3.4:80'",
        "nonexistent.invalid:80 | invalid address: 'nonexistent.invalid' in 'nonexistent.invalid:80'",
        "1.2.3.4            | missing port specification in '1.2.3.4'",
        "*                  | missing port specification in '*'",
        ":                  | missing port specification in ':'",
        "[::1]              | missing port specification in '[::1]'",
        "./x.sock           | missing port specification in './x.sock'",
        ":0                 | invalid port '0'",
        ":70000             | invalid port '70000'",
        ":65536             | invalid port '65536'",
        ":0-5               | invalid port '0'",
        ":80-               | invalid port ''",
        ":90-80             | invalid port range '90-80'",
        ":abc               | invalid character 'a' in port number 'abc' in ':abc'",
        ":-80               | port offset not permitted here in ':-80'",
        ":+1                | port offset not permitted here in ':+1'",
        "fd@abc             | file descriptor 'abc' is not a valid integer in 'fd@abc'",
        "fd@                | file descriptor '' is not a valid integer in 'fd@'",
        "fd@-1              | file descriptor '-1' is not a valid integer in 'fd@-1'",
        "udp@:80            | dgram-type address not acceptable in 'udp@:80'",
        "uxdg@/tmp/x        | dgram-type address not acceptable in 'uxdg@/tmp/x'",
        "dgram+ipv4@:80     | dgram-type address not acceptable in 'dgram+ipv4@:80'",
        "quic4@:443         | Shuttle does not support 'quic4@' addresses (yet) in 'quic4@:443'",
        "sockpair@3         | Shuttle does not support 'sockpair@' addresses (yet) in 'sockpair@3'",
    })
    void bindErrors(String text, String message) {
        assertEquals(message, bindError(text));
    }

    @Test
    void tooLongPaths() {
        String name = "a".repeat(AddressParser.MAX_ABSTRACT_NAME + 1);
        assertEquals("socket path 'abns@" + name + "' too long (max 107)", bindError("abns@" + name));
        String path = "/" + "a".repeat(AddressParser.MAX_UNIX_PATH);
        assertEquals("socket path 'unix@" + path + "' too long (max 97)", bindError("unix@" + path));
    }

    @Test
    void emptyBindArgument() {
        assertTrue(bindError("").startsWith("expects {<path>|[addr1]:port1[-end1]}"));
    }

    @Test
    void serverPorts() throws Exception {
        assertEquals(new Address.Inet("1.2.3.4", 80, Family.ANY), AddressParser.parseServer("1.2.3.4:80"));
        Address.Inet none = (Address.Inet) AddressParser.parseServer("1.2.3.4");
        assertTrue(none.hasNoPort());
        assertEquals(new Address.Inet("1.2.3.4", 0, Family.ANY), AddressParser.parseServer("1.2.3.4:"));
        assertEquals(new Address.Inet("1.2.3.4", 0, Family.ANY), AddressParser.parseServer("1.2.3.4:0"));
        assertEquals(new Address.Inet("1.2.3.4", 1, 1, Family.ANY, true), AddressParser.parseServer("1.2.3.4:+1"));
        assertEquals(new Address.Inet("1.2.3.4", -10, -10, Family.ANY, true), AddressParser.parseServer("1.2.3.4:-10"));
        assertEquals(new Address.Inet("::1", 0, Family.ANY), AddressParser.parseServer("[::1]"));
        assertEquals(new Address.Inet("", 0, Family.IPV4), AddressParser.parseServer("ipv4@"));
        assertEquals(new Address.Inet("", 80, Family.ANY), AddressParser.parseServer("*:80"));
        assertEquals(new Address.Inet("localhost", 8080, Family.ANY), AddressParser.parseServer("localhost:8080"));
        assertEquals(new Address.AbstractName("x", true), AddressParser.parseServer("abnsz@x"));
        assertEquals(new Address.UnixPath(Path.of("/tmp/x.sock")), AddressParser.parseServer("/tmp/x.sock"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.2.3.4:80-90          | port range not permitted here in '1.2.3.4:80-90'",
        "1.2.3.4:65535-65535    | port range not permitted here in '1.2.3.4:65535-65535'",
        "1.2.3.4:70000          | invalid port '70000'",
        "1.2.3.4:abc            | invalid character 'a' in port number 'abc' in '1.2.3.4:abc'",
        "nonexistent.invalid:80 | could not resolve address 'nonexistent.invalid'.",
        "1.2.3.4.5:80           | could not resolve address '1.2.3.4.5'.",
        "::1                    | could not resolve address ':'.",
        "2001:db8::1            | could not resolve address '2001:db8:'.",
        "fd@3                   | a file descriptor is not acceptable here in 'fd@3'",
        "udp@1.2.3.4:80         | dgram-type address not acceptable in 'udp@1.2.3.4:80'",
        "sockpair@3             | Shuttle does not support 'sockpair@' addresses (yet) in 'sockpair@3'",
    })
    void serverErrors(String text, String message) {
        assertEquals(message, serverError(text));
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1:8080", ":80", "[::1]:80", "ipv4@:80", "ipv6@[::]:8000-8010",
        "/tmp/x.sock", "unix@rel.sock", "abns@foo", "abnsz@foo", "fd@3",
    })
    void bindAddressesPrintBackAsWritten(String text) throws Exception {
        Address address = bindOne(text);
        assertEquals(text, address.toString());
        assertEquals(address, bindOne(address.toString()));
    }

    @ParameterizedTest
    @CsvSource({"1.2.3.4", "1.2.3.4:+1", "1.2.3.4:-1", "[::1]", "[::1]:443"})
    void serverAddressesPrintBackAsWritten(String text) throws Exception {
        assertEquals(text, AddressParser.parseServer(text).toString());
    }
}
