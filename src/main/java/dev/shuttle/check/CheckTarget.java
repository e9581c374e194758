package dev.shuttle.check;

import dev.shuttle.net.Address;
import dev.shuttle.server.CheckControl;
import dev.shuttle.server.Server;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * Where a server's health checks go now (configuration.txt §5.2, "addr", "port"; management.txt
 * §9.3, "set server addr", "set server check-addr", "set server check-port"): the check's own
 * address and port where it has them, else the server's. Asked before every round; made again only
 * when the server's address or the check's own target was replaced, so that a round costs no
 * address parsing and no allocation for it.
 */
final class CheckTarget implements Supplier<InetSocketAddress> {
    /** The address made from the server's address and the check's own target of that time. */
    private record Made(Address server, CheckControl.Target moved, InetSocketAddress target) {}

    private final Server server;
    // volatile: read by the poller and the rounds' threads; two racing rounds may make the same
    // address twice, which is harmless
    private volatile Made last;

    CheckTarget(Server server) {
        this.server = server;
    }

    @Override
    public InetSocketAddress get() {
        Address address = server.address();
        CheckControl.Target moved = server.checkControl().healthTarget();
        Made made = last;
        if (made != null && made.server() == address && made.moved() == moved) {
            return made.target();
        }
        InetSocketAddress own = HealthChecks.serverAddress(server);
        InetSocketAddress target = new InetSocketAddress(
                moved.address().map(HealthChecks::literal).orElse(own.getAddress()),
                moved.port() > 0 ? moved.port() : own.getPort());
        last = new Made(address, moved, target);
        return target;
    }
}
