package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@code acl([!]<name>[,...])}: every named ACL must hold; names resolve when the expression compiles. */
class AclFetchTest {
    private final SampleRegistry registry = new SampleRegistry();
    private final Map<String, Predicate<SampleContext>> acls = Map.of("yes", c -> true, "no", c -> false);
    private final CompileScope scope = new CompileScope(null, MapLoader.NONE,
            name -> Optional.ofNullable(acls.get(name)));
    private final SampleContext context = new SampleContext(null, null, null, "", VariableStore.shared());

    AclFetchTest() {
        InternalFetches.register(registry);
    }

    private String text(String expression) throws SampleCompileException {
        return SampleCompiler.compile(expression, registry, scope).evaluate(context).map(Sample::toText).orElseThrow();
    }

    @Test
    void allNamedAclsMustHoldEachPossiblyNegated() throws SampleCompileException {
        assertEquals("1", text("acl(yes)"));
        assertEquals("0", text("acl(!yes)"));
        assertEquals("0", text("acl(yes,no)"));
        assertEquals("1", text("acl(yes,!no)"));
        assertEquals("1", text("acl(yes,yes,yes,yes,yes,yes,yes,yes,yes,yes,yes,yes)"), "up to 12");
    }

    @Test
    void anUnknownAclIsRefusedAsHaproxyDoes() {
        assertEquals("invalid args in fetch method 'acl' : ACL 'later' not found",
                assertThrows(SampleCompileException.class, () -> text("acl(yes,later)")).getMessage());
        assertThrows(SampleCompileException.class, () -> text("acl()"));
    }
}
