package dev.shuttle.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.pattern.AclException;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.Sample;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditions (configuration.txt §7.2) and predefined ACLs (§7.4). Where the manual is silent
 * (empty conditions, stray '!' and 'or'), the expected outcome is what haproxy 2.6 did with
 * {@code http-request deny <condition>}.
 */
class AclConditionsTest {
    @TempDir
    java.nio.file.Path directory;
    AclFixture acls;

    @BeforeEach
    void setUp() throws AclException {
        acls = new AclFixture(directory);
        acls.declare("a path /a");
        acls.declare("b hdr(x) b");
        acls.declare("c hdr(y) c");
    }

    private boolean holds(String condition) throws AclException {
        return acls.condition(condition).matches(acls.context);
    }

    @Test
    void andBindsTighterThanOr() throws AclException {
        acls.set("path", "/a");
        assertFalse(holds("if a b"));
        assertTrue(holds("if a b || a"));
        assertTrue(holds("if b or a"));
        acls.set("hdr(x)", "b");
        assertTrue(holds("if a b"));
        assertFalse(holds("if c || a b c"));
        assertTrue(holds("unless c || a b c"));
    }

    @Test
    void negation() throws AclException {
        acls.set("path", "/a");
        assertFalse(holds("if !a"));
        assertTrue(holds("if !b"));
        assertFalse(holds("if ! a"), "a lone '!' negates the next term");
        assertTrue(holds("if !!a"));
        assertTrue(holds("if a !"), "a trailing '!' is ignored");
        assertTrue(holds("unless !a"));
    }

    @Test
    void emptyConditionsAndStrayOr() throws AclException {
        assertFalse(holds("if"));
        assertTrue(holds("unless"));
        assertFalse(holds("if !"));
        assertTrue(holds("if TRUE ||"));
        assertTrue(holds("if || TRUE"));
        assertTrue(holds("if FALSE or or TRUE"));
        assertFalse(holds("if FALSE or"));
        assertTrue(holds("unless FALSE or"));
    }

    @Test
    void anonymousAcls() throws AclException {
        acls.set("hdr(content-length)", "0");
        acls.set("method", Sample.method("POST"));
        assertTrue(holds("if METH_POST { hdr(content-length) 0 }"));
        assertFalse(holds("if METH_POST { hdr(content-length) 1 }"));
        assertTrue(holds("if { hdr(content-length) 1 } || { method POST }"));
        assertTrue(holds("if { path x } { path y } || TRUE"));
    }

    @Test
    void conditionErrors() {
        assertEquals("no such ACL : 'zz'", assertThrows(AclException.class, () -> holds("if zz")).getMessage());
        assertEquals("no such ACL : '}'", assertThrows(AclException.class, () -> holds("if }")).getMessage());
        assertEquals("no such ACL : '{path'", assertThrows(AclException.class, () -> holds("if {path x}")).getMessage());
        assertEquals("missing closing '}' in condition",
                assertThrows(AclException.class, () -> holds("if { path_beg x")).getMessage());
        assertEquals("missing closing '}' in condition", assertThrows(AclException.class, () -> holds("if {")).getMessage());
        assertEquals("missing fetch method in ACL expression ''",
                assertThrows(AclException.class, () -> holds("if { }")).getMessage());
        assertEquals("unknown fetch method 'nosuch' in ACL expression 'nosuch'",
                assertThrows(AclException.class, () -> holds("if { nosuch x }")).getMessage());
    }

    /** haproxy 2.6: an ACL must be declared before a condition names it. */
    @Test
    void aclsMustBeDeclaredFirst() throws AclException {
        assertThrows(AclException.class, () -> holds("if later"));
        acls.declare("later path /l");
        acls.set("path", "/l");
        assertTrue(holds("if later"));
    }

    /** haproxy 2.6: a line added after a rule uses the ACL completes it for that rule too. */
    @Test
    void laterLinesCompleteAnAclAlreadyUsed() throws AclException {
        AclCondition condition = acls.condition("if a");
        acls.declare("a path /b");
        acls.set("path", "/b");
        assertTrue(condition.matches(acls.context));
    }

    @Test
    void predefinedAcls() throws AclException {
        assertTrue(holds("if TRUE"));
        assertFalse(holds("if FALSE"));
        acls.set("src", AclFixture.address("127.0.0.2"));
        assertTrue(holds("if LOCALHOST"));
        acls.set("src", AclFixture.address("::1"));
        assertTrue(holds("if LOCALHOST"));
        acls.set("src", AclFixture.address("10.0.0.1"));
        assertFalse(holds("if LOCALHOST"));
        acls.set("method", Sample.method("HEAD"));
        assertTrue(holds("if METH_GET"));
        assertTrue(holds("if METH_HEAD"));
        assertFalse(holds("if METH_POST"));
        acls.set("url", "http://x/");
        assertTrue(holds("if HTTP_URL_ABS"));
        assertFalse(holds("if HTTP_URL_SLASH"));
        acls.set("url", "*");
        assertTrue(holds("if HTTP_URL_STAR"));
        acls.set("req.ver", "1.1");
        assertTrue(holds("if HTTP_1.1 !HTTP_1.0"));
        acls.set("req.hdr_val(content-length)", Sample.sint(12));
        assertTrue(holds("if HTTP_CONTENT"));
    }

