package dev.shuttle.server;

/**
 * What the runtime API changes on a server of a {@code mode log} backend (management.txt §9.3,
 * "set server", "enable server", "disable server", "set weight"): its admin state and its weight.
 * The backend and server are named as {@link LogBackendStats} lists them; the process's syslog
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
    };

    /** Puts the server in {@code state}, saying so as 3.5 does; nothing when it is in it already. */
    void setAdminState(String backend, String server, AdminState state);

    /** Gives the server {@code weight} (0 to 256): the share of the lines it gets from now on. */
    void setWeight(String backend, String server, int weight);
}
