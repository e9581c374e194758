package dev.shuttle.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CommonFieldNamesTest {
    private static String find(String text) {
        byte[] bytes = ("x" + text + ":").getBytes(StandardCharsets.ISO_8859_1);
        return CommonFieldNames.find(bytes, 1, bytes.length - 1);
    }

    @Test
    void usualSpellingsAreSharedAndOthersAreNot() {
        assertSame("Content-Length", find("Content-Length"));
        assertSame("content-length", find("content-length"));
        assertSame("ETag", find("ETag"));
        assertNull(find("CONTENT-LENGTH"), "an unusual spelling must be kept as received, in a String of its own");
        assertNull(find("Content-Lengt"));
        assertNull(find("X-Unknown"));
        assertNull(find(""));
    }

    @Test
    void lowerCasingIsThatOfTheRootLocaleWithCommonNamesShared() {
        assertSame("content-length", CommonFieldNames.toLowerCase("Content-Length"));
        assertSame("content-length", CommonFieldNames.toLowerCase(new String("content-length")));
        assertSame("etag", CommonFieldNames.toLowerCase("ETag"));
        String[] names = {"X-Unknown", "\u00c0-B", "\u212aeep-Alive", "\u017fet-Cookie", "CONTENT-length", "host", ""};
        for (String name : names) {
            assertEquals(name.toLowerCase(Locale.ROOT), CommonFieldNames.toLowerCase(name), name);
        }
    }
}