    /** haproxy 2.6: a declared ACL hides the predefined one of the same name. */
    @Test
    void declaredAclsHidePredefinedOnes() throws AclException {
        acls.declare("TRUE path /x");
        acls.set("path", "/y");
        assertFalse(holds("if TRUE"));
    }

    @Test
    void predefinedAclsWhoseFetchIsMissingSaySo() {
        assertEquals("predefined ACL 'REQ_CONTENT' is not available: Shuttle does not implement 'req.len' "
                + "(unknown fetch method 'req.len' in ACL expression 'req.len')",
                assertThrows(AclException.class, () -> holds("if REQ_CONTENT")).getMessage());
    }

    @Test
    void usableInIsWhereEveryAclWorks() throws AclException {
        assertEquals(AclFixture.REQUEST, acls.condition("if a TRUE").usableIn());
        assertTrue(acls.condition("if a || { res.hdr(x) y }").usableIn().isEmpty());
    }

    /** Warnings as haproxy 2.6 printed them for the same rules. */
    @Test
    void phaseWarnings() throws AclException {
        acls.declare("rs res.hdr(x) y");
        acls.declare("p res.hdr(x) y");
        acls.declare("p path y");
        String request = "frontend http-request header rule";
        assertEquals(Optional.of("acl 'rs' will never match because it only involves keywords that are incompatible "
                + "with 'frontend http-request header rule'"),
                AclConditions.phaseWarning(acls.condition("if rs"), Phase.HTTP_REQUEST, request, null));
        assertEquals(Optional.of("acl 'p' involves keywords 'res.hdr' which is incompatible with "
                + "'frontend http-request header rule'"),
                AclConditions.phaseWarning(acls.condition("if p"), Phase.HTTP_REQUEST, request, null));
        assertEquals(Optional.of("acl 'rs' will never match because it only involves keywords that are incompatible "
                + "with 'frontend http-request header rule'"),
                AclConditions.phaseWarning(acls.condition("if p rs"), Phase.HTTP_REQUEST, request, null),
                "an ACL that never matches is reported before one that partly does");
        assertEquals(Optional.of("anonymous acl will never match because it uses keyword 'path' which is incompatible "
                + "with 'backend http-response header rule'"),
                AclConditions.phaseWarning(acls.condition("if { path x }"), Phase.HTTP_RESPONSE,
                        "backend http-response header rule", null));
        assertEquals(Optional.of("anonymous acl will never match in 'tcp-request connection' because it uses keyword "
                + "'path' which is incompatible with 'frontend tcp-request connection rule'"),
                AclConditions.phaseWarning(acls.condition("if { path x } || { src 1.2.3.4 }"), Phase.CONNECTION,
                        "frontend tcp-request connection rule", "tcp-request connection"));
        assertEquals(Optional.of("acl 'a' will never match in 'tcp-request session' because it only involves keywords "
                + "that are incompatible with 'frontend tcp-request session rule'"),
                AclConditions.phaseWarning(acls.condition("if a"), Phase.SESSION,
                        "frontend tcp-request session rule", "tcp-request session"));
        acls.declare("q path y");
        acls.declare("q src 1.2.3.4");
        assertEquals(Optional.of("acl 'q' involves keyword 'path' which is incompatible with "
                + "'frontend tcp-request connection rule'"),
                AclConditions.phaseWarning(acls.condition("if q"), Phase.CONNECTION,
                        "frontend tcp-request connection rule", "tcp-request connection"));
        assertEquals(Optional.empty(),
                AclConditions.phaseWarning(acls.condition("if a TRUE"), Phase.HTTP_REQUEST, request, null));
    }

    /**
     * haproxy 2.6: the ACL keywords hdr and hdr_* read the request's headers, whatever the
     * direction ({@code %[hdr(x)]} follows it, {@code { hdr(x) y }} does not).
     */
    @Test
    void headerAclKeywordsAreRequestOnes() throws AclException {
        String response = "frontend http-response header rule";
        for (String keyword : List.of("hdr", "hdr_beg", "hdr_end", "hdr_sub", "hdr_dom", "hdr_dir", "hdr_reg", "hdr_len")) {
            assertEquals(Optional.of("anonymous acl will never match because it uses keyword '" + keyword
                    + "' which is incompatible with '" + response + "'"),
                    AclConditions.phaseWarning(acls.condition("if { " + keyword + "(x) " + (keyword.equals("hdr_len") ? "1" : "b") + " }"), Phase.HTTP_RESPONSE,
                            response, null), keyword);
        }
        acls.set("hdr(x)", "b");
        assertTrue(holds("if { hdr(x) b }"));
        assertTrue(holds("if { hdr_beg(x) b }"));
        // Where a fetch does not work, it finds nothing, as the warning says.
        acls.context.phase(Phase.HTTP_RESPONSE);
        assertFalse(holds("if { hdr(x) b }"));
        assertFalse(holds("if { hdr_beg(x) b }"));
        assertFalse(holds("if b"));
    }
}
