package dev.shuttle.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shuttle.pattern.AclException;
import dev.shuttle.sample.FetchDefinition;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditions in three values while content arrives (HAProxy's acl_exec_cond()): a term failing
 * with a fetch whose answer may change is a MISS; AND keeps a certain FAIL, OR a certain PASS,
 * '!' leaves a MISS as it is; {@code unless} is left to the rule's runner.
 */
class AclOutcomeTest {
    @TempDir
    Path directory;

    private long bufferedLength;
    private boolean mayGrow;

    private AclCondition.Outcome outcome(String condition) throws AclException {
        AclFixture acls = new AclFixture(directory);
        acls.registry.registerFetch(new FetchDefinition("grown", List.of(), 0, SampleType.SINT, AclFixture.ANYWHERE,
                (args, context, all) -> {
                    if (mayGrow) {
                        context.answerMayChange();
                    }
                    return List.of(Sample.sint(bufferedLength));
                }));
        return acls.condition(condition).test(acls.context);
    }

    @Test
    void aFailureOnDataThatMayChangeIsAMiss() throws AclException {
        mayGrow = true;
        bufferedLength = 5;
        assertEquals(AclCondition.Outcome.MISS, outcome("if { grown gt 10 }"));
        assertEquals(AclCondition.Outcome.MISS, outcome("if !{ grown gt 10 }"), "'!' keeps a MISS");
        assertEquals(AclCondition.Outcome.PASS, outcome("if { grown gt 10 } || { always_true }"));
        assertEquals(AclCondition.Outcome.FAIL, outcome("if { grown gt 10 } { always_false }"));
        assertEquals(AclCondition.Outcome.MISS, outcome("if { grown gt 10 } { always_true }"));
        assertEquals(AclCondition.Outcome.MISS, outcome("unless { grown gt 10 }"), "unless is applied after");
        assertFalse(new AclFixture(directory).condition("unless { always_true }").appliesOnPass());
        bufferedLength = 20;
        assertEquals(AclCondition.Outcome.PASS, outcome("if { grown gt 10 }"), "a pass is certain");
    }

    @Test
    void finalDataIsCertain() throws AclException {
        mayGrow = false;
        bufferedLength = 5;
        assertEquals(AclCondition.Outcome.FAIL, outcome("if { grown gt 10 }"));
        assertEquals(AclCondition.Outcome.PASS, outcome("if !{ grown gt 10 }"));
    }
}
