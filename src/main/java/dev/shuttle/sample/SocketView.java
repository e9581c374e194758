package dev.shuttle.sample;

/**
 * What fetches may read of the listening socket that accepted a connection (configuration.txt
 * §7.3.3): its id ({@code so_id}: the bind line's {@code id}, else its number in the frontend)
 * and the connections open on it now, this one included ({@code dst_conn}).
 */
public interface SocketView {
    int id();

    int currentConnections();
}
