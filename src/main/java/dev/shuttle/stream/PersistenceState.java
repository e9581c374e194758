package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.rules.PersistRule;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.server.Server;
import java.util.List;

/**
 * What one exchange learned about its persistence, from the backend choice to the log line:
 * whether a {@code force-persist} or {@code ignore-persist} line applied, the server the request
 * named (by {@code use-server} or by its cookie), the cookie's dates, and the two cookie letters
 * of {@code %tsc} (configuration.txt §8.5). Belongs to the exchange's thread.
 */
final class PersistenceState {
    /** The third letter of {@code %tsc}: what the client's persistence cookie was worth. */
    enum ClientCookie {
        NONE('N'), INVALID('I'), DOWN('D'), VALID('V'), EXPIRED('E'), OLD('O'), UNUSED('U');

        final char letter;

        ClientCookie(char letter) {
            this.letter = letter;
        }
    }

    /** The fourth letter of {@code %tsc}: what became of the persistence cookie in the response. */
    enum ServerCookie {
        NONE('N'), PASSED('P'), DELETED('D'), INSERTED('I'), REWRITTEN('R'), UPDATED('U');

        final char letter;

        ServerCookie(char letter) {
            this.letter = letter;
        }
    }

    /** A {@code force-persist} line applied: persistence may reach a server that is down. */
    final boolean forced;
    /** An {@code ignore-persist} line applied: the cookie chooses nothing and none is inserted. */
    final boolean ignored;
    /** {@code option persist}: like {@code forced}, for every request of the backend. */
    final boolean optionPersist;
    /** The server the request named ({@code use-server} or its cookie): HAProxy's direct access; or null. */
    Server named;
    /** The cookie's dates in seconds since the epoch ({@code maxidle}/{@code maxlife}), 0 when it had none. */
    long lastSeen;
    long firstSeen;
    ClientCookie client = ClientCookie.NONE;
    ServerCookie server = ServerCookie.NONE;

    private PersistenceState(boolean forced, boolean ignored, boolean optionPersist) {
        this.forced = forced;
        this.ignored = ignored;
        this.optionPersist = optionPersist;
    }

    /**
     * The state once the backend is known: the first {@code force-persist} or {@code ignore-persist}
     * line whose condition holds decides (HAProxy evaluates them as soon as the backend is chosen).
     */
    static PersistenceState afterBackendChoice(Backend backend, SampleContext context) {
        boolean optionPersist = backend.config().isOptionSet("persist");
        List<PersistRule> rules = backend.config().rules().persistRules();
        if (!optionPersist && rules.isEmpty() && backend.config().http().cookie().isEmpty()) {
            return INERT;
        }
        for (PersistRule rule : rules) {
            if (rule.condition().matches(context)) {
                return new PersistenceState(rule.force(), !rule.force(), optionPersist);
            }
        }
        return new PersistenceState(false, false, optionPersist);
    }

    /**
     * The state of every request to a backend without cookie, persistence lines or {@code option
     * persist}: shared, so that such a request allocates nothing here; never written, since only
     * the cookie code writes a state, and only for a backend with a cookie.
     */
    private static final PersistenceState INERT = new PersistenceState(false, false, false);

    /** A state with the given overrides (tests build their own). */
    static PersistenceState of(boolean forced, boolean ignored, boolean optionPersist) {
        return new PersistenceState(forced, ignored, optionPersist);
    }

    /** The state of a request to {@code backend} that no persistence line applies to. */
    static PersistenceState withoutRules(Backend backend) {
        return new PersistenceState(false, false, backend.config().isOptionSet("persist"));
    }

    /** Whether a named server that is down may still be used ({@code option persist}, {@code force-persist}). */
    boolean mayReachDown() {
        return forced || optionPersist;
    }

    /** Whether the request goes to the server it named, rather than the load balancer's choice. */
    boolean direct(Server actual) {
        return named != null && named == actual;
    }

    /** The two letters {@code %tsc} ends with. */
    String letters() {
        return new String(new char[] {client.letter, server.letter});
    }
}
