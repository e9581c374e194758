package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VariablesTest {
    @Test
    void definedEvenWhenEmpty() {
        Variables variables = Variables.of(Map.of("EMPTY", "", "FULL", "x"));
        assertTrue(variables.isDefined("EMPTY"));
        assertEquals(Optional.of(""), variables.get("EMPTY"));
        assertEquals("x", variables.getOrNull("FULL"));
        assertFalse(variables.isDefined("NOPE"));
        assertEquals(Optional.empty(), variables.get("NOPE"));
        assertNull(variables.getOrNull("NOPE"));
    }

    @Test
    void copiesItsSource() {
        Map<String, String> source = new HashMap<>(Map.of("A", "1"));
        Variables variables = Variables.of(source);
        source.put("B", "2");
        assertFalse(variables.isDefined("B"));
        variables.set("C", "3");
        assertFalse(source.containsKey("C"));
    }

    @Test
    void setReplacesAndSetIfAbsentDoesNot() {
        Variables variables = Variables.of(Map.of("A", "1"));
        variables.set("A", "2");
        variables.setIfAbsent("A", "3");
        variables.setIfAbsent("B", "4");
        assertEquals(Map.of("A", "2", "B", "4"), variables.snapshot());
    }

    @Test
    void unsetIgnoresUnknownNames() {
        Variables variables = Variables.of(Map.of("A", "1", "B", "2", "C", "3"));
        variables.unset("A", "C", "NOPE");
        assertEquals(Map.of("B", "2"), variables.snapshot());
    }

    @Test
    void retainOnlyKeepsTheListedNames() {
        Variables variables = Variables.of(Map.of("A", "1", "B", "2", "C", "3"));
        variables.retainOnly(List.of("A", "C", "NOPE"));
        assertEquals(Map.of("A", "1", "C", "3"), variables.snapshot());
    }

    @Test
    void retainOnlyWithNoNamesClearsEverything() {
        Variables variables = Variables.of(Map.of("A", "1"));
        variables.retainOnly(List.of());
        assertEquals(Map.of(), variables.snapshot());
    }

    @Test
    void snapshotIsFrozen() {
        Variables variables = Variables.of(Map.of("A", "1"));
        Map<String, String> snapshot = variables.snapshot();
        variables.set("B", "2");
        assertEquals(Map.of("A", "1"), snapshot);
        assertThrows(UnsupportedOperationException.class, () -> snapshot.put("C", "3"));
    }

    @Test
    void processEnvironmentIsCopied() {
        Variables variables = Variables.fromProcessEnvironment();
        assertEquals(System.getenv(), variables.snapshot());
        variables.set("SHUTTLE_TEST_ONLY_VARIABLE", "x");
        assertNull(System.getenv("SHUTTLE_TEST_ONLY_VARIABLE"));
    }

    @Test
    void refusesNulls() {
        Variables variables = Variables.of(Map.of());
        assertThrows(NullPointerException.class, () -> variables.set("A", null));
        assertThrows(NullPointerException.class, () -> variables.setIfAbsent(null, "x"));
    }
}
