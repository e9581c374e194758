package dev.shuttle.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verdict tables: for each malformed, ambiguous or ordinary message, the exact outcome
 * (framing, or the status of the refusal), as haproxy 2.6 gave it unless the table says why not.
 */
class H1CorpusTest {

    static List<Corpus.Case> requests() {
        return Corpus.load("/h1/requests.txt");
    }

    static List<Corpus.Case> responses() {
        return Corpus.load("/h1/responses.txt");
    }

    static List<Corpus.Case> chunkSizes() {
        return Corpus.load("/h1/chunk-sizes.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void request(Corpus.Case c) {
        assertEquals(c.verdict(), requestVerdict(c.message(), requestSettings(c.settings())), c.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void response(Corpus.Case c) {
        String[] settings = c.settings().split("\\s+");
        H1Settings h1 = settings.length > 1 && settings[1].equals("unsafe")
                ? H1Settings.DEFAULTS.withAcceptUnsafeResponse(true) : H1Settings.DEFAULTS;
        assertEquals(c.verdict(), responseVerdict(c.message(), settings[0], h1), c.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkSizes")
    void chunkSize(Corpus.Case c) {
        String verdict;
        try {
            verdict = "SIZE:" + ChunkSizeLine.parse(c.message(), 0, c.message().length);
        } catch (H1ParseException e) {
            verdict = Integer.toString(e.status());
        }
        assertEquals(c.verdict(), verdict, c.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void requestErrorPositionsPointInsideTheHead(Corpus.Case c) {
        try {
            H1RequestParser.parse(c.message(), 0, c.message().length, requestSettings(c.settings()));
        } catch (H1ParseException e) {
            assertTrue(e.position() >= 0 && e.position() <= c.message().length, c.name() + " at " + e.position());
        }
    }

    static H1Settings requestSettings(String name) {
        return switch (name) {
            case "strict" -> H1Settings.DEFAULTS;
            case "unsafe" -> H1Settings.DEFAULTS.withAcceptUnsafeRequest(true);
            case "anypayload" -> H1Settings.DEFAULTS.withAcceptPayloadWithAnyMethod(true);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** "NONE", "LENGTH:n", "CHUNKED", "TUNNEL", "CLOSE" with " +FLAG" for notable flags, or the refusal's status. */
    static String requestVerdict(byte[] message, H1Settings settings) {
        try {
            H1Request request = H1RequestParser.parse(message, 0, message.length, settings);
            return framing(request.framing()) + flags(request.flags());
        } catch (H1ParseException e) {
            return Integer.toString(e.status());
        }
    }

    static String responseVerdict(byte[] message, String method, H1Settings settings) {
        try {
            H1Response response = H1ResponseParser.parse(message, 0, message.length, method, settings);
            return framing(response.framing()) + flags(response.flags());
        } catch (H1ParseException e) {
            return Integer.toString(e.status());
        }
    }

    static String framing(BodyFraming framing) {
        return switch (framing) {
            case BodyFraming.None n -> "NONE";
            case BodyFraming.Length l -> "LENGTH:" + l.length();
            case BodyFraming.Chunked c -> "CHUNKED";
            case BodyFraming.UntilClose u -> "CLOSE";
            case BodyFraming.Tunnel t -> "TUNNEL";
        };
    }

    /** Only the flags that change what happens to the connection are part of the verdict. */
    static String flags(EnumSet<H1Flag> flags) {
        return Stream.of(H1Flag.CLOSE_SERVER_AFTER, H1Flag.UNSAFE_ACCEPTED)
                .filter(flags::contains)
                .map(flag -> " +" + flag)
                .reduce("", String::concat);
    }

}
