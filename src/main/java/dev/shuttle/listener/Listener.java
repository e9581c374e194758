package dev.shuttle.listener;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening socket of a frontend and its acceptor: takes connection slots, accepts, and
 * starts one virtual thread per connection under the listener's {@link Supervisor}.
 *
 * <p>A slot is taken from each applicable {@code maxconn} (the bind's, the frontend's, the
 * process's) before accepting, and given back when the connection ends.
 */
public final class Listener {
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);

    private final Frontend frontend;
    private final ListeningEndpoint endpoint;
    private final List<ConnectionLimit> limits;
    private final ConnectionHandler handler;
    private final String name;
    private final Supervisor supervisor;
    private volatile boolean stopping;
    private volatile Thread acceptor;

    /** A listener whose connections count against {@code limits}, most specific first. */
    public Listener(Frontend frontend, ListeningEndpoint endpoint, String name, List<ConnectionLimit> limits,
                    ConnectionHandler handler) {
        this.frontend = frontend;
        this.name = name;
        this.endpoint = endpoint;
        this.limits = List.copyOf(limits);
        this.handler = handler;
        this.supervisor = new Supervisor(frontend.name() + "@" + endpoint.describe());
    }

    public ListeningEndpoint endpoint() {
        return endpoint;
    }

    public Frontend frontend() {
        return frontend;
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    public void start() {
        acceptor = supervisor.fork("acceptor", child -> acceptLoop());
    }

    /** Stops accepting: closes the listening socket; connections already accepted go on. */
    public void stopAccepting() {
        stopping = true;
        endpoint.close();
        Thread thread = acceptor;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void acceptLoop() {
        while (!stopping) {
            int taken = 0;
            Socket client = null;
            try {
                for (ConnectionLimit limit : limits) {
                    limit.acquire();
                    taken++;
                }
                client = endpoint.accept();
            } catch (InterruptedException e) {
                releaseFirst(taken);
                return;
            } catch (IOException e) {
                releaseFirst(taken);
                if (stopping) {
                    return;
                }
                LOG.warn("{}: accept failed on {}: {}", frontend.name(), endpoint.describe(), e.toString());
                pauseAfterAcceptError();
                continue;
            }
            Socket accepted = client;
            supervisor.fork("connection", accepted, child -> serve(accepted, child));
        }
    }

    private void serve(Socket client, Supervisor.Child child) throws Exception {
        frontend.connectionStarted();
        try {
            handler.handle(client, frontend, name, child);
        } finally {
            try {
                client.close();
            } finally {
                frontend.connectionEnded();
                releaseFirst(limits.size());
            }
        }
    }

    private void releaseFirst(int count) {
        for (int i = 0; i < count; i++) {
            limits.get(i).release();
        }
    }

    /** An accept error such as EMFILE repeats at once: back off a little instead of spinning. */
    private static void pauseAfterAcceptError() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
