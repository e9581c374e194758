package dev.shuttle.statspage;

import dev.shuttle.backend.Backend;
import dev.shuttle.server.Server;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One POST of the admin form ({@code s=<server>&...&action=<value>&b=#<backend id>}, form-encoded)
 * carried out on the backend as {@code set server <b>/<s> state} does; the answer is the status
 * code the page's redirect carries ({@link AdminStatus}).
 */
final class AdminPost {
    private AdminPost() {}

    static String perform(byte[] body, List<Backend> backends) {
        List<String> servers = new ArrayList<>();
        String action = "";
        String backendKey = "";
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = decode(pair.substring(eq + 1));
            switch (decode(pair.substring(0, eq))) {
                case "s" -> servers.add(value);
                case "action" -> action = value;
                case "b" -> backendKey = value;
                default -> { }
            }
        }
        if (AdminAction.HAPROXY_ONLY.contains(action)) {
            return AdminStatus.NOT_SUPPORTED;
        }
        Optional<AdminAction> chosen = AdminAction.byFormValue(action);
        Optional<Backend> backend = backend(backendKey, backends);
        if (chosen.isEmpty() || backend.isEmpty()) {
            return AdminStatus.BAD_PARAMETERS;
        }
        if (servers.isEmpty()) {
            return AdminStatus.NONE;
        }
        int done = 0;
        for (String name : servers) {
            for (Server server : backend.get().servers()) {
                if (server.name().equals(name)) {
                    backend.get().setAdminState(server, chosen.get().state());
                    done++;
                    break;
                }
            }
        }
        return done == servers.size() ? AdminStatus.DONE : done == 0 ? AdminStatus.BAD_PARAMETERS : AdminStatus.PARTIAL;
    }

    /** The backend the form names: "#<id>", or its name. */
    private static Optional<Backend> backend(String key, List<Backend> backends) {
        for (Backend backend : backends) {
            boolean match = key.startsWith("#") ? ("#" + backend.config().id()).equals(key) : backend.name().equals(key);
            if (match) {
                return Optional.of(backend);
            }
        }
        return Optional.empty();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return "";
        }
    }
}
