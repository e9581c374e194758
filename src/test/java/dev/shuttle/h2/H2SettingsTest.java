package dev.shuttle.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class H2SettingsTest {
    @Test
    void theInitialValuesAreTheRfcs() {
        H2Settings settings = H2Settings.DEFAULTS;
        assertEquals(4096, settings.headerTableSize());
        assertTrue(settings.pushEnabled());
        assertEquals(65_535, settings.initialWindowSize());
        assertEquals(16_384, settings.maxFrameSize());
        assertEquals(Long.MAX_VALUE, settings.maxConcurrentStreams());
        assertEquals(List.of(), settings.announced());
    }

    @Test
    void aFrameIsAppliedInOrderAndUnknownIdentifiersIgnored() throws H2Exception {
        H2Settings settings = H2Settings.DEFAULTS.apply(new Frame.Settings(false, List.of(
                new Frame.SettingValue(3, 10), new Frame.SettingValue(0x99, 7), new Frame.SettingValue(3, 20))));
        assertEquals(20, settings.maxConcurrentStreams());
        assertEquals(List.of(new Frame.SettingValue(3, 20)), settings.announced());
    }

    @Test
    void aBadValueIsRefusedWithTheRfcsCode() {
        H2Exception error = assertThrows(H2Exception.class,
                () -> H2Settings.DEFAULTS.with(Setting.INITIAL_WINDOW_SIZE, 1L << 31));
        assertEquals(H2ErrorCode.FLOW_CONTROL_ERROR, error.errorCode());
        assertThrows(H2Exception.class, () -> H2Settings.DEFAULTS.with(Setting.MAX_FRAME_SIZE, 16_383));
        assertThrows(H2Exception.class, () -> H2Settings.DEFAULTS.with(Setting.ENABLE_CONNECT_PROTOCOL, 2));
    }

    @Test
    void settingTheInitialValueAgainAnnouncesNothing() throws H2Exception {
        H2Settings settings = H2Settings.DEFAULTS.with(Setting.ENABLE_PUSH, 0).with(Setting.ENABLE_PUSH, 1);
        assertEquals(H2Settings.DEFAULTS, settings);
    }
}
