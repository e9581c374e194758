package dev.shuttle.statspage;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The query string of a scrape (addons/promex/README, "Filtering"): {@code scope=<name>} once or
 * more (global, frontend, backend, server; an empty scope selects nothing, {@code *} everything) and
 * {@code no-maint} (servers in maintenance left out). Empty when a scope is unknown: HAProxy answers 400.
 */
record ExporterQuery(Set<Scope> scopes, boolean noMaint) {
    enum Scope { GLOBAL, FRONTEND, BACKEND, SERVER }

    static Optional<ExporterQuery> parse(String target) {
        int question = target.indexOf('?');
        if (question < 0) {
            return Optional.of(new ExporterQuery(EnumSet.allOf(Scope.class), false));
        }
        Set<Scope> scopes = null;
        boolean noMaint = false;
        for (String pair : target.substring(question + 1).split("&")) {
            if (pair.equals("no-maint")) {
                noMaint = true;
            } else if (pair.startsWith("scope=")) {
                if (scopes == null) {
                    scopes = EnumSet.noneOf(Scope.class);
                }
                String name = pair.substring("scope=".length());
                switch (name) {
                    case "" -> { }
                    case "*" -> scopes.addAll(EnumSet.allOf(Scope.class));
                    case "global" -> scopes.add(Scope.GLOBAL);
                    case "frontend" -> scopes.add(Scope.FRONTEND);
                    case "backend" -> scopes.add(Scope.BACKEND);
                    case "server" -> scopes.add(Scope.SERVER);
                    default -> {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.of(new ExporterQuery(scopes != null ? scopes : EnumSet.allOf(Scope.class), noMaint));
    }
}
