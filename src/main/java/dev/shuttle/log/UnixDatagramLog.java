package dev.shuttle.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Sends log lines as datagrams to a UNIX socket such as {@code /dev/log} ({@code log /dev/log} or
 * {@code log unix@<path>}). The JDK has UNIX stream sockets only, so this goes through junixsocket,
 * which Shuttle already uses for inherited sockets. The channel does not block: as over UDP, a line
 * the receiver cannot take now is lost (counted when its queue was full, reported when no socket
 * is there).
 */
final class UnixDatagramLog implements AutoCloseable {
    private final AFUNIXDatagramChannel channel;
    private final AFUNIXSocketAddress address;

    UnixDatagramLog(Path path) throws IOException {
        this.channel = AFUNIXDatagramChannel.open();
        channel.configureBlocking(false);
        this.address = AFUNIXSocketAddress.of(path);
    }

    /** Sends one line; false when the receiver's queue is full and the line was lost. */
    boolean send(byte[] line) throws IOException {
        return channel.send(ByteBuffer.wrap(line), address) == line.length;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to send
        }
    }
}
