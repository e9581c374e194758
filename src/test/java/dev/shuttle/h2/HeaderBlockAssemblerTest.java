package dev.shuttle.h2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 9113 §4.3's ordering rule, and the bounds against a CONTINUATION flood. */
class HeaderBlockAssemblerTest {
    private static Frame.Headers open(int stream, byte... fragment) {
        return new Frame.Headers(stream, fragment, false, false, null);
    }

    @Test
    void aWholeHeadersFrameIsABlockAtOnce() throws H2Exception {
        HeaderBlockAssembler assembler = new HeaderBlockAssembler(1024, 4);
        HeaderBlockAssembler.Block block = assembler.start(new Frame.Headers(1, new byte[] {1}, true, true, null));
        assertNotNull(block);
        assertFalse(assembler.isOpen());
    }

    @Test
    void anotherFrameInsideABlockIsAConnectionError() throws H2Exception {
        HeaderBlockAssembler assembler = new HeaderBlockAssembler(1024, 4);
        assembler.start(open(1, (byte) 1));
        assertTrue(assembler.isOpen());
        assertEquals(1, assembler.openStreamId());
        H2Exception error = assertThrows(H2Exception.class,
                () -> assembler.checkOrder(new Frame.Ping(false, 0)));
        assertEquals(H2ErrorCode.PROTOCOL_ERROR, error.errorCode());
        assertTrue(error.isConnectionError());
        assertThrows(H2Exception.class,
                () -> assembler.checkOrder(new Frame.Continuation(3, new byte[0], true)));
    }

    @Test
    void aContinuationWithoutABlockIsAConnectionError() {
        HeaderBlockAssembler assembler = new HeaderBlockAssembler(1024, 4);
        assertThrows(H2Exception.class, () -> assembler.checkOrder(new Frame.Continuation(1, new byte[0], true)));
    }

    @Test
    void fragmentsAreJoinedInOrder() throws H2Exception {
        HeaderBlockAssembler assembler = new HeaderBlockAssembler(1024, 4);
        assembler.start(open(1, (byte) 1, (byte) 2));
        assembler.add(new Frame.Continuation(1, new byte[] {3}, false));
        HeaderBlockAssembler.Block block = assembler.add(new Frame.Continuation(1, new byte[] {4, 5}, true));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, block.bytes());
        assertFalse(assembler.isOpen());
    }

    @Test
    void tooManyContinuationsAreRefused() throws H2Exception {
        HeaderBlockAssembler assembler = new HeaderBlockAssembler(1024, 2);
        assembler.start(open(1));
        assembler.add(new Frame.Continuation(1, new byte[0], false));
        assembler.add(new Frame.Continuation(1, new byte[0], false));
        H2Exception error = assertThrows(H2Exception.class,
                () -> assembler.add(new Frame.Continuation(1, new byte[0], false)));
        assertEquals(H2ErrorCode.ENHANCE_YOUR_CALM, error.errorCode());
    }

    @Test
    void aBlockLargerThanTheBoundIsRefused() throws H2Exception {
        HeaderBlockAssembler assembler = new HeaderBlockAssembler(10, 100);
        assembler.start(open(1, new byte[6]));
        H2Exception error = assertThrows(H2Exception.class,
                () -> assembler.add(new Frame.Continuation(1, new byte[5], true)));
        assertEquals(H2ErrorCode.ENHANCE_YOUR_CALM, error.errorCode());
        assertThrows(H2Exception.class, () -> new HeaderBlockAssembler(10, 100).start(
                new Frame.Headers(1, new byte[11], false, true, null)));
    }
}
