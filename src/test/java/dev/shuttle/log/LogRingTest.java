package dev.shuttle.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.RingConfig;
import dev.shuttle.config.SyslogFormat;
import dev.shuttle.lang.SourceLocation;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** A ring forwards its lines over TCP in 3.5's framings, and never makes its writer wait. */
class LogRingTest {
    private static RingConfig ring(int port, RingConfig.Framing framing, int size) {
        return new RingConfig(new SourceLocation("t.cfg", 1), "r", "r", SyslogFormat.RAW, 1000, size, 1000, 200,
                List.of(new RingConfig.Server("s", new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                        framing)));
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String readUntil(InputStream in, int length) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < length) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void framesAreThoseOf35() {
        assertArrayEquals(line("hello"), RingServerLink.frame(line("hello"), RingConfig.Framing.LEGACY));
        // 3.5 with log-proto octet-count: "142 <134>1 2026-... 0/0142 <134>1 ..." (no line feed)
        assertArrayEquals("5 hello".getBytes(StandardCharsets.US_ASCII),
                RingServerLink.frame(line("hello"), RingConfig.Framing.OCTET_COUNT));
    }

    @Test
    void linesReachTheServerInOrderInEachFraming() throws Exception {
        for (RingConfig.Framing framing : RingConfig.Framing.values()) {
            try (ServerSocket receiver = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 LogRing ring = new LogRing(ring(receiver.getLocalPort(), framing, 16384), new LongAdder())) {
                ring.write(line("first"));
                ring.write(line("second"));
                receiver.setSoTimeout(5000);
                try (Socket socket = receiver.accept()) {
                    socket.setSoTimeout(5000);
                    String expected = framing == RingConfig.Framing.LEGACY ? "first\nsecond\n" : "5 first6 second";
                    assertEquals(expected, readUntil(socket.getInputStream(), expected.length()));
                }
            }
        }
    }

    @Test
    void aServerThatDoesNotReadCostsDroppedLinesNotAWaitingWriter() throws Exception {
        LongAdder dropped = new LongAdder();
        try (ServerSocket receiver = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             LogRing ring = new LogRing(ring(receiver.getLocalPort(), RingConfig.Framing.LEGACY, 4096), dropped)) {
            byte[] big = line("x".repeat(999));
            long start = System.nanoTime();
            for (int i = 0; i < 20_000; i++) {
                ring.write(big); // 20 MB against a receiver that never reads
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(dropped.sum() > 0, "lines beyond the ring's size are dropped and counted");
            assertTrue(millis < 5000, "writing never waited for the receiver (took " + millis + " ms)");
        }
    }

    @Test
    void aLineWaitsInTheRingUntilItsServerListens() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        LongAdder dropped = new LongAdder();
        try (LogRing ring = new LogRing(ring(port, RingConfig.Framing.LEGACY, 16384), dropped)) {
            ring.write(line("kept"));
            Thread.sleep(300); // the first connection is refused
            try (ServerSocket receiver = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                receiver.setSoTimeout(5000);
                try (Socket socket = receiver.accept()) {
                    socket.setSoTimeout(5000);
                    assertEquals("kept\n", readUntil(socket.getInputStream(), 5));
                }
            }
            assertEquals(0, dropped.sum(), "a refused connection loses nothing, as in HAProxy's ring");
        }
    }

    @Test
    void aFullRingDropsItsOldestLinesAndCountsThem() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        LongAdder dropped = new LongAdder();
        try (LogRing ring = new LogRing(ring(port, RingConfig.Framing.LEGACY, 100), dropped)) {
            for (int i = 0; i < 10; i++) {
                ring.write(line("x".repeat(29))); // 30 bytes: three fit
            }
            assertEquals(7, dropped.sum());
        }
    }
}
