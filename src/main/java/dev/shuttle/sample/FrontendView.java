package dev.shuttle.sample;

/**
 * What fetches read about a frontend at run time that its configuration does not hold: its
 * connection count ({@code fe_conn}). Implemented by the runtime frontend, above this package.
 */
public interface FrontendView {
    /** Client connections open on it now. */
    int currentConnections();
}
