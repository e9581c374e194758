package dev.shuttle.statspage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.statspage.ExporterQuery.Scope;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scrape's filters (addons/promex/README): scope=, no-maint, and the 400 for an unknown scope. */
class ExporterQueryTest {
    @Test
    void noQueryExportsEverything() {
        ExporterQuery query = ExporterQuery.parse("/metrics").orElseThrow();
        assertEquals(EnumSet.allOf(Scope.class), query.scopes());
        assertFalse(query.noMaint());
    }

    @Test
    void scopesAddUp() {
        ExporterQuery query = ExporterQuery.parse("/metrics?scope=frontend&scope=server&no-maint").orElseThrow();
        assertEquals(EnumSet.of(Scope.FRONTEND, Scope.SERVER), query.scopes());
        assertTrue(query.noMaint());
        assertEquals(EnumSet.noneOf(Scope.class), ExporterQuery.parse("/metrics?scope=").orElseThrow().scopes());
        assertEquals(EnumSet.allOf(Scope.class), ExporterQuery.parse("/metrics?scope=*").orElseThrow().scopes());
    }

    @Test
    void anUnknownScopeIsRefused() {
        assertEquals(Optional.empty(), ExporterQuery.parse("/metrics?scope=bogus"));
    }
}
