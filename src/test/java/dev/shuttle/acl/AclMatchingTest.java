package dev.shuttle.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.pattern.AclException;
import dev.shuttle.sample.Sample;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every match method, with and without -i, from values and from files (configuration.txt §7.1). */
class AclMatchingTest {
    @TempDir
    java.nio.file.Path directory;
    AclFixture acls;

    @BeforeEach
    void setUp() {
        acls = new AclFixture(directory);
    }

    @Test
    void exactStringsAreCaseSensitiveUnlessIgnoreCase() throws AclException {
        acls.set("path", "/Admin");
        assertFalse(acls.matches("path /admin"));
        assertTrue(acls.matches("path /x /Admin"));
        assertTrue(acls.matches("path -i /admin"));
        assertFalse(acls.matches("path -i /admi"));
    }

    @Test
    void ignoreCaseFoldsAsciiOnlyAsHaproxyDoes() throws AclException {
        acls.set("path", "/\u00c9T\u00c9");
        assertTrue(acls.matches("path -i /\u00c9t\u00c9"));
        assertFalse(acls.matches("path -i /\u00e9t\u00e9"));
    }

    @Test
    void prefixSuffixSubstring() throws AclException {
        acls.set("path", "/static/img/Logo.PNG");
        assertTrue(acls.matches("path_beg /api /static"));
        assertFalse(acls.matches("path_beg /STATIC"));
        assertTrue(acls.matches("path_beg -i /STATIC"));
        assertTrue(acls.matches("path_end .gif .PNG"));
        assertTrue(acls.matches("path_end -i .png"));
        assertFalse(acls.matches("path_end .png"));
        assertTrue(acls.matches("path_sub img/"));
        assertTrue(acls.matches("path -m sub -i LOGO"));
        assertFalse(acls.matches("path -m sub logo"));
    }

    /** configuration.txt §7.1.3, and haproxy 2.6 which also matches "png" (the manual says it does not). */
    @Test
    void subdirMatchesSlashDelimitedRuns() throws AclException {
        acls.set("path", "/images/png/logo/32x32.png");
        for (String yes : List.of("/images", "/images/png", "images/png", "/png/logo", "logo/32x32.png", "32x32.png", "png")) {
            assertTrue(acls.matches("path_dir " + yes), yes);
        }
        for (String no : List.of("32x32", "image", "ogo", "/png/lo")) {
            assertFalse(acls.matches("path_dir " + no), no);
        }
        assertTrue(acls.matches("path_dir -i /IMAGES"));
    }

    /**
     * The manual's example of §7.1.3. It also lists "dc-eu.example:80" as matching, which is not a
     * run of that URL; haproxy 2.6 does not match it either (checked with map_dom).
     */
    @Test
    void domainMatchesDotDelimitedRuns() throws AclException {
        acls.set("url", "http://www1.dc-eu.example.com:80/blah");
        for (String yes : List.of("http", "www1", ".www1", "dc-eu", "example", "com", "80", "dc-eu.example", "blah",
                ":www1:", "example.com:80")) {
            assertTrue(acls.matches("url_dom " + yes), yes);
        }
        assertFalse(acls.matches("url_dom eu"));
        assertFalse(acls.matches("url_dom dc"));
        assertFalse(acls.matches("url_dom dc-eu.example:80"));
        assertTrue(acls.matches("url_dom -i EXAMPLE.COM"));
    }

    @Test
    void regexFindsAnywhereAndHonoursIgnoreCase() throws AclException {
        acls.set("path", "/api/v2/Users");
        assertTrue(acls.matches("path_reg v[0-9]+/"));
        assertTrue(acls.matches("path_reg ^/api"));
        assertFalse(acls.matches("path_reg ^/users"));
        assertTrue(acls.matches("path -m reg -i /USERS$"));
        assertFalse(acls.matches("path -m reg /USERS$"));
    }

    @Test
    void lengthMatchesAsAnInteger() throws AclException {
        acls.set("path", "/abcd");
        assertTrue(acls.matches("path_len 5"));
        assertTrue(acls.matches("path_len gt 4"));
        assertFalse(acls.matches("path_len lt 5"));
        assertTrue(acls.matches("path -m len 1:10"));
    }

