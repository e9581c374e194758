package dev.shuttle.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HaproxyVersionTest {
    private static HaproxyVersion version(String text) {
        return HaproxyVersion.parse(text).orElseThrow(() -> new AssertionError("unreadable: " + text));
    }

    @Test
    void fieldsOfTheSyntaxShownByHaproxyMinusV() {
        assertEquals(new HaproxyVersion(1, 5, 0, 0, HaproxyVersion.DEVELOPMENT, 18, 43), version("1.5-dev18-43"));
        assertEquals(new HaproxyVersion(2, 4, 0, 0, HaproxyVersion.DEVELOPMENT, 18, 20), version("2.4-dev18-f6818d-20"));
        assertEquals(new HaproxyVersion(1, 2, 3, 4, HaproxyVersion.RELEASE, 0, 0), version("1.2.3.4"));
        assertEquals(new HaproxyVersion(2, 6, 12, 0, HaproxyVersion.RELEASE, 0, 0), version("2.6.12-1+deb12u4"));
        assertEquals(new HaproxyVersion(2, 0, 0, 0, HaproxyVersion.RELEASE_CANDIDATE, 1, 0), version("2-rc1"));
    }

    @Test
    void ascendingOrder() {
        List<String> ascending = List.of("2.4", "2.5-dev0", "2.5-dev1", "2.5-dev1-7", "2.5-pre1", "2.5-rc2",
                "2.5", "2.5-3", "2.5.1", "2.5.1.1", "2.6-dev0", "3");
        for (int index = 1; index < ascending.size(); index++) {
            HaproxyVersion lower = version(ascending.get(index - 1));
            HaproxyVersion higher = version(ascending.get(index));
            assertTrue(lower.compareTo(higher) < 0, ascending.get(index - 1) + " < " + ascending.get(index));
            assertTrue(higher.compareTo(lower) > 0);
        }
    }

    @Test
    void missingComponentsAreZero() {
        assertEquals(0, version("2.5").compareTo(version("2.5.0.0")));
        assertEquals(0, version("2.5-rc1").compareTo(version("2.5-pre1")));
    }

    @Test
    void oddTailsThatHaproxyStillReads() {
        // 2.6: version_before(2.7-rc1-) and version_before(2.7-abc) are true, so both are read.
        assertEquals(version("2.7-rc1"), version("2.7-rc1-"));
        assertEquals(version("2.7"), version("2.7-abc"));
    }

    @Test
    void unreadableVersions() {
        // 2.6: version_before() of 2.7-x-, 2.7-devx and 2.7.x is false, the answer for unreadable versions.
        for (String text : List.of("", "abc", "2.6.x", "1.2.3.4.5", "2.6-devx", "2.6-dev1x", "2.7-x-")) {
            assertEquals(Optional.empty(), HaproxyVersion.parse(text), text);
        }
    }
}
