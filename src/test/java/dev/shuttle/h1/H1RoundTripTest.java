package dev.shuttle.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.http.HeaderList;
import dev.shuttle.http.StatusReasons;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Parse, write, parse again: every accepted corpus message gives the same head the second time. */
class H1RoundTripTest {

    static Stream<Corpus.Case> acceptedRequests() {
        return H1CorpusTest.requests().stream()
                .filter(c -> !Character.isDigit(c.verdict().charAt(0)));
    }

    static Stream<Corpus.Case> acceptedResponses() {
        return H1CorpusTest.responses().stream()
                .filter(c -> !Character.isDigit(c.verdict().charAt(0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedRequests")
    void request(Corpus.Case c) throws H1ParseException, IOException {
        H1Settings settings = H1CorpusTest.requestSettings(c.settings());
        H1Request first = H1RequestParser.parse(c.message(), 0, c.message().length, settings);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        H1Writer.writeRequestHead(first.head(), out);
        byte[] written = out.toByteArray();
        H1Request second = H1RequestParser.parse(written, 0, written.length, settings);
        assertEquals(first.head().requestLine(), second.head().requestLine(), c.name());
        assertEquals(fields(first.head().headers()), fields(second.head().headers()), c.name());
        assertEquals(first.framing(), second.framing(), c.name());
        assertEquals(first.target(), second.target(), c.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedResponses")
    void response(Corpus.Case c) throws H1ParseException, IOException {
        String[] settings = c.settings().split("\\s+");
        H1Settings h1 = settings.length > 1 ? H1Settings.DEFAULTS.withAcceptUnsafeResponse(true) : H1Settings.DEFAULTS;
        H1Response first = H1ResponseParser.parse(c.message(), 0, c.message().length, settings[0], h1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        H1Writer.writeResponseHead(first.head(), out);
        byte[] written = out.toByteArray();
        H1Response second = H1ResponseParser.parse(written, 0, written.length, settings[0], h1);
        assertEquals(first.head().version(), second.head().version(), c.name());
        assertEquals(first.head().status(), second.head().status(), c.name());
        // An empty reason is written as the status's standard one (HAProxy 3.5).
        assertEquals(first.head().reason().isEmpty() ? StatusReasons.of(first.head().status()) : first.head().reason(),
                second.head().reason(), c.name());
        assertEquals(fields(first.head().headers()), fields(second.head().headers()), c.name());
        assertEquals(first.framing(), second.framing(), c.name());
    }

    static List<HeaderList.Field> fields(HeaderList headers) {
        List<HeaderList.Field> fields = new ArrayList<>();
        for (HeaderList.Field field : headers) {
            fields.add(field);
        }
        return fields;
    }
}
