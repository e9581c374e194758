package dev.shuttle.bench.nioproxy;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One access line per request on standard output, shaped like HAProxy's {@code option httplog}
 * line, so that the kit compares the Vert.x proxy with HAProxy and Shuttle doing the same work.
 *
 * <p>It costs what Shuttle's own log costs: the event loop formats the line and copies it into a
 * buffer in memory; a platform thread of its own sleeps until the first line of a batch arrives,
 * waits 2 ms for more, and writes the batch with one system call (Shuttle's {@code
 * StreamLogWriter} works the same way). An idle proxy's writer does not wake up.
 */
final class AccessLog {
    private static final int CAPACITY = 256 * 1024;
    private static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", Locale.ROOT);

    private final OutputStream out = new FileOutputStream(FileDescriptor.out);
    private final StringBuilder line = new StringBuilder(256); // only the event loop formats
    private long stampSecond = -1;
    private String stamp = "";
    // Guarded by: this
    private byte[] filling = new byte[CAPACITY];
    // Guarded by: this (the writer waits on this monitor while it is 0)
    private int filled;
    private byte[] writing = new byte[CAPACITY]; // only the writer thread

    AccessLog() {
        Thread.ofPlatform().name("access-log").daemon().start(this::writeBatches);
    }

    /** Called on the event loop once the response to {@code request} has been written. */
    void requestDone(HttpServerRequest request, int frontPort, long startMillis) {
        long now = System.currentTimeMillis();
        long total = now - startMillis;
        StringBuilder b = start(request.remoteAddress(), frontPort, now)
                .append(" be/origin 0/0/0/").append(total).append('/').append(total)
                .append(' ').append(request.response().getStatusCode())
                .append(' ').append(request.response().bytesWritten())
                .append(" - - ---- 1/1/0/0/0 0/0 \"").append(request.method().name()).append(' ')
                .append(request.uri()).append(' ').append(versionText(request)).append("\"\n");
        append(b);
    }

    /** Called on the event loop once a relayed TCP connection has closed. */
    void connectionDone(NetSocket front, int frontPort, long startMillis) {
        long now = System.currentTimeMillis();
        append(start(front.remoteAddress(), frontPort, now).append(" be/origin 0/0/")
                .append(now - startMillis).append(" 0 -- 1/1/0/0/0 0/0\n"));
    }

    /** The client's address, the date and the frontend: how both kinds of line begin. */
    private StringBuilder start(SocketAddress peer, int frontPort, long now) {
        if (now / 1000 != stampSecond) {
            stampSecond = now / 1000;
            stamp = SECOND.format(ZonedDateTime.now(ZoneId.systemDefault()));
        }
        int millis = (int) (now % 1000);
        StringBuilder b = line;
        b.setLength(0);
        b.append(peer.host()).append(':').append(peer.port()).append(" [").append(stamp).append('.');
        if (millis < 100) {
            b.append(millis < 10 ? "00" : "0");
        }
        return b.append(millis).append("] fe").append(frontPort);
    }

    private static String versionText(HttpServerRequest request) {
        return switch (request.version()) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2 -> "HTTP/2.0";
        };
    }

    private synchronized void append(CharSequence text) {
        int length = text.length();
        if (filled + length > CAPACITY) {
            return; // dropped, as HAProxy drops lines nobody reads
        }
        for (int i = 0; i < length; i++) {
            filling[filled + i] = (byte) text.charAt(i);
        }
        if (filled == 0) {
            notify(); // the first line of a batch wakes the writer
        }
        filled += length;
    }

    private void writeBatches() {
        while (true) {
            try {
                synchronized (this) {
                    while (filled == 0) {
                        wait();
                    }
                }
                Thread.sleep(2);
                int length;
                synchronized (this) {
                    byte[] full = filling;
                    filling = writing;
                    writing = full;
                    length = filled;
                    filled = 0;
                }
                if (length > 0) {
                    out.write(writing, 0, length);
                }
            } catch (InterruptedException | IOException e) {
                return;
            }
        }
    }
}
