package dev.shuttle.sample;

import java.util.List;
import java.util.Optional;

/**
 * What fetches read about a backend at run time ({@code be_name}, {@code nbsrv}, {@code be_conn},
 * {@code connslots}, {@code srv_conn(backend/server)}): implemented by the runtime backend, above
 * this package, so that the expression language does not depend on the server choice.
 */
public interface BackendView {
    /** The backend's proxy: its name and id. */
    ProxyView config();

    /** Every server, active ones first. */
    List<? extends ServerView> servers();

    Optional<? extends ServerView> server(String name);

    /** Connections open to the backend's servers now ({@code be_conn}). */
    int currentConnections();

    /** The servers the load balancer may pick now ({@code nbsrv}). */
    int usableServerCount();

    /** Sessions (HTTP: requests) it took in the last second ({@code be_sess_rate}). */
    long sessionRate();

    /** Requests waiting for a slot now, in the backend's queue and its servers' ({@code queue}). */
    int queuedRequests();

    /**
     * The servers that serve the backend's queue now: the usable active ones, else the usable
     * backups ({@code avg_queue} divides by it).
     */
    int servingServerCount();
}
