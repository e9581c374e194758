package dev.shuttle.log;

import dev.shuttle.config.RingConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@code ring} section at run time (configuration.txt §12.5): each of its servers receives its
 * own copy of every line through a {@link RingServerLink}, so that one slow server holds back only
 * itself. Messages are laid out in the ring's {@code format} and cut to its {@code maxlen}.
 * A ring keeps no line for {@code show events} (which lists it, with nothing to dump): a ring
 * without a server keeps nothing, and its lines are counted as dropped.
 */
final class LogRing implements AutoCloseable {
    private final RingConfig config;
    private final List<RingServerLink> links;
    private final LongAdder dropped;

    LogRing(RingConfig config, LongAdder dropped) {
        this.config = config;
        this.dropped = dropped;
        this.links = config.servers().stream().map(server -> new RingServerLink(config, server, dropped)).toList();
    }

    RingConfig config() {
        return config;
    }

    /** Its servers' next connections go to {@code address} (a log backend's TCP server, moved). */
    void moveTo(InetSocketAddress address) {
        links.forEach(link -> link.moveTo(address));
    }

    /** Hands the line (ending with a line feed) to every server; never blocks. */
    void write(byte[] line) {
        if (links.isEmpty()) {
            dropped.increment();
            return;
        }
        for (RingServerLink link : links) {
            link.offer(line);
        }
    }

    @Override
    public void close() {
        links.forEach(RingServerLink::close);
    }
}
