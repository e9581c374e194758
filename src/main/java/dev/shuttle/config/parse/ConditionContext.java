package dev.shuttle.config.parse;

import dev.shuttle.version.Features;
import dev.shuttle.version.Version;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What the predicates of a {@code .if} condition ask about the running program: variables,
 * build features, run-time options and the version it answers as.
 */
public interface ConditionContext {
    /**
     * The options {@code enabled()} always answers true for. HAProxy's manual lists POLL, EPOLL,
     * KQUEUE, EVPORTS, SPLICE, GETADDRINFO, REUSEPORT, FAST-FORWARD and SERVER-SSL-VERIFY-NONE.
     * None of the first eight holds for Shuttle: it has no poller of its own (each connection is a
     * virtual thread doing blocking I/O), no splice, no zero-copy fast-forward, and its listeners do
     * not promise SO_REUSEPORT yet. Reg-tests use {@code enabled()} to skip what a build cannot do,
     * so an uncertain answer must be false; add a name here once the capability really works.
     * SERVER-SSL-VERIFY-NONE depends on the load ({@code -dV}, {@code ssl-server-verify none} read
     * so far): see {@link #SERVER_SSL_VERIFY_NONE}.
     */
    Set<String> SHUTTLE_ENABLED_OPTIONS = Set.of();

    /** The option true when servers without {@code verify} do not verify (cfgcond, "enabled"). */
    String SERVER_SSL_VERIFY_NONE = "SERVER-SSL-VERIFY-NONE";

    /** {@code defined(NAME)}: the environment variable exists, whatever it holds. */
    boolean isDefined(String name);

    /** {@code feature(NAME)}: the feature appears with a '+' in {@code -vv} (exact case, as HAProxy compares). */
    boolean hasFeature(String name);

    /** {@code enabled(OPTION)}: the run-time option is on (exact case). */
    boolean isEnabled(String option);

    /** The HAProxy version {@code version_atleast()} and {@code version_before()} compare against. */
    String compatibilityVersion();

    /** Shuttle's own answers, with variables looked up in {@code variables} as they are at the time of asking. */
    static ConditionContext standard(Variables variables) {
        return standard(variables, () -> false);
    }

    /**
     * As {@link #standard(Variables)}, with {@code serverVerifyNone} asked, at the time of asking,
     * whether servers verify by default ({@code -dV}, {@code ssl-server-verify}).
     */
    static ConditionContext standard(Variables variables, BooleanSupplier serverVerifyNone) {
        return new ConditionContext() {
            @Override
            public boolean isDefined(String name) {
                return variables.isDefined(name);
            }

            @Override
            public boolean hasFeature(String name) {
                // Features.has ignores case, HAProxy does not: feature(lua) is false even with +LUA.
                return !name.isEmpty() && name.equals(name.toUpperCase(Locale.ROOT)) && Features.has(name);
            }

            @Override
            public boolean isEnabled(String option) {
                return SHUTTLE_ENABLED_OPTIONS.contains(option)
                        || option.equals(SERVER_SSL_VERIFY_NONE) && serverVerifyNone.getAsBoolean();
            }

            @Override
            public String compatibilityVersion() {
                return Version.HAPROXY_COMPATIBILITY;
            }
        };
    }
}
