package dev.shuttle.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeValueTest {
    @ParameterizedTest
    @CsvSource({
            "0, 0", "250, 250", "250ms, 250", "1us, 1", "1000us, 1", "1001us, 2", "1500us, 2",
            "5s, 5000", "2m, 120000", "3h, 10800000", "1d, 86400000", "24d, 2073600000",
            "2147483647, 2147483647", "2147483647ms, 2147483647"})
    void millisForEachUnit(String text, long millis) throws ConfigException {
        assertEquals(millis, TimeValue.parseMillis(text, "timeout client"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "25d", "596524h", "35791395m", "2147484s"})
    void valuesAboveTheTimerRangeOverflow(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> TimeValue.parseMillis(text, "timeout server"));
        assertEquals("timer overflow in argument '" + text + "' to 'timeout server' (maximum value is 2147483647 ms "
                + "or ~24.8 days)", e.getMessage());
    }

    @Test
    void digitsBeyondALongAreTooLarge() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TimeValue.parseMillis("99999999999999999999", "grace"));
        assertEquals("'grace': value '99999999999999999999' is too large", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10000000000000d", "9999999999999999s", "9223372036854775807ms", "9223372036854775807us"})
    void valuesOverflowingALongAreATimerOverflowToo(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> TimeValue.parseMillis(text, "timeout client"));
        assertEquals("timer overflow in argument '" + text + "' to 'timeout client' (maximum value is 2147483647 ms "
                + "or ~24.8 days)", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"5x, x", "5sec, s", "5S, S", "1.5s, .", "5 s, ' '"})
    void unknownUnitsNameTheirFirstCharacter(String text, String character) {
        ConfigException e = assertThrows(ConfigException.class, () -> TimeValue.parseMillis(text, "timeout connect"));
        assertEquals("unexpected character '" + character + "' in 'timeout connect'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "-5s", "+5s", "\u0665s"})
    void aTimeMustStartWithAsciiDigits(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> TimeValue.parseMillis(text, "grace"));
        assertEquals("'grace' expects a time value such as '5s' (got '" + text + "')", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "512, 512", "16k, 16384", "16K, 16384", "2m, 2097152", "1g, 1073741824", "3G, 3221225472"})
    void sizesArePowersOf1024(String text, long bytes) throws ConfigException {
        assertEquals(bytes, TimeValue.parseSize(text, "tune.bufsize"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"16kb", "1t", "1.5k", "16 k"})
    void badSizeSuffixes(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> TimeValue.parseSize(text, "tune.bufsize"));
        assertEquals("'tune.bufsize': invalid size '" + text + "'", e.getMessage());
    }

    @Test
    void aSizeNeedsDigits() {
        ConfigException e = assertThrows(ConfigException.class, () -> TimeValue.parseSize("k", "tune.bufsize"));
        assertEquals("'tune.bufsize' expects a size (got 'k')", e.getMessage());
    }

    @Test
    void sizesOverflowingALongAreRefused() {
        assertThrows(ConfigException.class, () -> TimeValue.parseSize("8589934592g", "tune.bufsize"));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "42, 42", "2147483647, 2147483647"})
    void counts(String text, int value) throws ConfigException {
        assertEquals(value, TimeValue.parseCount(text, "maxconn"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "1k", "ten", "1 "})
    void countsAreBareNonNegativeIntegers(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> TimeValue.parseCount(text, "maxconn"));
        assertEquals("'maxconn' expects an integer argument (got '" + text + "')", e.getMessage());
    }

    @Test
    void countsAboveIntRangeAreTooLarge() {
        ConfigException e = assertThrows(ConfigException.class, () -> TimeValue.parseCount("2147483648", "maxconn"));
        assertEquals("'maxconn': value '2147483648' is too large", e.getMessage());
    }
}