    @Test
    void integersRangesAndOperators() throws AclException {
        acls.set("dst_port", Sample.sint(8080));
        assertTrue(acls.matches("dst_port 80 8080"));
        assertTrue(acls.matches("dst_port 1024:65535"));
        assertTrue(acls.matches("dst_port 1024:"));
        assertFalse(acls.matches("dst_port :1023"));
        assertTrue(acls.matches("dst_port ge 8080"));
        assertFalse(acls.matches("dst_port gt 8080"));
        assertTrue(acls.matches("dst_port le 8080"));
        assertFalse(acls.matches("dst_port lt 8080"));
        assertTrue(acls.matches("dst_port eq 8080"));
        assertTrue(acls.matches("dst_port lt 10 gt 8000"), "an operator applies to the values after it");
        acls.set("dst_port", Sample.sint(-3));
        assertTrue(acls.matches("dst_port -- -3"));
        assertTrue(acls.matches("dst_port lt 0"));
        assertTrue(acls.matches("dst_port :3"));
    }

    @Test
    void integerMatchCastsBooleansAndText() throws AclException {
        acls.set("path", "42");
        assertTrue(acls.matches("path -m int 42"));
        assertTrue(acls.matches("always_true -m int 1"));
        assertFalse(acls.matches("always_false -m int 1"));
    }

    @Test
    void ipv4NetworksInEveryWritingOfTheManual() throws AclException {
        acls.set("src", AclFixture.address("192.168.0.1"));
        assertTrue(acls.matches("src 192.168.0.1"));
        assertTrue(acls.matches("src 192.168.1"), "short form: 192.168.1 is 192.168.0.1");
        assertTrue(acls.matches("src 192.168.0.1/22"));
        assertTrue(acls.matches("src 10.0.0.0/8 192.168.0.0/255.255.0.0"));
        assertTrue(acls.matches("src 192.0.0.1/255.0.0.255"), "a mask with holes");
        assertFalse(acls.matches("src 192.168.1.0/24"));
        acls.set("src", AclFixture.address("127.0.0.1"));
        assertTrue(acls.matches("src 127.1"));
        assertTrue(acls.matches("src 127.1/8"));
    }

    @Test
    void ipv6NetworksAndTheMixOfFamilies() throws AclException {
        acls.set("src", AclFixture.address("2001:db8::1"));
        assertTrue(acls.matches("src 2001:db8::/32"));
        assertFalse(acls.matches("src 2001:db9::/32"));
        assertFalse(acls.matches("src 10.0.0.0/8"));
        // An IPv4 candidate matches an IPv6 pattern as ::ffff:a.b.c.d.
        acls.set("src", AclFixture.address("10.1.2.3"));
        assertTrue(acls.matches("src ::ffff:10.1.0.0/112"));
        // An IPv6 candidate embedding an IPv4 address matches IPv4 patterns (mapped, compatible, 6to4).
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 2, 3};
        acls.set("src", Sample.addressOf(mapped));
        assertTrue(acls.matches("src 10.0.0.0/8"));
        byte[] sixToFour = {0x20, 0x02, 10, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        acls.set("src", Sample.addressOf(sixToFour));
        assertTrue(acls.matches("src 10.1.2.3"));
        assertFalse(acls.matches("src 10.1.2.4"));
    }

    @Test
    void ipMatchOfTextCastsIt() throws AclException {
        acls.set("hdr(x-forwarded-for)", "10.9.8.7");
        assertTrue(acls.matches("hdr(x-forwarded-for) -m ip 10.0.0.0/8"));
        acls.set("hdr(x-forwarded-for)", "not-an-address");
        assertFalse(acls.matches("hdr(x-forwarded-for) -m ip 0.0.0.0/0"));
    }

    @Test
    void localhostPatternsResolveUnlessForbidden() throws AclException {
        acls.set("src", AclFixture.address("127.0.0.1"));
        assertTrue(acls.matches("src localhost"));
        assertEquals("error detected while parsing ACL 'x' : 'localhost' is not a valid IPv4 or IPv6 address",
                acls.error("x src -n localhost"));
    }

