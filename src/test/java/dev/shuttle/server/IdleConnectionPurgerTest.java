package dev.shuttle.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shuttle.config.ConnectionPooling;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.net.Address;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class IdleConnectionPurgerTest {
    private static Server server(long purgeDelayMillis) {
        return new Server(new ServerConfig(new SourceLocation("test.cfg", 1), "s",
                new Address.Inet("127.0.0.1", 80, Address.Family.ANY), 1, 1, 0, false, false,
                new ConnectionPooling(-1, purgeDelayMillis, -1, 0)), "be");
    }

    private static TestConnection waitingIn(Server server) {
        TestConnection connection = new TestConnection(server.connectionHash(0));
        server.idleConnections().register(connection);
        server.idleConnections().putBack(connection, false);
        return connection;
    }

    @Test
    void stopClosesEveryWaitingConnectionOnceAndRefusesLaterOnes() {
        Server server = server(60_000);
        TestConnection waiting = waitingIn(server);
        IdleConnectionPurger purger = new IdleConnectionPurger(List.of(server));
        purger.start();
        purger.stop();
        assertEquals(1, waiting.closes.get());
        assertEquals(0, server.idleConnections().counts().waiting());
        TestConnection late = new TestConnection(server.connectionHash(0));
        server.idleConnections().register(late);
        assertFalse(server.idleConnections().putBack(late, false), "a connection put back after the stop is refused");
    }

    @Test
    void anIdleConnectionNoLongerNeededIsPurgedAfterAFewDelays() throws InterruptedException {
        Server server = server(50);
        TestConnection waiting = waitingIn(server);
        IdleConnectionPurger purger = new IdleConnectionPurger(List.of(server));
        purger.start();
        try {
            while (waiting.closes.get() == 0) {
                Thread.sleep(10);
            }
            assertEquals(0, server.idleConnections().counts().waiting());
        } finally {
            purger.stop();
        }
        assertEquals(1, waiting.closes.get(), "closed by the purge, not again by the stop");
    }

    @Test
    void aConnectionTheServerClosedIsLetGoWithoutWaitingForThePurge() throws InterruptedException {
        Server server = server(600_000);
        TestConnection dead = waitingIn(server);
        dead.alive = false;
        IdleConnectionPurger purger = new IdleConnectionPurger(List.of(server));
        purger.start();
        try {
            while (dead.closes.get() == 0) {
                Thread.sleep(10);
            }
            assertEquals(0, server.idleConnections().counts().waiting());
        } finally {
            purger.stop();
        }
    }

    @Test
    void aServerAddedAfterTheStartIsPurgedAndOneRemovedIsLeftToItsBackend() throws InterruptedException {
        Server early = server(600_000);
        TestConnection earlyWaiting = waitingIn(early);
        AtomicReference<List<Server>> current = new AtomicReference<>(List.of(early));
        IdleConnectionPurger purger = new IdleConnectionPurger(current::get);
        purger.start();
        Server added = server(50);
        TestConnection addedWaiting = waitingIn(added);
        current.set(List.of(added)); // "early" leaves the list, "added" joins it
        try {
            while (addedWaiting.closes.get() == 0) {
                Thread.sleep(10);
            }
        } finally {
            purger.stop();
        }
        assertEquals(0, earlyWaiting.closes.get(), "a server no longer listed is not the purger's any more");
        assertEquals(1, addedWaiting.closes.get());
    }
}
