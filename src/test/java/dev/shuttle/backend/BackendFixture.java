package dev.shuttle.backend;

import dev.shuttle.config.Configuration;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.parse.ConfigLoader;
import dev.shuttle.config.parse.Diagnostics;
import dev.shuttle.config.parse.KeywordRegistry;
import dev.shuttle.config.parse.Variables;
import dev.shuttle.server.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** Backends built from configuration text as the process builds them, and threads that wait in their queues. */
final class BackendFixture {
    private BackendFixture() {}

    /** The proxy {@code be} of a configuration made of a defaults section and {@code backendLines}. */
    static ProxyConfig backendConfig(Path directory, String... backendLines) throws IOException {
        Path file = Files.createTempFile(directory, "backend", ".cfg");
        Files.writeString(file, "defaults\n    timeout client 1s\n    timeout server 1s\n    timeout connect 1s\n"
                + "backend be\n" + String.join("", List.of(backendLines).stream().map(l -> "    " + l + "\n").toList()));
        Diagnostics diagnostics = Diagnostics.collecting();
        Configuration configuration = new ConfigLoader(KeywordRegistry.standard())
                .load(List.of(file), Variables.of(Map.of()), diagnostics)
                .orElseThrow(() -> new AssertionError(diagnostics.messages().toString()));
        return configuration.backend("be").orElseThrow();
    }

    static Server server(Backend backend, String name) {
        return backend.server(name).orElseThrow();
    }

    /** The names of {@code count} successive load-balanced picks, each slot given back at once. */
    static String picks(Backend backend, int count) throws InterruptedException {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < count; i++) {
            Server server = backend.acquire(Set.of(), 100).orElseThrow();
            names.append(server.name());
            backend.release(server);
        }
        return names.toString();
    }

    /** How a waiting thread asks for its slot. */
    @FunctionalInterface
    interface SlotCall {
        Optional<Server> take() throws InterruptedException;
    }

    /** A thread waiting in a backend's queue, and what it got. */
    static final class Waiter {
        private final Thread thread;
        private final AtomicReference<Optional<Server>> outcome = new AtomicReference<>();

        /** Starts {@code call} on a thread and returns once it waits in {@code backend}'s queue. */
        Waiter(Backend backend, SlotCall call) {
            int before = backend.queuedRequests();
            thread = Thread.ofVirtual().start(() -> {
                try {
                    outcome.set(call.take());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            while (backend.queuedRequests() == before && outcome.get() == null) {
                Thread.onSpinWait();
            }
            if (outcome.get() != null) {
                throw new AssertionError("expected to wait, but got " + outcome.get());
            }
        }

        /** What it got, once its wait ended: a server's name, or "-" for none. */
        String result() throws InterruptedException {
            thread.join();
            return outcome.get().map(Server::name).orElse("-");
        }

        boolean waiting() {
            return thread.isAlive();
        }
    }
}
