package dev.shuttle.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.listener.Frontend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content switching and {@code publish}/{@code unpublish backend}: an unpublished backend is not a
 * frontend's {@code default_backend} any more, while a {@code listen} section keeps its own traffic.
 */
class RoutingPublicationTest {
    @TempDir
    Path directory;

    @Test
    void anUnpublishedDefaultBackendLeavesTheStreamWithoutOneButAListenKeepsItsOwn() throws IOException {
        Path file = directory.resolve("routing.cfg");
        Files.writeString(file, """
                defaults
                    mode http
                    timeout client 1s
                    timeout server 1s
                    timeout connect 1s
                frontend fe
                    bind 127.0.0.1:1
                    default_backend be
                backend be
                    server s1 127.0.0.1:1
                listen li
                    bind 127.0.0.1:1
                    server s1 127.0.0.1:1
                """);
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        Backend be = new Backend(configuration.backend("be").orElseThrow());
        Backend li = new Backend(configuration.backend("li").orElseThrow());
        Frontend fe = new Frontend(configuration.frontends().stream().filter(p -> p.name().equals("fe")).findFirst()
                .orElseThrow());
        Frontend liFront = new Frontend(configuration.frontends().stream().filter(p -> p.name().equals("li"))
                .findFirst().orElseThrow());
        Routing routing = new Routing(name -> Optional.empty(), Map.of(fe, be, liFront, li));

        assertEquals(Optional.of(be), routing.select(fe, null));
        be.setPublished(false);
        assertEquals(Optional.empty(), routing.select(fe, null));
        assertEquals(Optional.of(be), routing.defaultBackend(fe), "its settings still apply before any rule");
        be.setPublished(true);
        assertEquals(Optional.of(be), routing.select(fe, null));
        li.setPublished(false);
        assertEquals(Optional.of(li), routing.select(liFront, null), "a listen section's own traffic");
    }
}
