package dev.shuttle.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code fix_is_valid} and {@code fix_tag_value} (configuration.txt §7.3.1) on a FIX 4.4 Logon
 * message whose BodyLength (63) and CheckSum (178) were computed apart, and on damaged copies.
 */
class FixConvertersTest {
    private final SampleConvertersTest.Harness h = new SampleConvertersTest.Harness(FixConverters::register);

    /** 8=FIX.4.4|9=63|35=A|49=CLIENT|56=SERVER|34=1|52=20250101-00:00:00|98=0|108=30|10=178| ('|' is SOH). */
    private static final String LOGON = "8=FIX.4.4|9=63|35=A|49=CLIENT|56=SERVER|34=1|52=20250101-00:00:00|98=0|108=30|10=178|";

    private static Sample message(String text) {
        return Sample.bin(text.replace('|', '\u0001').getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aWholeMessageIsValid() {
        assertEquals("1", h.text("fix_is_valid", message(LOGON)));
    }

    @Test
    void eachRuleOfTheManualMakesItInvalid() {
        assertEquals("0", h.text("fix_is_valid", message(LOGON.replace("10=178", "10=177"))), "checksum");
        assertEquals("0", h.text("fix_is_valid", message(LOGON.replace("9=63", "9=64"))), "body length");
        assertEquals("0", h.text("fix_is_valid", message(LOGON.replace("8=FIX.4.4", "8=FIX.9.9"))), "version");
        assertEquals("0", h.text("fix_is_valid", message("9=63|" + LOGON.substring(10))), "BeginString first");
        assertEquals("0", h.text("fix_is_valid", message(LOGON.replace("35=A|49=CLIENT", "49=CLIENT|35=A"))),
                "MsgType third");
        assertEquals("0", h.text("fix_is_valid", message(LOGON.replace("34=1", "x4=1"))), "numeric tags");
        assertEquals("0", h.text("fix_is_valid", message(LOGON.replace("34=1", "=1"))), "empty tag");
        assertEquals("0", h.text("fix_is_valid", message(LOGON.replace("108=30", "9999=30"))),
                "a tag FIX 4.4 does not define");
    }

    @Test
    void aMessageCutShortHasNoAnswerYet() {
        assertEquals("<none>", h.text("fix_is_valid", message(LOGON.substring(0, 20))), "below the minimum size");
        assertEquals("<none>", h.text("fix_is_valid", message(LOGON.substring(0, LOGON.length() - 7))),
                "no CheckSum yet");
        assertTrue(h.context.takeAnswerMayChange());
    }

    @Test
    void tagValueByNumberOrName() {
        assertEquals("A", text("fix_tag_value", LOGON, "35"));
        assertEquals("A", text("fix_tag_value", LOGON, "MsgType"));
        assertEquals("CLIENT", text("fix_tag_value", LOGON, "sendercompid"));
        assertEquals("SERVER", text("fix_tag_value", LOGON, "TargetCompID"));
        assertEquals("FIX.4.4", text("fix_tag_value", LOGON, "BeginString"));
        assertEquals("178", text("fix_tag_value", LOGON, "CheckSum"));
        assertEquals("30", text("fix_tag_value", LOGON, "108"));
        assertEquals("<none>", text("fix_tag_value", LOGON, "553"), "not before the CheckSum");
        assertEquals("<none>", text("fix_tag_value", LOGON.substring(0, 30), "56"), "not there yet");
        assertTrue(h.refused("fix_tag_value", "Password").contains("Unknown FIX tag name 'Password'"));
        assertTrue(h.refused("fix_tag_value", "0").contains("Unknown FIX tag name '0'"));
    }

    private String text(String converter, String msg, String tag) {
        return h.run(converter, message(msg), tag).map(s -> new String(s.asBytes(), StandardCharsets.ISO_8859_1))
                .orElse("<none>");
    }
}
