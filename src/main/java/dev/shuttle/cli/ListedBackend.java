package dev.shuttle.cli;

import dev.shuttle.backend.Backend;
import dev.shuttle.server.LogBackendStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A backend as the listing commands ({@code show backend}, {@code show servers state}, {@code show
 * servers conn}) see it: a traffic backend or a {@code mode log} one, which HAProxy 3.5 lists with
 * the others, in proxy id order.
 *
 * @param traffic the traffic backend, or null
 * @param log     the log backend, or null
 */
record ListedBackend(int id, String name, Backend traffic, LogBackendStats log) {
    /** Every backend of the process, by id. */
    static List<ListedBackend> all(ProcessView process) {
        List<ListedBackend> all = new ArrayList<>();
        process.backends().forEach(b -> all.add(new ListedBackend(b.config().id(), b.name(), b, null)));
        process.logBackends().forEach(b -> all.add(new ListedBackend(b.id(), b.name(), null, b)));
        all.sort(Comparator.comparingInt(ListedBackend::id));
        return all;
    }

    /** The backend {@code word} names, by its name or by {@code #<id>} as HAProxy's CLI takes them; empty if none. */
    static List<ListedBackend> named(String word, ProcessView process) {
        boolean byId = word.startsWith("#");
        int id = byId ? RuntimeArguments.atoi(word.substring(1)) : 0;
        return all(process).stream().filter(b -> byId ? b.id() == id : b.name().equals(word)).limit(1).toList();
    }
}
