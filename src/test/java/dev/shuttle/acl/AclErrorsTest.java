package dev.shuttle.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.pattern.AclException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messages of bad ACL lines. Each expected text was produced by haproxy 2.6.12 with
 * {@code haproxy -c} on the same line (the alert prints it after {@code parsing [file:line] : }
 * with a final period, which the caller adds).
 */
class AclErrorsTest {
    @TempDir
    java.nio.file.Path directory;
    AclFixture acls;

    @BeforeEach
    void setUp() {
        acls = new AclFixture(directory);
    }

    private void assertError(String line, String reason) {
        String name = line.split(" ")[0];
        assertEquals("error detected while parsing ACL '" + name + "' : " + reason, acls.error(line));
    }

    @Test
    void unknownFetch() {
        assertError("b nosuch /x", "unknown fetch method 'nosuch' in ACL expression 'nosuch'");
        assertError("b nosuch(1),lower x", "unknown fetch method 'nosuch' in ACL expression 'nosuch(1),lower'");
        assertError("b res.hdr_beg(x) y", "unknown fetch method 'res.hdr_beg' in ACL expression 'res.hdr_beg(x)'");
    }

    @Test
    void missingFetch() {
        assertError("a", "missing fetch method in ACL expression ''");
    }

    @Test
    void converterErrorsNameTheAclKeyword() {
        assertTrue(acls.error("a path,nosuch x").startsWith("error detected while parsing ACL 'a' : ACL keyword 'path' : "
                + "unknown converter 'nosuch'"));
    }

    @Test
    void unknownMatchingMethod() {
        assertError("c path -m foo x", "unknown matching method 'foo' when parsing ACL expression");
        assertError("c path -m", "unknown matching method '' when parsing ACL expression");
    }

    @Test
    void methodIncompatibleWithTheFetch() {
        assertError("a always_true -m ip 1.2.3.4", "matching method 'ip' cannot be used with fetch keyword 'always_true'");
        assertError("a req.body -m int 1", "matching method 'int' cannot be used with fetch keyword 'req.body'");
    }

    @Test
    void unknownFlag() {
        assertError("d path -z x", "'-z' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'");
        assertError("a dst_port -5", "'-5' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'");
    }

    @Test
    void badIntegers() {
        assertError("e dst_port foo", "'foo' is not a number");
        assertError("e dst_port 1.2", "'1.2' is not a number");
        assertError("e dst_port 99999999999999999999", "'99999999999999999999' is not a number");
        assertError("e dst_port 5:3", "'5:3' is not a valid number range");
        assertError("e dst_port 5:x", "'5:x' is not a valid number range");
        assertError("e path -m int x", "'x' is not a number");
    }

    @Test
    void badAddresses() {
        assertError("f src 1.2.3.4/33", "'1.2.3.4/33' is not a valid IPv4 or IPv6 address");
        assertError("f src 300.1.1.1", "'300.1.1.1' is not a valid IPv4 or IPv6 address");
        assertError("f src ::1/129", "'::1/129' is not a valid IPv4 or IPv6 address");
        assertError("f src 1.2.3.4/255.255.0.256", "'1.2.3.4/255.255.0.256' is not a valid IPv4 or IPv6 address");
        assertError("f path -m ip x", "'x' is not a valid IPv4 or IPv6 address");
    }

    @Test
    void badHex() {
        assertError("h req.body -m bin 4x", "an hex digit is expected (found 'x')");
        assertError("h path -m bin abc", "an even number of hex digit is expected");
        assertError("h path -m bin 4xx", "an even number of hex digit is expected");
    }

    /** The text after "error=" is Java's where haproxy gives PCRE's ("missing closing parenthesis"). */
    @Test
    void badRegex() {
        assertTrue(acls.error("g path -m reg ((").matches(
                "error detected while parsing ACL 'g' : regex '\\(\\(' is invalid \\(error=.+, erroffset=\\d+\\)"));
    }

    @Test
    void binarySamplesNeedAMethod() {
        String reason = "matching method must be specified first (using '-m') when using a sample fetch of this type ('req.body')";
        assertError("j req.body x", reason);
        assertError("j req.body", reason);
        assertError("j req.body -i", reason);
        assertError("j var(txn.x) foo", "matching method must be specified first (using '-m') when using a sample "
                + "fetch of this type ('var')");
    }

    @Test
    void methodMustComeBeforeFiles() {
        acls.write("pats.lst", "x\n");
        assertError("a path -f pats.lst -m beg", "'-m' must only be specified before patterns and files in parsing ACL expression");
    }

    @Test
    void uniqueIdMustBeAnInteger() throws AclException {
        assertError("a path -u x y", "the argument of -u must be an integer");
        acls.declare("a path -u 3 y");
    }

    @Test
    void files() {
        assertError("a path -f nofile.lst", "failed to open pattern file <nofile.lst>");
        assertError("a path -f", "failed to open pattern file <>");
        acls.write("badint.lst", "1\nx\n");
        assertError("a dst_port -f badint.lst", "'x' is not a number at line 2 of file 'badint.lst'");
        acls.write("badint.map", "x 1\n");
        assertError("a dst_port -M -f badint.map", "'x' is not a number at line 1 of file 'badint.map'");
        acls.write("t.lst", "abc  \n");
        assertError("a src -f t.lst", "'abc  ' is not a valid IPv4 or IPv6 address at line 1 of file 't.lst'");
    }

    @Test
    void names() {
        assertEquals("character '/' is not permitted in acl name 'k/'", acls.error("k/ path x"));
    }

    @Test
    void namesMayUseLettersDigitsDashUnderscoreDotAndColon() throws AclException {
        acls.declare("k-l.m:n_0 path x");
        assertEquals("k-l.m:n_0", acls.scope.declared().getFirst().name());
    }
}
