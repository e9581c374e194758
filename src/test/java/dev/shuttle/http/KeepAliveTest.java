package dev.shuttle.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The keep-alive decisions of an exchange, as decision tables: one row per situation. */
class KeepAliveTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # situation                                         | httpclose | asks close | ambiguous | needs close | client closes
            HTTP/1.1 keep-alive, a response with a length       | false     | false      | false     | false       | false
            option httpclose                                    | true      | false      | false     | false       | true
            Connection: close, or HTTP/1.0 without keep-alive   | false     | true       | false     | false       | true
            Transfer-Encoding and Content-Length together       | false     | false      | true      | false       | true
            a close-delimited response                          | false     | false      | false     | true        | true
            everything closes                                   | true      | true       | true      | true        | true
            """)
    void theClientConnectionClosesWhenAnythingAsksForIt(String situation, boolean closeMode, boolean asksClose,
                                                         boolean ambiguous, boolean needsClose, boolean closes) {
        assertEquals(closes, KeepAlive.clientCloses(closeMode, asksClose, ambiguous, needsClose));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # situation                                         | upload complete | close after | server may persist | reusable
            a complete exchange on a kept-alive connection      | true            | false       | true               | true
            the body's upload did not finish                    | false           | false       | true               | false
            http-server-close, httpclose or an ambiguous body   | true            | true        | true               | false
            the server said close, or ended the body by closing | true            | false       | false              | false
            """)
    void theServerConnectionIsReusedOnlyAfterAWholeExchangeThatAllowsIt(String situation, boolean uploadComplete,
                                                                        boolean closeAfter, boolean mayPersist,
                                                                        boolean reusable) {
        assertEquals(reusable, KeepAlive.serverReusable(uploadComplete, closeAfter, mayPersist));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # situation                                         | client closes | upload complete | persists
            a complete keep-alive exchange                      | false         | true            | true
            the client connection closes                        | true          | true            | false
            part of the request body is still coming            | false         | false           | false
            """)
    void theClientConnectionCarriesAnotherExchangeOnlyOnceTheBodyWasRead(String situation, boolean closes,
                                                                         boolean uploadComplete, boolean persists) {
        assertEquals(persists, KeepAlive.clientPersists(closes, uploadComplete));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # situation                                         | body left | reply closes | asks close | httpclose | persists
            a deny of a request without a body                  | false     | false        | false      | false     | true
            a deny of a request whose body was not read         | true      | false        | false      | false     | false
            an errorfile with Connection: close                 | false     | true         | false      | false     | false
            the client asked to close                           | false     | false        | true       | false     | false
            option httpclose                                    | false     | false        | false      | true      | false
            """)
    void aReplyOfTheProxysOwnKeepsTheConnectionOnlyWhenNothingIsLeftToRead(String situation, boolean bodyLeft,
                                                                            boolean replyCloses, boolean asksClose,
                                                                            boolean closeMode, boolean persists) {
        assertEquals(persists, KeepAlive.persistsAfterReply(bodyLeft, replyCloses, asksClose, closeMode));
    }
}
