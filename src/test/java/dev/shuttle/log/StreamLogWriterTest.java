package dev.shuttle.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamLogWriterTest {
    /** Records what is written and how many write calls it took. */
    private static final class RecordingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public synchronized void write(int b) {
            writes.incrementAndGet();
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.incrementAndGet();
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void lenCutsALineOnStdoutToo() {
        RecordingStream stream = new RecordingStream();
        StreamLogWriter writer = new StreamLogWriter(stream, "test-log");
        writer.append("<134>head: ", "x".repeat(200), 80);
        writer.append("<134>head: ", "short", 80);
        writer.close();
        // haproxy 3.5 with "log stdout len 80": 79 bytes, then the line feed
        assertEquals("<134>head: " + "x".repeat(68) + "\n<134>head: short\n", stream.text());
    }

    @Test
    void linesArriveWholeAndInOrderAndCloseFlushesTheRest() {
        RecordingStream stream = new RecordingStream();
        StreamLogWriter writer = new StreamLogWriter(stream, "test-log");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            writer.append("head: ", "line " + i, Integer.MAX_VALUE);
            expected.append("head: line ").append(i).append('\n');
        }
        writer.close();
        assertEquals(expected.toString(), stream.text());
        assertEquals(0, writer.droppedLines());
    }

    @Test
    void aBurstOfLinesIsWrittenInFarFewerCallsThanLines() {
        RecordingStream stream = new RecordingStream();
        StreamLogWriter writer = new StreamLogWriter(stream, "test-log");
        for (int i = 0; i < 10_000; i++) {
            writer.append("", "a line of a burst", Integer.MAX_VALUE);
        }
        writer.close();
        assertEquals(10_000, stream.text().lines().count());
        assertTrue(stream.writes.get() < 1000, "writes: " + stream.writes.get());
    }

    @Test
    void charactersAreWrittenAsTheirLatin1BytesAndOthersAsQuestionMarks() {
        RecordingStream stream = new RecordingStream();
        StreamLogWriter writer = new StreamLogWriter(stream, "test-log");
        writer.append("caf\u00e9 ", "\u20ac1", Integer.MAX_VALUE);
        writer.close();
        byte[] written = stream.bytes.toByteArray();
        assertEquals(8, written.length);
        assertEquals((byte) 0xE9, written[3]);
        assertEquals((byte) '?', written[5]);
    }

    @Test
    void whenTheStreamIsNotReadLinesBeyondTheBufferAreDroppedAndCounted() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        RecordingStream recorded = new RecordingStream();
        OutputStream stalled = new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("single bytes are never written");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writing.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                recorded.write(b, off, len);
            }
        };
        StreamLogWriter writer = new StreamLogWriter(stalled, "test-log");
        writer.append("", "first", Integer.MAX_VALUE);
        writing.await(); // the writer thread is now stuck in a write, as on a full pipe
        String line = "x".repeat(99); // 100 bytes with the line feed
        int fitting = StreamLogWriter.CAPACITY / 100;
        for (int i = 0; i < fitting + 500; i++) {
            writer.append("", line, Integer.MAX_VALUE);
        }
        assertEquals(500, writer.droppedLines());
        released.countDown();
        writer.close();
        assertEquals(1 + fitting, recorded.text().lines().count());
    }

    /**
     * Lines that keep coming (one a millisecond here) find the writer awake, looking for them every
     * batch period: a connection thread wakes it only after a quiet time ({@code
     * QUIET_LOOKS_BEFORE_SLEEP} looks). Before, every batch began with a signal (one per 2 ms).
     */
    @Test
    void steadyLinesDoNotWakeTheWriterEachBatch() throws InterruptedException {
        RecordingStream stream = new RecordingStream();
        StreamLogWriter writer = new StreamLogWriter(stream, "test-log");
        for (int i = 0; i < 300; i++) {
            writer.append("", "line " + i, Integer.MAX_VALUE);
            Thread.sleep(1);
        }
        long wakeUps = writer.wakeUps();
        writer.close();
        assertEquals(300, stream.text().lines().count());
        assertTrue(wakeUps <= 10, "wake-ups: " + wakeUps);
    }

    /** After the quiet time the writer sleeps, and the next line wakes it and is written. */
    @Test
    void aLineAfterAQuietTimeWakesTheWriter() throws InterruptedException {
        RecordingStream stream = new RecordingStream();
        StreamLogWriter writer = new StreamLogWriter(stream, "test-log");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!writer.sleeping() && System.nanoTime() < deadline) {
            Thread.sleep(5); // the quiet looks: 50 ms on an idle machine
        }
        assertTrue(writer.sleeping());
        writer.append("", "after a quiet time", Integer.MAX_VALUE);
        while (stream.text().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals("after a quiet time\n", stream.text()); // written by the writer thread, before close
        assertEquals(1, writer.wakeUps());
        writer.close();
    }

    @Test
    void linesAfterCloseAreWrittenAtOnce() {
        RecordingStream stream = new RecordingStream();
        StreamLogWriter writer = new StreamLogWriter(stream, "test-log");
        writer.close();
        writer.append("late ", "line", Integer.MAX_VALUE);
        assertEquals("late line\n", stream.text());
    }
}
