package dev.shuttle.stream;

/**
 * How an exchange ended, as each of its parts reports it to {@link HttpExchange}, which finishes the
 * log line in one place.
 *
 * @param logged         whether the exchange has a log line (a probe that sent nothing has none)
 * @param status         the status sent, or -1 to keep the one noted (if any)
 * @param state          the termination state
 * @param clientPersists whether the client connection carries another exchange
 */
record ExchangeEnding(boolean logged, int status, TerminationState state, boolean clientPersists) {
    /** Nothing to log: the client closed or idled out between requests, or probed without a byte. */
    static final ExchangeEnding UNLOGGED = new ExchangeEnding(false, -1, TerminationState.NORMAL, false);

    static ExchangeEnding logged(int status, TerminationState state, boolean clientPersists) {
        return new ExchangeEnding(true, status, state, clientPersists);
    }

    /** An ending after which the client connection closes. */
    static ExchangeEnding closing(int status, TerminationState state) {
        return logged(status, state, false);
    }
}
