package dev.shuttle.server;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What the runtime API changes on a server of a {@code mode log} backend (management.txt §9.3,
 * "set server", "enable server", "disable server", "set weight", "set server ... addr|health", "enable|disable health"): its admin state, its weight,
 * its address, its forced health and its check's controls.
 * The backend is named as {@link LogBackendStats} lists it, the server by its configured name
 * ({@code LogBackendStats.Server.config().name()}, which a rename does not change); the process's syslog
 * sender implements it, so that the change reaches the balancing of the log lines.
 */
public interface LogServerControl {
    /** Nothing to control: a process without log backends. */
    LogServerControl NONE = new LogServerControl() {
        @Override
        public void setAdminState(String backend, String server, AdminState state) {
            throw new IllegalArgumentException("no log backend " + backend);
        }

        @Override
        public void setWeight(String backend, String server, int weight) {
            throw new IllegalArgumentException("no log backend " + backend);
        }

        @Override
        public void forceHealth(String backend, String server, OperationalState state) {
            throw new IllegalArgumentException("no log backend " + backend);
        }

        @Override
        public void moveServer(String backend, String server, InetSocketAddress address) {
            throw new IllegalArgumentException("no log backend " + backend);
        }

        @Override
        public CheckControl checkControl(String backend, String server) {
            throw new IllegalArgumentException("no log backend " + backend);
        }

        @Override
        public void setMaxconn(String backend, String server, long maxconn) {
            throw new IllegalArgumentException("no log backend " + backend);
        }

        @Override
        public Optional<String> rename(String backend, String server, String newName) {
            throw new IllegalArgumentException("no log backend " + backend);
        }

        @Override
        public void clearCounters() {}

        @Override
        public void clearCounters(String backend, String server) {
            throw new IllegalArgumentException("no log backend " + backend);
        }
    };

    /** Puts the server in {@code state}, saying so as 3.5 does; nothing when it is in it already. */
    void setAdminState(String backend, String server, AdminState state);

    /** Gives the server {@code weight} (0 to 256): the share of the lines it gets from now on. */
    void setWeight(String backend, String server, int weight);

    /** {@code set server ... health}: the server in {@code state} at once, its check's counter set to match. */
    void forceHealth(String backend, String server, OperationalState state);

    /** {@code set server ... addr}: its lines (and its check, unless sent elsewhere) go to {@code address} from now on. */
    void moveServer(String backend, String server, InetSocketAddress address);

    /** What the runtime API changes of the server's check ({@code enable|disable health}, {@code check-addr}, ...). */
    CheckControl checkControl(String backend, String server);

    /** {@code set maxconn server}: kept and shown ({@code slim}); a line is no connection, so it limits nothing. */
    void setMaxconn(String backend, String server, long maxconn);

    /**
     * {@code set server <b>/<s> name}: the server (named by its configured name) is called
     * {@code newName} from now on, unless another server of its backend has that name.
     *
     * @return 3.5's refusal, or empty when renamed (or already so named)
     */
    Optional<String> rename(String backend, String server, String newName);

    /** {@code clear counters all}: every log backend's and log server's counters ({@code chkfail}, {@code chkdown}) to 0. */
    void clearCounters();

    /** {@code clear counters server <b>/<s>}: that log server's counters to 0. */
    void clearCounters(String backend, String server);
}
