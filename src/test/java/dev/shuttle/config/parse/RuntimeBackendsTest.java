package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.BackendTemplates;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import dev.shuttle.lang.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RuntimeBackends}: backends built at run time from the named defaults sections ({@code add backend}). */
class RuntimeBackendsTest {
    @TempDir
    Path directory;
    BackendTemplates templates;

    @BeforeEach
    void load() {
        Loaded loaded = new ConfigFixture(directory).load("""
                defaults d_http
                    mode http
                    retries 7
                    timeout connect 2s
                    timeout client 1s
                    timeout server 3s
                defaults d_none
                    timeout connect 1s
                    timeout client 1s
                    timeout server 1s
                backend be from d_http
                    guid taken
                """);
        assertEquals(List.of(), loaded.alerts());
        templates = loaded.config().backendTemplates();
    }

    @Test
    void aBackendInheritsItsDefaultsSectionAndStartsUnpublished() throws ConfigException {
        assertEquals(Optional.of(true), templates.setsMode("d_http"));
        assertEquals(Optional.of(false), templates.setsMode("d_none"));
        assertEquals(Optional.empty(), templates.setsMode("nosuch"));
        ProxyConfig built = templates.backend("d_http", "nb", Optional.empty(), "nb-guid", 9);
        assertEquals("nb", built.name());
        assertEquals(ProxyKind.BACKEND, built.kind());
        assertEquals(9, built.id());
        assertEquals(ProxyMode.HTTP, built.mode());
        assertEquals(7, built.retries());
        assertEquals(3000, built.timeouts().get(TimeoutKind.SERVER));
        assertEquals("nb-guid", built.guid());
        assertTrue(built.startsUnpublished());
        assertTrue(built.servers().isEmpty());
        assertEquals(ProxyMode.TCP, templates.backend("d_none", "nt", Optional.of(ProxyMode.TCP), "", 10).mode());
    }

    @Test
    void guidsStayUniqueWithTheConfigurations() throws ConfigException {
        ConfigException taken = assertThrows(ConfigException.class,
                () -> templates.backend("d_http", "nb", Optional.empty(), "taken", 9));
        assertEquals("'guid': duplicate entry with backend be", taken.getMessage());
        ProxyConfig nb = templates.backend("d_http", "nb", Optional.empty(), "fresh", 9);
        assertThrows(ConfigException.class, () -> templates.backend("d_http", "nc", Optional.empty(), "fresh", 10));
        templates.forget(nb);
        assertEquals("fresh", templates.backend("d_http", "nc", Optional.empty(), "fresh", 10).guid(),
                "a deleted backend's guid is free again");
    }
}
