package dev.shuttle.sample;

import static dev.shuttle.sample.SampleConvertersTest.var;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The outcomes were captured from haproxy 2.6 with "http-request set-var(txn.x,<cond>) ..." rules, then var(txn.x). */
class VariableConvertersTest {
    private final SampleConvertersTest.Harness h = new SampleConvertersTest.Harness(VariableConverters::register);

    private Optional<Sample> set(String variable, Sample value, String... conditions) {
        Object[] args = new Object[1 + conditions.length];
        args[0] = var(variable);
        System.arraycopy(conditions, 0, args, 1, conditions.length);
        return h.run("set-var", value, args);
    }

    @Test
    void setVarPassesItsInputThrough() {
        assertEquals(Optional.of(Sample.str("abc")), set("txn.x", Sample.str("abc")));
        assertEquals(Optional.of(Sample.str("abc")), h.get("txn.x"));
        assertEquals(Optional.of(Sample.sint(5)), set("txn.n", Sample.sint(5)), "the type is kept");
        assertEquals(Optional.of(Sample.str("abc")), h.run("unset-var", Sample.str("abc"), var("txn.x")));
        assertTrue(h.get("txn.x").isEmpty());
    }

    @Test
    void conditionsDecideWhetherTheVariableIsSet() {
        set("txn.x", Sample.str("a"));
        assertTrue(set("txn.x", Sample.str("b"), "ifnotexists").isEmpty(), "a false condition fails the converter");
        assertEquals("a", h.get("txn.x").orElseThrow().toText());
        set("txn.y", Sample.str("b"), "ifnotexists");
        assertEquals("b", h.get("txn.y").orElseThrow().toText());

        set("txn.z", Sample.str(""));
        set("txn.z", Sample.str(""), "ifnotempty");
        assertEquals("", h.get("txn.z").orElseThrow().toText());
        set("txn.w", Sample.str("orig"));
        set("txn.w", Sample.str(""), "ifnotempty");
        assertEquals("orig", h.get("txn.w").orElseThrow().toText());
        set("txn.v", Sample.str("orig"));
        set("txn.v", Sample.str(""), "ifempty");
        assertEquals("", h.get("txn.v").orElseThrow().toText());
        assertTrue(set("txn.v", Sample.sint(0), "ifempty").isEmpty(), "integers are never empty");

        set("txn.u", Sample.str("orig"));
        h.run("unset-var", Sample.str("x"), var("txn.u"));
        set("txn.u", Sample.str("new"), "ifexists");
        assertTrue(h.get("txn.u").isEmpty());
        set("txn.t", Sample.str("new"), "ifset");
        assertTrue(h.get("txn.t").isEmpty());
        set("txn.t", Sample.str("new"), "ifnotset");
        assertEquals("new", h.get("txn.t").orElseThrow().toText());
    }

    @Test
    void ifgtAndIfltCompareIntegersAndOtherwiseHold() {
        set("txn.g1", Sample.sint(5));
        set("txn.g1", Sample.sint(3), "ifgt");
        assertEquals(Sample.sint(3), h.get("txn.g1").orElseThrow());
        set("txn.g2", Sample.sint(5));
        set("txn.g2", Sample.sint(7), "ifgt");
        assertEquals(Sample.sint(5), h.get("txn.g2").orElseThrow());
        set("txn.l1", Sample.sint(5));
        set("txn.l1", Sample.sint(7), "iflt");
        assertEquals(Sample.sint(7), h.get("txn.l1").orElseThrow());
        set("txn.e1", Sample.str("5"));
        set("txn.e1", Sample.sint(7), "ifgt");
        assertEquals(Sample.sint(7), h.get("txn.e1").orElseThrow());
        set("txn.e2", Sample.sint(5));
        set("txn.e2", Sample.str("7"), "ifgt", "ifnotempty");
        assertEquals(Sample.str("7"), h.get("txn.e2").orElseThrow());
    }

    @Test
    void unknownConditionsAreRefusedAndAbsentScopesFail() {
        assertTrue(h.refused("set-var", var("txn.x"), "ifbig").contains("unknown set-var condition 'ifbig'"));
        assertTrue(set("res.x", Sample.str("a")).isEmpty(), "no response yet, so no res scope");
    }
}
