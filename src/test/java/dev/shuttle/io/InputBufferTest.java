package dev.shuttle.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InputBufferTest {
    /** A stream that hands out one byte per read, the worst case for any parser. */
    private static InputStream trickle(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < bytes.length ? bytes[next++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[next++];
                return 1;
            }
        };
    }

    @Test
    void findsALineEndAcrossManySmallReads() throws Exception {
        InputBuffer buffer = new InputBuffer(trickle("4\r\nabcd\r\n"), 64);
        int lineFeed = buffer.findLineEnd(16);
        assertEquals("4\r", new String(buffer.array(), buffer.start(), lineFeed - buffer.start(), StandardCharsets.US_ASCII));
    }

    @Test
    void aLineLongerThanAllowedIsRefused() {
        InputBuffer buffer = new InputBuffer(new ByteArrayInputStream("x".repeat(100).getBytes()), 64);
        assertThrows(InputBuffer.LineTooLongException.class, () -> buffer.findLineEnd(10));
    }

    @Test
    void aLineLimitLargerThanTheBufferStopsAtTheBufferSize() {
        InputBuffer buffer = new InputBuffer(new ByteArrayInputStream("x".repeat(100).getBytes()), 16);
        assertThrows(InputBuffer.LineTooLongException.class, () -> buffer.findLineEnd(1000));
    }

    @Test
    void transferCopiesExactlyTheCountAndKeepsTheRestBuffered() throws Exception {
        InputBuffer buffer = new InputBuffer(new ByteArrayInputStream("0123456789NEXT".getBytes()), 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        buffer.transferTo(out, 10);
        assertEquals("0123456789", out.toString());
        buffer.require(4);
        assertEquals("NEXT", new String(buffer.array(), buffer.start(), 4, StandardCharsets.US_ASCII));
    }

    @Test
    void transferFailsWhenThePeerClosesEarly() {
        InputBuffer buffer = new InputBuffer(new ByteArrayInputStream("short".getBytes()), 8);
        assertThrows(EOFException.class, () -> buffer.transferTo(new ByteArrayOutputStream(), 10));
    }

    @Test
    void transferAllCopiesUntilEndOfStream() throws Exception {
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        InputBuffer buffer = new InputBuffer(new ByteArrayInputStream(data), 512);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(10_000, buffer.transferAllTo(out));
        assertArrayEquals(data, out.toByteArray());
        assertTrue(buffer.isExhausted());
    }

    @Test
    void fillCompactsWhenTheTailIsFull() throws Exception {
        InputBuffer buffer = new InputBuffer(new ByteArrayInputStream("abcdefgh".getBytes()), 4);
        buffer.require(4);
        buffer.consume(3);
        assertEquals(3, buffer.fill());
        assertEquals("defg", new String(buffer.array(), buffer.start(), buffer.buffered(), StandardCharsets.US_ASCII));
    }

    @Test
    void consumingMoreThanBufferedIsAProgrammingError() {
        InputBuffer buffer = new InputBuffer(new ByteArrayInputStream(new byte[0]), 4);
        assertThrows(IllegalArgumentException.class, () -> buffer.consume(1));
    }

    @Test
    void aReadThatFailsIsRememberedButATimeoutIsNot() {
        InputBuffer timingOut = new InputBuffer(new InputStream() {
            @Override
            public int read() throws IOException {
                throw new SocketTimeoutException("deadline");
            }
        }, 16);
        assertThrows(IOException.class, timingOut::fill);
        assertEquals(false, timingOut.readFailed(), "an inspect delay may read again");
        InputBuffer reset = new InputBuffer(new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset");
            }
        }, 16);
        assertThrows(IOException.class, reset::fill);
        assertEquals(true, reset.readFailed());
    }
}
