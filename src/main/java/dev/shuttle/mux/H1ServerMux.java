package dev.shuttle.mux;

/** A connection to a server speaking HTTP/1.1: one exchange at a time, on its one stream. */
final class H1ServerMux implements ServerMux {
    private final H1Connection connection;
    private final H1ServerStream stream;

    H1ServerMux(H1Connection connection) {
        this.connection = connection;
        this.stream = new H1ServerStream(connection);
    }

    @Override
    public ServerStream openStream() {
        return stream;
    }

    @Override
    public void idle() {
        connection.idle();
    }

    @Override
    public boolean looksReusable(long waitMillis) {
        return connection.looksReusable(waitMillis);
    }

    @Override
    public boolean isClosed() {
        return connection.isClosed();
    }

    @Override
    public void close() {
        connection.close();
    }
}
