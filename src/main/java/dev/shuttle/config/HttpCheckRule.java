package dev.shuttle.config;

/**
 * One step of an HTTP check sequence (configuration.txt §4, "http-check connect", "http-check
 * send", "http-check expect"): a ruleset that starts with {@code http-check connect} and may hold
 * several exchanges, each on its own connection, possibly to other ports.
 */
public sealed interface HttpCheckRule {
    /** {@code http-check connect [options]}: a new connection, made as {@code options} say. */
    record Connect(CheckConnect options) implements HttpCheckRule {
        /** {@code http-check connect [port <n>]}; port 0 is the check's own. */
        public Connect(int port) {
            this(CheckConnect.port(port));
        }

        public int port() {
            return options.port();
        }
    }

    /** {@code http-check send ...}: the request, {@code option httpchk}'s with this line's changes. */
    record Send(HttpCheckRequest request) implements HttpCheckRule {}

    /** {@code http-check expect ...}: judges the response to the last request. */
    record Expect(HttpCheckExpect expect) implements HttpCheckRule {}

    /**
     * {@code http-check set-var(<name>[,<cond>...]) <expr>}, {@code set-var-fmt}, {@code unset-var}
     * (configuration.txt §4, "http-check set-var"): a {@link TcpCheckRule.SetVar} or
     * {@link TcpCheckRule.UnsetVar}, run in its place.
     */
    record Variable(TcpCheckRule action) implements HttpCheckRule {}

    /** {@code http-check comment <text>}. */
    record Comment(String text) implements HttpCheckRule {}
}
