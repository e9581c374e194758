package dev.shuttle.config;

import static dev.shuttle.config.HttpConnectionMode.CLOSE;
import static dev.shuttle.config.HttpConnectionMode.KEEP_ALIVE;
import static dev.shuttle.config.HttpConnectionMode.SERVER_CLOSE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HttpConnectionModeTest {
    @Test
    void theMoreRestrictiveModeWins() {
        assertEquals(KEEP_ALIVE, HttpConnectionMode.effective(KEEP_ALIVE, KEEP_ALIVE));
        assertEquals(SERVER_CLOSE, HttpConnectionMode.effective(KEEP_ALIVE, SERVER_CLOSE));
        assertEquals(SERVER_CLOSE, HttpConnectionMode.effective(SERVER_CLOSE, KEEP_ALIVE));
        assertEquals(CLOSE, HttpConnectionMode.effective(SERVER_CLOSE, CLOSE));
        assertEquals(CLOSE, HttpConnectionMode.effective(CLOSE, KEEP_ALIVE));
    }
}
