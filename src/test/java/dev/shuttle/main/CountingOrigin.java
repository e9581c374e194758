package dev.shuttle.main;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 origin on one thread that counts the connections it holds open: every request is
 * answered {@code 200 ok} on a kept-alive connection. Before it counts a newly accepted
 * connection, it reads every connection it holds, so that one the proxy closed before it opened
 * the new one (its FIN is queued on loopback by then) is no longer counted.
 */
final class CountingOrigin implements AutoCloseable {
    private static final byte[] RESPONSE = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final Map<SocketChannel, StringBuilder> open = new HashMap<>();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final ByteBuffer scratch = ByteBuffer.allocate(16384);
    private final Thread thread;
    private volatile boolean stopped;

    CountingOrigin() throws IOException {
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        listener.configureBlocking(false);
        selector = Selector.open();
        listener.register(selector, SelectionKey.OP_ACCEPT);
        thread = Thread.ofPlatform().name("counting-origin").start(this::run);
    }

    int port() {
        return listener.socket().getLocalPort();
    }

    /** The most connections it held open at once. */
    int peak() {
        return peak.get();
    }

    int accepted() {
        return accepted.get();
    }

    private void run() {
        try {
            while (!stopped) {
                selector.select(100);
                for (SelectionKey key : new ArrayList<>(selector.selectedKeys())) {
                    selector.selectedKeys().remove(key);
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        acceptAll();
                    } else if (key.isReadable()) {
                        serve((SocketChannel) key.channel());
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void acceptAll() throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            for (SocketChannel held : List.copyOf(open.keySet())) {
                serve(held);
            }
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            open.put(channel, new StringBuilder());
            accepted.incrementAndGet();
            peak.accumulateAndGet(open.size(), Math::max);
        }
    }

    /** Reads what is there, answers each complete request head, forgets the connection at its end. */
    private void serve(SocketChannel channel) throws IOException {
        StringBuilder pending = open.get(channel);
        if (pending == null) {
            return;
        }
        while (true) {
            scratch.clear();
            int read;
            try {
                read = channel.read(scratch);
            } catch (IOException e) {
                read = -1;
            }
            if (read < 0) {
                open.remove(channel);
                channel.close();
                return;
            }
            if (read == 0) {
                return;
            }
            pending.append(new String(scratch.array(), 0, read, StandardCharsets.ISO_8859_1));
            int end;
            while ((end = pending.indexOf("\r\n\r\n")) >= 0) {
                pending.delete(0, end + 4);
                ByteBuffer out = ByteBuffer.wrap(RESPONSE);
                while (out.hasRemaining()) {
                    channel.write(out);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SocketChannel channel : open.keySet()) {
            channel.close();
        }
        selector.close();
        listener.close();
    }
}
