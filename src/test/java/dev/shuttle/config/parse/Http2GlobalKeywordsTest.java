package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shuttle.config.Http2Tunables;
import dev.shuttle.config.parse.ConfigFixture.Loaded;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tune.h2.* keywords: values, defaults in force, HAProxy 3.5's refusals, notices for the others. */
class Http2GlobalKeywordsTest {
    @TempDir
    Path directory;

    private ConfigFixture fixture() {
        return new ConfigFixture(directory);
    }

    private Http2Tunables load(String globals) {
        return fixture().load("global\n" + globals + "defaults\n    timeout client 1s\n    timeout server 1s\n"
                + "    timeout connect 1s\nfrontend fe\n    mode http\n    bind 127.0.0.1:1 proto h2\n")
                .configuration().orElseThrow().global().http2();
    }

    @Test
    void theDefaultsAreHaproxys() {
        Http2Tunables tunables = load("");
        assertEquals(4096, tunables.headerTableSize());
        assertEquals(16_384, tunables.streamWindow(16_384));
        assertEquals(100, tunables.concurrentStreams());
        assertEquals(16_384, tunables.frameSize(16_384));
        assertEquals(0, tunables.frontMaxTotalStreams());
        assertEquals(0, tunables.frontGlitchesThreshold());
    }

    @Test
    void theFrontSettingsWinOverTheCommonOnes() {
        Http2Tunables tunables = load("    tune.h2.initial-window-size 32768\n    tune.h2.fe.initial-window-size 65536\n"
                + "    tune.h2.max-concurrent-streams 50\n    tune.h2.fe.max-concurrent-streams 20\n"
                + "    tune.h2.max-frame-size 32768\n    tune.h2.header-table-size 8192\n"
                + "    tune.h2.fe.max-total-streams 1000\n    tune.h2.fe.glitches-threshold 100\n");
        assertEquals(65_536, tunables.streamWindow(16_384));
        assertEquals(20, tunables.concurrentStreams());
        assertEquals(32_768, tunables.frameSize(16_384));
        assertEquals(8192, tunables.headerTableSize());
        assertEquals(1000, tunables.frontMaxTotalStreams());
        assertEquals(100, tunables.frontGlitchesThreshold());
        assertEquals(32_768, load("    tune.h2.initial-window-size 32768\n").streamWindow(16_384));
    }

    @Test
    void theWebSocketWorkaroundStopsTheExtendedConnectAnnouncement() {
        assertFalse(load("").websocketDisabled());
        assertTrue(load("    h2-workaround-bogus-websocket-clients\n").websocketDisabled());
        assertTrue(alert("    h2-workaround-bogus-websocket-clients yes\n").contains("yes"));
    }

    @Test
    void badValuesGetHaproxysMessages() {
        assertTrue(alert("    tune.h2.header-table-size 100\n")
                .contains("'tune.h2.header-table-size' expects a numeric value between 4096 and 65536."));
        assertTrue(alert("    tune.h2.max-frame-size 1000\n")
                .contains("'tune.h2.max-frame-size' expects a numeric value between 16384 and 16777215."));
        assertTrue(alert("    tune.h2.fe.initial-window-size -1\n")
                .contains("'tune.h2.fe.initial-window-size' expects a positive numeric value."));
        assertTrue(alert("    tune.h2.fe.max-concurrent-streams 100 rq-load auto\n").contains("rq-load"));
    }

    @Test
    void serverSideSettingsTakeEffectOrComeWithANotice() {
        Loaded loaded = fixture().load("global\n    tune.h2.be.initial-window-size 65536\n    tune.h2.fe.rxbuf 64k\n"
                + "    tune.h2.be.max-concurrent-streams 5\n    tune.h2.be.glitches-threshold 10\n"
                + "defaults\n    timeout client 1s\n    timeout server 1s\n    timeout connect 1s\n");
        assertTrue(loaded.configuration().isPresent(), loaded.messages().toString());
        Http2Tunables tunables = loaded.configuration().get().global().http2();
        assertEquals(65536, tunables.serverStreamWindow(16384));
        assertEquals(5, tunables.serverConcurrentStreams());
        assertEquals(10, tunables.backGlitchesThreshold());
        assertFalse(loaded.notices().toString().contains("tune.h2.be."), loaded.notices().toString());
        assertTrue(loaded.notices().toString().contains("'tune.h2.fe.rxbuf' has no effect"), loaded.notices().toString());
    }

    private String alert(String globals) {
        return fixture().load("global\n" + globals).alerts().toString();
    }
}