    @Test
    void binaryBlocksInHex() throws AclException {
        acls.set("req.body", Sample.bin("Hello\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(acls.matches("req.body -m bin 48656c6c6f0a"));
        assertTrue(acls.matches("req.body -m bin 48656C6C6F0A"));
        assertFalse(acls.matches("req.body -m bin 48656c6c6f"));
        acls.set("path", "AB");
        assertTrue(acls.matches("path -m bin 4142"));
    }

    @Test
    void foundAndBool() throws AclException {
        assertFalse(acls.matches("hdr(cookie) -m found"));
        acls.set("hdr(cookie)", "");
        assertTrue(acls.matches("hdr(cookie) -m found"));
        assertTrue(acls.matches("always_true"));
        assertFalse(acls.matches("always_false"));
        acls.set("dst_port", Sample.sint(0));
        assertFalse(acls.matches("dst_port -m bool"));
        acls.set("dst_port", Sample.sint(7));
        assertTrue(acls.matches("dst_port -m bool"));
        assertTrue(acls.matches("dst_port -m found ignored values"));
    }

    @Test
    void anyValueOfAMultiValuedFetchMatches() throws AclException {
        acls.set("hdr(x)", "a", "b", "c");
        assertTrue(acls.matches("hdr(x) b"));
        assertFalse(acls.matches("hdr(x) d"));
    }

    @Test
    void declinationsImplyTheirMethodUnlessConvertersFollow() throws AclException {
        acls.set("hdr(host)", "www.Example.com");
        assertTrue(acls.matches("hdr_beg(host) www."));
        assertTrue(acls.matches("hdr_end(host) -i .EXAMPLE.COM"));
        assertTrue(acls.matches("hdr_dom(host) Example"));
        // §7.1: with a converter, the declination's method is ignored: the default (str) applies.
        assertFalse(acls.matches("hdr_beg(host),lower www."));
        assertTrue(acls.matches("hdr_beg(host),lower www.example.com"));
        assertTrue(acls.matches("hdr_beg(host),lower -m beg www.ex"));
        // -m on a declination applies to the underlying fetch (the manual's four equivalent forms).
        assertTrue(acls.matches("hdr_dom(host) -m beg www."));
        assertTrue(acls.matches("hdr(host) -m beg www."));
    }

    @Test
    void methodSamplesMatchAsText() throws AclException {
        acls.set("method", Sample.method("GET"));
        assertTrue(acls.matches("method GET HEAD"));
        assertFalse(acls.matches("method get"));
        assertTrue(acls.matches("method -i get"));
    }

    @Test
    void patternFilesSkipCommentsAndLeadingBlanksButKeepTrailingOnes() throws AclException {
        acls.write("hosts.lst", "# comment\n\n  www.example.com\n  # not a comment: a pattern\r\nspaced  \n");
        acls.set("hdr(host)", "www.example.com");
        assertTrue(acls.matches("hdr(host) -f hosts.lst"), "relative to the scope's base directory");
        acls.set("hdr(host)", "# not a comment: a pattern");
        assertTrue(acls.matches("hdr(host) -f hosts.lst"));
        acls.set("hdr(host)", "spaced");
        assertFalse(acls.matches("hdr(host) -f hosts.lst"));
        acls.set("hdr(host)", "spaced  ");
        assertTrue(acls.matches("hdr(host) -f hosts.lst"));
    }

    /** configuration.txt §7.1: "-i" applies to the files and values after it, not to those before. */
    @Test
    void ignoreCaseAppliesToWhatFollows() throws AclException {
        acls.write("exact.lst", "Mozilla\n");
        acls.write("generic.lst", "curl\n");
        String line = "hdr(user-agent) -f exact.lst -i -f generic.lst test";
        acls.set("hdr(user-agent)", "mozilla");
        assertFalse(acls.matches(line));
        acls.set("hdr(user-agent)", "CURL");
        assertTrue(acls.matches(line));
        acls.set("hdr(user-agent)", "TEST");
        assertTrue(acls.matches(line));
    }

    @Test
    void mapFilesGiveTheirKeysWithCapitalM() throws AclException {
        acls.write("backends.map", "www.example.com  be_www\napi.example.com be_api\n");
        acls.set("hdr(host)", "api.example.com");
        assertTrue(acls.matches("hdr(host) -M -f backends.map"));
        acls.set("hdr(host)", "be_api");
        assertFalse(acls.matches("hdr(host) -M -f backends.map"));
    }

    @Test
    void doubleDashEndsTheFlags() throws AclException {
        acls.set("path", "-i");
        assertTrue(acls.matches("path -- -i"));
        assertTrue(acls.matches("path x -i"), "after the first value, flags are values");
    }

    @Test
    void linesOfOneNameOrTogether() throws AclException {
        acls.declare("static path_beg /static");
        Acl acl = acls.declare("static path_end .css");
        acls.set("path", "/x.css");
        assertTrue(acl.matches(acls.context));
        acls.set("path", "/static/x");
        assertTrue(acl.matches(acls.context));
        acls.set("path", "/x");
        assertFalse(acl.matches(acls.context));
        assertEquals(2, acl.terms().size());
    }

    @Test
    void noPatternWarnsAsHaproxyDoesWithoutFileAndLine() throws AclException {
        acls.set("path", "/");
        assertFalse(acls.matches("path"));
        assertEquals(List.of("""
                parsing acl keyword 'path' :
                  no pattern to match against were provided, so this ACL will never match.
                  If this is what you intended, please add '--' to get rid of this warning.
                  If you intended to match only for existence, please use '-m found'.
                  If you wanted to force an int to match as a bool, please use '-m bool'."""), acls.warnings);
        acls.matches("path --");
        acls.matches("path -m found");
        acls.matches("always_true");
        assertEquals(1, acls.warnings.size());
    }
}
